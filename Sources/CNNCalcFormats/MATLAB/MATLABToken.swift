import CNNCalcCore

/// One token of MATLAB text, with where it starts and whether blanks come before it.
///
/// Inside `[ ]`, MATLAB separates elements by blanks, so `[1 -2]` has two elements and
/// `[1 - 2]` one: the parser reads ``hasSpaceBefore`` to tell them apart.
struct MATLABToken: Hashable, Sendable {
    /// What the token is.
    enum Kind: Hashable, Sendable {
        /// A name: a variable or a function (`numF`, `convolution2dLayer`).
        case identifier(String)
        /// A number, as MATLAB's doubles hold it (`20`, `1e-3`, `.5`).
        case number(Double)
        /// A character vector `'same'` or a string `"same"`, with `''` and `""` read as one quote.
        case text(String, isString: Bool)
        /// An operator or a bracket: `( ) [ ] { } , ; = + - * / ^ .* ./ .^ :`, and those
        /// MATLAB has but this reader refuses (`'` transpose, `==`, `@`, ...).
        case symbol(String)
        /// The end of a line that no `...` continues.
        case newline
        /// The end of the text.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// The characters as written, for messages.
    var text: String
    /// Where its first character is.
    var location: SourceLocation
    /// Whether a blank (or a `...` continuation) separates it from the token before.
    var hasSpaceBefore: Bool

    /// Whether the token is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let text) = kind { return text == symbol }
        return false
    }

    /// The identifier's name, or `nil` for another token.
    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// Whether the token ends a statement: `;`, `,`, a line end or the end of the text.
    var endsStatement: Bool {
        switch kind {
        case .newline, .end: true
        case .symbol(let text): text == ";" || text == ","
        default: false
        }
    }

    /// The token for a message: `'conv'`, `the end of the line`, `the end of the text`.
    var quoted: String {
        switch kind {
        case .newline: "the end of the line"
        case .end: "the end of the text"
        default: MATLABToken.quote(text)
        }
    }

    /// `text` in single quotes, cut to its first 40 characters followed by `...` when longer.
    static func quote(_ text: String) -> String {
        let limit = 40
        guard text.count > limit else { return "'\(text)'" }
        return "'\(text.prefix(limit))...' (\(text.count) characters)"
    }
}
