import CNNCalcCore

extension LayerBuilder {
    /// The `axis=` of a concat, by meaning; the channels when not written.
    static func concatenationAxis(_ arguments: Arguments) throws(CNNCalcError) -> Concatenate.Axis {
        guard let token = arguments.token(.axis) else { return .channels }
        let names = Concatenate.Axis.allCases.map(\.rawValue)
        if let axis = Concatenate.Axis.allCases.first(where: { $0.rawValue == Keyword.normalized(token.text) }) {
            return axis
        }
        let suggestion = Suggestion.didYouMean(Suggestion.nearest(to: token.text, among: names, normalize: Keyword.normalized))
        throw CNNCalcError(
            .badArgument, "unknown axis \(token.quoted) for concat",
            fix: suggestion ?? "the axes are \(Listing.or(names))", location: token.location)
    }
}
