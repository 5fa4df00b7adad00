/// The network's input: the shape of one example and the layout it was written in.
///
/// `input 28x28x1` is height × width × channels; `input 1x28x28 layout=chw` is the same
/// image written channels first. The layout of the first input is the layout reports use
/// unless the user asks for another.
public struct Input: LayerBehavior {
    /// The shape of one example, batch excluded.
    public var shape: TensorShape
    /// The layout the shape was written in.
    public var layout: Layout

    /// Creates an input of the given shape.
    public init(_ shape: TensorShape, layout: Layout = .channelsLast) {
        self.shape = shape
        self.layout = layout
    }

    /// An image input, height × width × channels.
    public init(height: Int, width: Int, channels: Int, layout: Layout = .channelsLast) {
        self.init(.featureMap(spatial: [height, width], channels: channels), layout: layout)
    }

    public var kindName: String { "input" }
    public var arity: LayerArity { .none }
    public var layerKind: LayerKind { .input(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        for size in shape.dimensions(in: .channelsLast) where size <= 0 {
            throw CNNCalcError(
                .badArgument, "input size \(size) is not positive",
                fix: "every axis of the input needs at least 1 element, e.g. 'input 28x28x1'")
        }
        return shape
    }

    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
