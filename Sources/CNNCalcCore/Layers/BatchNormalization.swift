/// Batch normalization over the channel (or feature) axis, counted as Keras counts it.
///
/// With `C` the channels:
/// ```
/// gamma           = C    trainable        (0 when scale is false)
/// beta            = C    trainable        (0 when center is false)
/// moving_mean     = C    non-trainable
/// moving_variance = C    non-trainable
/// total           = 4*C, of which 2*C trainable     e.g. 4*32 = 128
/// ```
/// PyTorch counts only gamma and beta as parameters and keeps the running statistics
/// as buffers; MATLAB calls them states. Without running statistics (PyTorch's
/// `track_running_stats=False`, which normalizes with the batch's own statistics at inference
/// too) only gamma and beta remain, in every convention. The shape is unchanged.
public struct BatchNormalization: LayerBehavior {
    /// Whether a learned scale `gamma` multiplies the normalized value.
    public var scale: Bool
    /// Whether a learned offset `beta` is added.
    public var center: Bool
    /// Whether the running mean and variance are kept (and, in PyTorch, `num_batches_tracked`).
    public var tracksRunningStatistics: Bool

    /// Creates a batch normalization layer.
    public init(scale: Bool = true, center: Bool = true, tracksRunningStatistics: Bool = true) {
        self.scale = scale
        self.center = center
        self.tracksRunningStatistics = tracksRunningStatistics
    }

    public var kindName: String { "batchnorm" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .batchNormalization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// The scale, offset and running statistics, as each framework keeps them:
    ///
    /// | convention | trainable | kept | counted as parameters |
    /// |---|---|---|---|
    /// | Keras | `gamma`, `beta` | `moving_mean`, `moving_variance` (non-trainable) | 4C |
    /// | PyTorch | `weight`, `bias` | `running_mean`, `running_var`, `num_batches_tracked` (buffers) | 2C |
    /// | MATLAB | `Scale`, `Offset` | `TrainedMean`, `TrainedVariance` (states) | 2C |
    /// | Lasagne | `gamma`, `beta` | `mean`, `inv_std` (non-trainable) | 4C |
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let channels = inputs[0].channels
        let shape: [Int]
        if convention == .matlab {
            let rank = inputs[0].spatialRank
            shape = rank > 0 ? Array(repeating: 1, count: rank) + [channels] : [channels, 1]
        } else {
            shape = [channels]
        }
        let names: (scale: String, offset: String, mean: String, variance: String)
        let statistics: Learnable.Role
        switch convention {
        case .keras: (names, statistics) = (("gamma", "beta", "moving_mean", "moving_variance"), .nonTrainable)
        case .pytorch: (names, statistics) = (("weight", "bias", "running_mean", "running_var"), .state)
        case .matlab: (names, statistics) = (("Scale", "Offset", "TrainedMean", "TrainedVariance"), .state)
        case .lasagne: (names, statistics) = (("gamma", "beta", "mean", "inv_std"), .nonTrainable)
        }
        var result: [Learnable] = []
        result.reserveCapacity(5)
        if scale { result.append(Learnable(names.scale, shape: shape, role: .trainable)) }
        if center { result.append(Learnable(names.offset, shape: shape, role: .trainable)) }
        guard tracksRunningStatistics else { return result }
        result.append(Learnable(names.mean, shape: shape, role: statistics))
        result.append(Learnable(names.variance, shape: shape, role: statistics))
        if convention == .pytorch { result.append(Learnable("num_batches_tracked", shape: [], role: .state)) }
        return result
    }

    /// At inference the statistics fold into one scale and shift: one MAC per element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .macs(try output.elementCount())
    }
}
