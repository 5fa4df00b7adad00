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
    /// The layer whose learnables this one reuses (tied weights), or `nil`: a layer that shares
    /// its learnables reports none of its own, so the network counts them once.
    public var sharesLearnablesWith: String?

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
