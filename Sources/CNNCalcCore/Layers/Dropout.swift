/// Dropout: during training, zeroes a fraction `rate` of the values. No parameters, same shape.
///
/// ```
/// output shape = input shape
/// parameters   = 0
/// ```
public struct Dropout: LayerBehavior {
    /// The fraction of values dropped during training, in `[0, 1)`.
    public var rate: Double

    /// Creates a dropout layer.
    public init(rate: Double) {
        self.rate = rate
    }

    public var kindName: String { "dropout" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .dropout(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard rate >= 0, rate < 1 else {
            throw CNNCalcError(
                .badArgument, "dropout rate \(rate) is outside [0, 1)",
                fix: "give the fraction of values to drop, e.g. 'dropout 0.5'")
        }
        return inputs[0]
    }

    /// Nothing at inference.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
