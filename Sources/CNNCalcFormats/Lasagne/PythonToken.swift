import CNNCalcCore

/// One token of the Python that Lasagne and nolearn networks are written in.
struct PythonToken: Hashable, Sendable {
    /// What the token is.
    enum Kind: Hashable, Sendable {
        /// A name: `Conv2DLayer`, `lasagne`, `None`, `def`.
        case name(String)
        /// An integer literal.
        case integer(Int)
        /// A floating-point literal: `0.5`, `.5`, `1e-3`.
        case real(Double)
        /// A string literal, quotes removed and escapes resolved.
        case string(String)
        /// An operator or bracket: `(`, `**`, `=`, `,`.
        case symbol(String)
        /// The end of a logical line.
        case newline
        /// The end of the text.
        case end
    }

    var kind: Kind
    var location: SourceLocation

    /// The token as the user wrote it, for messages.
    var text: String {
        switch kind {
        case .name(let name): name
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .string(let value): "'\(value)'"
        case .symbol(let symbol): symbol
        case .newline: "the end of the line"
        case .end: "the end of the text"
        }
    }
}
