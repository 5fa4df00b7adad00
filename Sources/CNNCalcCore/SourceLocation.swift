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

    /// Creates a location.
    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and compilers use.
    public var description: String { "\(source):\(line):\(column)" }
}
