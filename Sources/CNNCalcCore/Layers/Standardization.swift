/// Standardization with stored statistics, Keras' `Normalization` preprocessing layer: every
/// value becomes `(x - mean) / sqrt(variance)` (or, inverted, `x * sqrt(variance) + mean`), with
/// the mean and variance measured beforehand (`adapt()`) and kept as weights. The shape is unchanged.
///
/// With `C` the channels (the last axis, Keras' default `axis=-1`):
/// ```
/// mean      = C    non-trainable     (1 when there is one mean for every value, axis=None)
/// variance  = C    non-trainable     (likewise)
/// count     = 1    non-trainable     (how many examples adapt() has seen)
/// total     = 2*C + 1                e.g. 2*3 + 1 = 7 for an RGB image
/// ```
/// When the statistics are written into the layer as constants (`Normalization(mean=..., variance=...)`)
/// there are no weights at all: 0.
///
/// | convention | mean, variance, count |
/// |---|---|
/// | Keras, Lasagne | non-trainable parameters, as `model.summary()` counts them |
/// | PyTorch, MATLAB | `mean` and `variance` as state (buffers), no `count`: no parameters |
///
/// Cost: the statistics fold into one scale and shift, one MAC per value, as batch normalization
/// at inference.
///
/// For example, `Normalization()` on a 12x12x3 image keeps `2*3 + 1 = 7` non-trainable values.
public struct Standardization: LayerBehavior {
    /// Which values share one mean and variance.
    public enum Statistics: String, Hashable, Sendable {
        /// One mean and variance per channel (feature): Keras `axis=-1`.
        case perChannel
        /// One mean and variance for every value: Keras `axis=None`.
        case single
    }

    /// Which values share one mean and variance.
    public var statistics: Statistics
    /// Whether the mean and variance are weights (adapted), rather than constants written in the layer.
    public var storesStatistics: Bool

    /// Creates a standardization.
    public init(statistics: Statistics = .perChannel, storesStatistics: Bool = true) {
        self.statistics = statistics
        self.storesStatistics = storesStatistics
    }

    public var kindName: String { "standardize" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .standardization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// The stored mean, variance and count (see the table above); none for constant statistics.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        guard storesStatistics else { return [] }
        let shape = statistics == .perChannel ? [inputs[0].channels] : []
        switch convention {
        case .keras, .lasagne:
            return [
                Learnable("mean", shape: shape, role: .nonTrainable),
                Learnable("variance", shape: shape, role: .nonTrainable),
                Learnable("count", shape: [], role: .nonTrainable),
            ]
        case .pytorch, .matlab:
            return [Learnable("mean", shape: shape, role: .state), Learnable("variance", shape: shape, role: .state)]
        }
    }

    /// One MAC per value: the statistics fold into one scale and shift.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .macs(try output.elementCount())
    }
}
