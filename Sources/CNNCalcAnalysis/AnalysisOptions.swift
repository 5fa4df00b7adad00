import CNNCalcCore

/// Choices that change what the analysis counts: the framework convention and the batch size.
public struct AnalysisOptions: Hashable, Sendable {
    /// Whose way of naming and counting learnables to follow.
    public var convention: Convention
    /// The number of examples processed at once; MACs, FLOPs and activation memory scale with it.
    public var batchSize: Int

    /// Creates options; Keras' convention and one example by default.
    public init(convention: Convention = .keras, batchSize: Int = 1) {
        self.convention = convention
        self.batchSize = batchSize
    }
}
