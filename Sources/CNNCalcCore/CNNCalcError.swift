/// An error in the user's network or input: what is wrong, where, and how to fix it.
///
/// Every reader and the analysis throw this one type. Its description is a single
/// line in the form compilers use, so that an editor can jump to it:
///
///     net.cnn:4:1: conv2: kernel 5x5 does not fit the 3x3 input (padding 0); use padding=same or a kernel of at most 3
public struct CNNCalcError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem, for programs that react to errors.
    public enum Kind: String, Hashable, Sendable {
        /// The text could not be read: a stray character, an unbalanced token, a bad number.
        case syntax
        /// A layer kind that CNNCalc does not know.
        case unknownLayer
        /// A layer argument or option that is missing, unknown or out of range.
        case badArgument
        /// The wiring of the graph: missing input layer, dangling or duplicate names, cycles.
        case graph
        /// Shapes that do not fit together: a kernel larger than its input, channel mismatches.
        case shape
        /// A count or size too large for 64-bit arithmetic.
        case overflow
        /// The input file could not be read.
        case input
    }

    /// The class of problem.
    public var kind: Kind
    /// Where the problem is, when it comes from a text.
    public var location: SourceLocation?
    /// The layer the problem belongs to, when there is one.
    public var layerName: String?
    /// What is wrong, quoting the offending value.
    public var problem: String
    /// What to do about it, when there is a clear remedy.
    public var fix: String?

    /// Creates an error.
    public init(
        _ kind: Kind,
        _ problem: String,
        fix: String? = nil,
        location: SourceLocation? = nil,
        layerName: String? = nil
    ) {
        self.kind = kind
        self.problem = problem
        self.fix = fix
        self.location = location
        self.layerName = layerName
    }

    /// The same error, attributed to a layer and a location when it has none yet.
    public func attributed(to layerName: String?, at location: SourceLocation?) -> CNNCalcError {
        var copy = self
        if copy.layerName == nil { copy.layerName = layerName }
        if copy.location == nil { copy.location = location }
        return copy
    }

    /// `location: layer: problem; fix`, on one line.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        if let layerName { text += "\(layerName): " }
        text += problem
        if let fix { text += "; \(fix)" }
        return text
    }
}
