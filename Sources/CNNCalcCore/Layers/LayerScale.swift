/// A learned scale per channel: every value of channel `c` is multiplied by `scale[c]`.
/// The shape is unchanged.
///
/// ConvNeXt multiplies the output of each block's residual branch by such a vector (its
/// "layer scale", initialised to 1e-6), and Lasagne's `ScaleLayer` does the same:
/// ```
/// output shape = input shape
/// scale        = C, trainable          e.g. 96 for ConvNeXt-T's first stage
/// MACs         = 0
/// FLOPs        = one multiply per value
/// ```
///
/// | convention | scale |
/// |---|---|
/// | PyTorch (torchvision's `CNBlock.layer_scale`) | `layer_scale [C, 1, 1]`, a one per spatial axis |
/// | Keras (the `LayerScale` of Keras' ConvNeXt) | `gamma (C,)` |
/// | MATLAB | `Scale 1×1×C` |
/// | Lasagne (`ScaleLayer`) | `scales (C,)` |
///
/// torchinfo counts no mult-adds for it: the tensor is a parameter of the block, not of a
/// leaf module, and torchinfo's total adds up leaf modules only (see ``TorchinfoRule/never``).
public struct LayerScale: LayerBehavior {
    /// Creates a layer scale.
    public init() {}

    public var kindName: String { "layerscale" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .layerScale(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// One scale per channel, shaped as the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let input = inputs[0]
        let ones = Array(repeating: 1, count: input.spatialRank)
        return switch convention {
        case .pytorch: [Learnable("layer_scale", shape: [input.channels] + ones, role: .trainable)]
        case .keras: [Learnable("gamma", shape: [input.channels], role: .trainable)]
        case .matlab: [Learnable("Scale", shape: ones + [input.channels], role: .trainable)]
        case .lasagne: [Learnable("scales", shape: [input.channels], role: .trainable)]
        }
    }

    /// One FLOP per element, no MACs.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output)
    }

    public var torchinfoRule: TorchinfoRule { .never }
}
