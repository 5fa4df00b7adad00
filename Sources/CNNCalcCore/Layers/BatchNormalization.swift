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
/// as buffers; MATLAB calls them states. The shape is unchanged.
public struct BatchNormalization: LayerBehavior {
    /// Whether a learned scale `gamma` multiplies the normalized value.
    public var scale: Bool
    /// Whether a learned offset `beta` is added.
    public var center: Bool

    /// Creates a batch normalization layer.
    public init(scale: Bool = true, center: Bool = true) {
        self.scale = scale
        self.center = center
    }

    public var kindName: String { "batchnorm" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .batchNormalization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    public func learnables(for inputs: [TensorShape]) throws(CNNCalcError) -> [Learnable] {
        let channels = inputs[0].channels
        var result: [Learnable] = []
        if scale { result.append(Learnable("gamma", shape: [channels], role: .trainable)) }
        if center { result.append(Learnable("beta", shape: [channels], role: .trainable)) }
        result.append(Learnable("moving_mean", shape: [channels], role: .nonTrainable))
        result.append(Learnable("moving_variance", shape: [channels], role: .nonTrainable))
        return result
    }
}
