/// A learned position embedding: one vector of `D` features per step, added to the sequence,
/// so that attention, which ignores order, can tell the steps apart (the "1D position
/// embeddings" of a Vision Transformer, added after the class token). The shape is unchanged.
///
/// Input: a sequence of `L` steps of `D` features; the table has exactly `L` rows, so the layer
/// is built for one sequence length (ViT-B/16 at 224x224: 197 = 196 patches + the class token).
/// ```
/// output = input                           e.g. 197x768
/// table  = L * D, trainable                e.g. 197*768 = 151,296
/// MACs   = 0
/// FLOPs  = L * D                           (one addition per value)
/// ```
///
/// | convention | table |
/// |---|---|
/// | PyTorch (torchvision's `Encoder.pos_embedding`) | `pos_embedding [1, L, D]` |
/// | Keras (KerasHub's `PositionEmbedding`) | `embeddings (L, D)` |
/// | MATLAB (`positionEmbeddingLayer(D, L)`) | `Weights D×L` |
/// | Lasagne (no built-in layer; assumed) | `W (L, D)` |
///
/// torchinfo counts no mult-adds for it: the table is a parameter of torchvision's `Encoder`,
/// not of a leaf module (see ``TorchinfoRule/never``).
public struct PositionEmbedding: LayerBehavior {
    /// Creates a position embedding for the length of its input.
    public init() {}

    public var kindName: String { "posembedding" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .positionEmbedding(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let (steps, features) = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: layout)
        return .sequence(steps: steps, features: features)
    }

    /// One vector per step, shaped as the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let (l, d) = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: .channelsLast)
        return switch convention {
        case .pytorch: [Learnable("pos_embedding", shape: [1, l, d], role: .trainable)]
        case .keras: [Learnable("embeddings", shape: [l, d], role: .trainable)]
        case .matlab: [Learnable("Weights", shape: [d, l], role: .trainable)]
        case .lasagne: [Learnable("W", shape: [l, d], role: .trainable)]
        }
    }

    /// One addition per value.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output)
    }

    public var torchinfoRule: TorchinfoRule { .never }
}
