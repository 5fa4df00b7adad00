/// An operator of an imported model that CNNCalc has no formula for, kept in the network so
/// that the analysis can go on past it.
///
/// A reader (ONNX, for example) builds one when a node's operator has no core layer kind.
/// Nothing about it is computed here: its output shape, its learnables and its cost are what the
/// reader found. The output shape comes from the file's shape information (`value_info` in
/// ONNX) or from the reader's own shape inference (``inferredShapeNote`` says how); when neither
/// gives one, the layer's output shape is unknown and the analysis stops there with an error
/// naming the operator and, when the reader knows it, why (``unknownShapeReason``). The
/// learnables are the file's own tensors, with the file's names and dimensions, the same under
/// every convention. When the cost is unknown the report's totals are marked partial.
///
/// For example, a `Transpose` node of a transformer keeps its `value_info` shape `10x16`
/// and costs nothing; a `Pow` node keeps its shape and leaves its cost unknown.
public struct OpaqueOperator: LayerBehavior {
    /// The operator's name in the source, e.g. `Transpose` or `Einsum`.
    public var operatorName: String
    /// How many data inputs the operator reads (constants and weights excluded).
    public var inputCount: Int
    /// The output shape the source declares, or `nil` when it declares none.
    public var declaredOutputShape: TensorShape?
    /// Whether the output has its first input's shape (an elementwise operator) when the source declares none.
    public var keepsInputShape: Bool
    /// The tensors the source stores for this operator, counted as trainable parameters.
    public var declaredLearnables: [Learnable]
    /// The arithmetic of one example when the reader knows it (zero for pure data movement), else `nil`.
    public var knownCost: Cost?
    /// Whether ``declaredLearnables`` are all the operator's weights; `false` for a layer whose
    /// weights the source does not list (a Keras custom layer), which reports then warn about.
    public var learnablesAreKnown: Bool = true
    /// How the reader inferred the output shape, when the source does not declare it, e.g.
    /// `Reshape to [batch, -1]`; `nil` when the shape is the one the source declares.
    public var inferredShapeNote: String?
    /// Why the output shape is unknown, when it is and the reader knows why.
    public var unknownShapeReason: String?

    /// Creates an opaque operator.
    public init(
        operatorName: String,
        inputCount: Int = 1,
        declaredOutputShape: TensorShape?,
        keepsInputShape: Bool = false,
        declaredLearnables: [Learnable] = [],
        knownCost: Cost? = nil,
        inferredShapeNote: String? = nil,
        unknownShapeReason: String? = nil
    ) {
        self.operatorName = operatorName
        self.inputCount = inputCount
        self.declaredOutputShape = declaredOutputShape
        self.keepsInputShape = keepsInputShape
        self.declaredLearnables = declaredLearnables
        self.knownCost = knownCost
        self.inferredShapeNote = inferredShapeNote
        self.unknownShapeReason = unknownShapeReason
    }

    public var kindName: String { operatorName }
    public var arity: LayerArity { inputCount <= 1 ? .one : .many }
    public var layerKind: LayerKind { .opaque(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        if let declaredOutputShape { return declaredOutputShape }
        guard keepsInputShape, let first = inputs.first else {
            if let unknownShapeReason {
                throw CNNCalcError(
                    .shape, "CNNCalc cannot infer the output shape of this \(operatorName) node: \(unknownShapeReason)",
                    fix: "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator")
            }
            throw CNNCalcError(
                .shape, "CNNCalc has no formula for the operator \(operatorName), and the file does not declare its output shape",
                fix: "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator")
        }
        return first
    }

    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        declaredLearnables
    }

    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        knownCost
    }
}
