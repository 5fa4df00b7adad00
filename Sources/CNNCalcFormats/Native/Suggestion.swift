import CNNCalcCore

/// The known names to suggest for a misspelt one, and the `did you mean` text.
///
/// Only the nearest candidates are suggested: those at the smallest edit distance when
/// it is less than half the length of the name (`convv` gives `conv`, `relux` gives `relu`
/// and not also `elu`), or else those that start with the name (`batch` gives
/// `batchnorm`). A name too short or too unlike every candidate gets no suggestion, so
/// that `lstm` is not taken for `sum`.
enum Suggestion {
    /// The candidates nearest to `name`, in their given order, compared after `normalize`
    /// (see ``EditDistance/suggestions(for:among:normalize:)``).
    static func nearest(
        to name: String, among candidates: [String], normalize: (String) -> String = { $0.lowercased() }
    ) -> [String] {
        EditDistance.suggestions(for: name, among: candidates, normalize: normalize)
    }

    /// `did you mean 'a'?` or `did you mean 'a', 'b' or 'c'?` for up to three names, `nil` for none.
    static func didYouMean(_ names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        return "did you mean \(Listing.or(names.prefix(3).map(Token.quote)))?"
    }
}
