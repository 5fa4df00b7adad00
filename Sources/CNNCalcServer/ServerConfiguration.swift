/// The limits the server keeps, whatever a request asks.
public struct ServerConfiguration: Hashable, Sendable {
    /// The largest request body read, in bytes (64 MiB by default); a larger one gets status 413.
    public var maximumBodyBytes: Int
    /// How long one analysis may take before the request gets status 503 (10 s by default).
    public var analysisTimeout: Duration
    /// How many analyses run at once (2 by default); a request beyond them waits up to
    /// ``analysisTimeout`` for its turn.
    public var concurrentAnalyses: Int

    /// The default body limit: 64 MiB, the size of the largest file the command reads.
    public static let defaultMaximumBodyBytes = 64 * 1024 * 1024

    /// Creates a configuration.
    public init(
        maximumBodyBytes: Int = ServerConfiguration.defaultMaximumBodyBytes, analysisTimeout: Duration = .seconds(10),
        concurrentAnalyses: Int = 2
    ) {
        self.maximumBodyBytes = maximumBodyBytes
        self.analysisTimeout = analysisTimeout
        self.concurrentAnalyses = max(1, concurrentAnalyses)
    }
}
