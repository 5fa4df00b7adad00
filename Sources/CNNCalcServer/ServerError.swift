/// A request the service refuses: the HTTP status, what is wrong, and what to do instead.
///
/// Problems of the network itself are ``CNNCalcError``s, answered with status 422; this type is
/// for the request: a malformed query (400), an unknown path (404) or method (405), a body over
/// the limit (413), or an analysis that could not run in time (503).
public struct ServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// What is wrong.
    public var problem: String
    /// What to do about it, when there is a clear remedy.
    public var fix: String?
    /// For status 405: the methods the path allows, for the `Allow` header.
    public var allowedMethods: [String] = []

    /// Creates an error.
    public init(_ status: Int, _ problem: String, fix: String? = nil) {
        self.status = status
        self.problem = problem
        self.fix = fix
    }

    /// `problem; fix`, on one line.
    public var description: String {
        fix.map { "\(problem); \($0)" } ?? problem
    }
}
