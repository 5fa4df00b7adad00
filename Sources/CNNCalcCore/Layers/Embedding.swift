/// An embedding: a table of `vocabularySize` vectors of `dimension` values, one looked up per token id.
///
/// Input: a vector of `L` token ids (`input 50`). Output: the sequence of their vectors,
/// ```
/// output = sequence L x dimension          e.g. 50 ids -> 50x128
/// table  = vocabularySize * dimension      e.g. 10000*128 = 1,280,000
/// ```
/// Every framework counts the one table; they name and shape it differently:
///
/// | convention | table |
/// |---|---|
/// | Keras | `embeddings (V, D)` |
/// | PyTorch | `weight [V, D]` |
/// | MATLAB | `Weights D×V` (`wordEmbeddingLayer`; assumed without its extra out-of-vocabulary column) |
/// | Lasagne | `W (V, D)` |
///
/// Cost: a lookup, no arithmetic (0 MACs, 0 FLOPs).
public struct Embedding: LayerBehavior {
    /// The number of distinct token ids, `V`.
    public var vocabularySize: Int
    /// The length of each vector, `D`.
    public var dimension: Int

    /// Creates an embedding of `vocabularySize` vectors of `dimension` values.
    public init(vocabularySize: Int, dimension: Int) {
        self.vocabularySize = vocabularySize
        self.dimension = dimension
    }

    public var kindName: String { "embedding" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .embedding(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard vocabularySize > 0, dimension > 0 else {
            throw CNNCalcError(
                .badArgument, "vocabulary \(vocabularySize) and dimension \(dimension) must both be positive",
                fix: "write e.g. 'embedding 10000 128' (vocabulary, dimension)")
        }
        guard case .vector(let tokens) = inputs[0] else {
            throw CNNCalcError(
                .shape,
                "embedding looks up a vector of token ids, but its input is a \(inputs[0].kindName) \(inputs[0].text(in: layout))",
                fix: "feed it the ids as a vector, e.g. 'input 50' for 50 tokens")
        }
        return .sequence(steps: tokens, features: dimension)
    }

    /// The table, named and shaped as in the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let (name, shape): (String, [Int]) = switch convention {
        case .keras: ("embeddings", [vocabularySize, dimension])
        case .pytorch: ("weight", [vocabularySize, dimension])
        case .matlab: ("Weights", [dimension, vocabularySize])
        case .lasagne: ("W", [vocabularySize, dimension])
        }
        return [Learnable(name, shape: shape, role: .trainable)]
    }

    /// A lookup: no arithmetic.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
