import CNNCalcCore

/// One value in the arguments PyTorch prints for a module (its `extra_repr`): `32`, `1e-05`,
/// `True`, `None`, `'nearest'` or `same`, or a tuple such as `(5, 5)`, `(64,)` or `(None, 7)`.
struct PrintedValue: Hashable, Sendable {
    /// What the value is.
    enum Content: Hashable, Sendable {
        /// A whole number: `32`, `-1`.
        case integer(Int)
        /// A number with a fraction or an exponent: `0.5`, `1e-05`, `2.0`.
        case number(Double)
        /// `True` or `False`.
        case boolean(Bool)
        /// `None`.
        case none
        /// A word, quoted or not: `same`, `'nearest'`, `reflect`.
        case word(String)
        /// A parenthesized or bracketed sequence of values.
        case tuple([PrintedValue])
    }

    /// What the value is.
    var content: Content
    /// The value as written, for messages.
    var text: String
    /// Where the value starts.
    var location: SourceLocation

    /// The value as a whole number, when it is one (`2.0` counts, as PyTorch prints float sizes).
    var integer: Int? {
        switch content {
        case .integer(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: Int(value)
        default: nil
        }
    }

    /// The value as a number.
    var number: Double? {
        switch content {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The items of a tuple, or the value alone.
    var items: [PrintedValue] {
        if case .tuple(let items) = content { return items }
        return [self]
    }
}
