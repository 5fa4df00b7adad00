/// What every layer kind knows about itself: how it maps input shapes to an output shape,
/// and which learnables it holds for those inputs.
///
/// Implementations are pure functions of the layer's configuration and its input
/// shapes. They validate both and throw ``CNNCalcError`` with a message that states
/// the actual and the expected value; the analysis adds the layer name and location.
///
/// Input shapes are the ones the analysis passes on: every size from 1 to
/// ``CheckedArithmetic/maximumSize``. Sizes a layer is given (kernels, strides, paddings,
/// units, heads) are checked against the same limit where its formulas add them, and every
/// product of two sizes is computed with ``CheckedArithmetic``, so no input traps.
public protocol LayerBehavior: Hashable, Sendable {
    /// The keyword of the `.cnn` format, e.g. `conv`, used in reports and messages.
    var kindName: String { get }

    /// How many inputs the layer takes.
    var arity: LayerArity { get }

    /// This layer wrapped in the exhaustive ``LayerKind`` enum.
    var layerKind: LayerKind { get }

    /// The output shape for the given input shapes.
    ///
    /// - Parameter layout: the layout of the network's input: shapes in error messages are written in it,
    ///   and the reshaping layers (``Reshape``, ``Permute``, ``Squeeze``, ``Unsqueeze``) read their axes in it.
    func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape

    /// The learnables the layer holds for the given input shapes, named, shaped and given
    /// roles as `convention` does (empty for most layers).
    func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable]

    /// The arithmetic the layer performs for one example, by the definition of ``Cost``, or
    /// `nil` when CNNCalc cannot say (reports then mark their totals as partial).
    func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost?

    /// How torchinfo scales this layer's parameters into mult-adds.
    var torchinfoRule: TorchinfoRule { get }
}

extension LayerBehavior {
    /// Layers hold no learnables unless they say otherwise.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] { [] }

    /// Most layers with parameters count them once per example in torchinfo.
    public var torchinfoRule: TorchinfoRule { .once }
}

/// How many inputs a layer takes.
public enum LayerArity: Hashable, Sendable {
    /// A source of data: the network's input.
    case none
    /// One input.
    case one
    /// Two or more inputs of compatible shapes (merges).
    case many
    /// Exactly two inputs, in order (subtract, matmul).
    case two
    /// One input, the layer written before it unless named (self-attention), or two or three
    /// named inputs: a query, then keys and values together or keys and values apart (cross-attention).
    case queryKeyValue
}
