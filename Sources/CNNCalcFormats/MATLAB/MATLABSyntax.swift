import CNNCalcCore

/// An expression of the MATLAB subset CNNCalc reads, as written, with where each part starts.
indirect enum MATLABExpression: Sendable {
    /// A number: `20`, `1e-3`.
    case number(Double, SourceLocation)
    /// A character vector `'same'` (`isString` false) or a string `"same"`.
    case text(String, isString: Bool, SourceLocation)
    /// A name on its own: a variable, or a function called without arguments (`reluLayer`).
    case name(String, SourceLocation)
    /// `f(arguments)`: a function call, or a variable indexed.
    case call(name: String, location: SourceLocation, arguments: [MATLABArgument])
    /// `[a b; c d]`: rows of elements, concatenated.
    case matrix(rows: [[MATLABExpression]], location: SourceLocation)
    /// `{a, b}`: a cell array.
    case cell(rows: [[MATLABExpression]], location: SourceLocation)
    /// `-x` or `+x`.
    case unary(String, MATLABExpression, location: SourceLocation)
    /// `a + b`, `a * b`, `a .^ b`, ...; the location is the operator's.
    case binary(String, MATLABExpression, MATLABExpression, location: SourceLocation)
    /// `first:last` or `first:step:last`; the location is the first colon's.
    case range(first: MATLABExpression, step: MATLABExpression?, last: MATLABExpression, location: SourceLocation)

    /// Where the expression starts (for a binary operation and a range, where its left side starts).
    var location: SourceLocation {
        switch self {
        case .number(_, let location), .text(_, _, let location), .name(_, let location): location
        case .call(_, let location, _), .matrix(_, let location), .cell(_, let location), .unary(_, _, let location): location
        case .binary(_, let left, _, _): left.location
        case .range(let first, _, _, _): first.location
        }
    }
}

/// One argument of a call: a value, or `Name=Value` as MATLAB R2021a and later write name-value arguments.
struct MATLABArgument: Sendable {
    /// The name of a `Name=Value` argument, or `nil` for a value on its own.
    var name: String?
    /// Where the name is written.
    var nameLocation: SourceLocation?
    /// The value.
    var value: MATLABExpression
}

/// One statement of the text.
enum MATLABStatement: Sendable {
    /// `name = value`.
    case assignment(name: String, location: SourceLocation, value: MATLABExpression)
    /// A value on its own: a layer array written alone, or a call such as `analyzeNetwork(lgraph)`.
    case expression(MATLABExpression)
    /// A command that changes nothing CNNCalc reads, such as `clear tempLayers` or `figure`.
    case command(name: String, location: SourceLocation)
}
