/// Flatten: lays every value of one example out in a vector. No parameters.
///
/// ```
/// output features = product of the input's axes     e.g. 5*5*32 = 800
/// parameters      = 0
/// ```
public struct Flatten: LayerBehavior {
    /// Creates a flatten layer.
    public init() {}

    public var kindName: String { "flatten" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .flatten(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        .vector(features: try inputs[0].elementCount())
    }

    /// Only a change of view.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
