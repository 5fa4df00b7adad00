/// One named layer of a network: its kind, where its inputs come from, and where it was written.
public struct Layer: Hashable, Sendable {
    /// The layer's name, unique in its network.
    public var name: String
    /// What the layer does.
    public var kind: LayerKind
    /// The names of the layers feeding this one; empty means the layer written before it.
    public var inputs: [String]
    /// Where the layer was written, when it comes from a text.
    public var location: SourceLocation?
    /// Whether training updates the layer's weights; `false` for a frozen layer (Keras
    /// `trainable: false`, PyTorch `requires_grad_(False)`).
    ///
    /// The analysis counts the trainable learnables of a frozen layer as non-trainable, so
    /// the total stays the same and the weights move from "trainable" to "non-trainable",
    /// as `model.summary()` shows them.
    public var isTrainable: Bool = true
    /// The layer whose weights this one reuses, when the same framework layer is applied a
    /// second time (a Keras layer called on two inputs); `nil` for a layer with its own weights.
    ///
    /// The analysis gives such a layer no learnables: its weights are counted once, at the
    /// named layer. Shapes and costs are still its own.
    public var sharesLearnablesWith: String?
    /// A size of the input the source declares for this layer (PyTorch's `in_features=800`),
    /// which the analysis checks against what arrives; `nil` when the source declares none.
    /// See ``DeclaredInput``.
    public var declaredInput: DeclaredInput?

    /// Creates a layer.
    public init(
        name: String, kind: LayerKind, inputs: [String] = [], location: SourceLocation? = nil,
        sharesLearnablesWith: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.inputs = inputs
        self.location = location
        self.sharesLearnablesWith = sharesLearnablesWith
    }

    /// The error, attributed to this layer.
    func error(_ kind: CNNCalcError.Kind, _ problem: String, fix: String? = nil) -> CNNCalcError {
        CNNCalcError(kind, problem, fix: fix, location: location, layerName: name)
    }
}
