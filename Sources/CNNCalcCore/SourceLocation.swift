/// Where a layer or an error comes from: a file (or `-e`), a line and a column.
///
/// Readers attach a location to every layer they produce, so that an error found
/// later, in the analysis, still points back at the text the user wrote.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it, or `-e` for an expression on the command line.
    public var source: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int
    /// For a structured file such as a Keras JSON model, the path to the offending value
    /// (`config.layers[3].config.kernel_size`) instead of a line and column; `nil` for text.
    public var path: String?

    /// Creates a location.
    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// Creates a location inside a structured file, given by a path rather than a line; `line`
    /// and `column` are 0.
    public init(source: String, path: String) {
        self.source = source
        self.line = 0
        self.column = 0
        self.path = path
    }

    /// `file:line:column`, the form editors and compilers use, or `file: path` for a structured file.
    public var description: String {
        if let path { return "\(source): \(path)" }
        return "\(source):\(line):\(column)"
    }
}
