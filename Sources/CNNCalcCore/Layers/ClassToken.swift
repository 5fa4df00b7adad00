/// A class token: one learned vector of `D` features put in front of a sequence, the token a
/// Vision Transformer classifies from (Dosovitskiy et al., "An Image is Worth 16x16 Words",
/// BERT's `[CLS]`). Every example gets the same vector; the values are not computed.
///
/// Input: a sequence of `L` steps of `D` features (ViT-B/16's 196 patches of 768).
/// ```
/// output = sequence (L + 1) x D           e.g. 196x768 -> 197x768
/// token  = D, trainable                   e.g. 768
/// MACs   = 0, FLOPs = 0                   (a copy)
/// ```
///
/// | convention | token |
/// |---|---|
/// | PyTorch (torchvision's `VisionTransformer.class_token`) | `class_token [1, 1, D]` |
/// | Keras (KerasHub's `ViTPatchingAndEmbedding`) | `class_token (1, 1, D)` |
/// | MATLAB (no built-in layer; assumed) | `ClassToken D×1` |
/// | Lasagne (no built-in layer; assumed) | `class_token (D,)` |
///
/// torchinfo counts no mult-adds for it: the token is a parameter of the model, not of a leaf
/// module (see ``TorchinfoRule/never``).
public struct ClassToken: LayerBehavior {
    /// Creates a class token.
    public init() {}

    public var kindName: String { "classtoken" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .classToken(self) }

    /// `L + 1` steps of the input's `D` features.
    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let (steps, features) = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: layout)
        try CheckedArithmetic.checkSize(steps + 1, "the steps with the class token")
        return .sequence(steps: steps + 1, features: features)
    }

    /// The one token, shaped as the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let (_, d) = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: .channelsLast)
        let shape: [Int] = switch convention {
        case .pytorch, .keras: [1, 1, d]
        case .matlab: [d, 1]
        case .lasagne: [d]
        }
        return [Learnable(convention == .matlab ? "ClassToken" : "class_token", shape: shape, role: .trainable)]
    }

    /// A copy: no arithmetic.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }

    public var torchinfoRule: TorchinfoRule { .never }
}
