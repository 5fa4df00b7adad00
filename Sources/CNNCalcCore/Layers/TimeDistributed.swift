/// A layer applied to every step of its input on its own, with one set of weights for all
/// steps: Keras' `TimeDistributed` (frames of a video through the same 2-D convolution).
///
/// The first axis of the input is the steps, `T`; the wrapped layer sees one step at a time, the
/// input without that axis, and the results are stacked along a new first axis:
/// ```
/// input   T x rest                 e.g. 6x16x16x3, six 16x16x3 frames
/// step    rest -> layer(rest)      e.g. 16x16x3 -> 14x14x8 (a 3x3 convolution of 8 filters)
/// output  T x layer(rest)          e.g. 6x14x14x8
/// ```
/// A step of one axis is a vector, of two axes a sequence (steps × features), of three or four a
/// feature map (channels last); the output is read back the same way with `T` in front, so a
/// vector per step gives a sequence of `T` steps. Shapes are read channels last: Keras puts the
/// steps before the channels whatever the `data_format`.
///
/// Learnables: the wrapped layer's, for one step, shared by every step (`(3*3*3+1)*8 = 224`
/// in the example). Cost: `T` times the wrapped layer's cost for one step.
public struct TimeDistributed: LayerBehavior {
    /// The layer applied to every step.
    public var layer: LayerKind

    /// Wraps `layer`, which must take one input.
    public init(_ layer: LayerKind) {
        self.layer = layer
    }

    public var kindName: String { "timedistributed" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .timeDistributed(self) }
    public var torchinfoRule: TorchinfoRule { layer.torchinfoRule }

    /// The number of steps of `input` and the shape of one step.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.shape` for a vector, which has no steps to distribute over.
    public func steps(of input: TensorShape) throws(CNNCalcError) -> (count: Int, step: TensorShape) {
        let sizes = input.dimensions(in: .channelsLast)
        guard sizes.count >= 2 else {
            throw CNNCalcError(
                .shape, "timedistributed needs an input with steps (at least two axes), but it gets the vector \(input.text(in: .channelsLast))",
                fix: "apply the layer itself, without TimeDistributed")
        }
        return (sizes[0], Self.shape(of: Array(sizes.dropFirst())))
    }

    /// The output of one step: the wrapped layer's output for the shape of one step.
    public func stepOutput(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> TensorShape {
        try layer.outputShape(for: [try steps(of: input).step], layout: layout)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard layer.arity == .one else {
            throw CNNCalcError(.badArgument, "timedistributed wraps a layer of one input, not \(layer.kindName)",
                               fix: "wrap a layer such as a convolution, a pooling or a dense layer")
        }
        let (count, _) = try steps(of: inputs[0])
        let step = try stepOutput(for: inputs[0], layout: layout).dimensions(in: .channelsLast)
        guard step.count <= 3 else {
            throw CNNCalcError(
                .shape, "timedistributed would give \(count) steps of a \(step.count)-axis output, more axes than CNNCalc represents",
                fix: "CNNCalc follows tensors of up to 4 axes besides the batch")
        }
        return Self.shape(of: [count] + step)
    }

    /// The wrapped layer's learnables for one step, shared by every step.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        try layer.learnables(for: [try steps(of: inputs[0]).step], convention: convention)
    }

    /// `T` times the wrapped layer's cost for one step; unknown when that is.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let (count, step) = try steps(of: inputs[0])
        // The output has the steps and at least one more axis (see outputShape).
        let stepOutput = Self.shape(of: Array(output.dimensions(in: .channelsLast).dropFirst()))
        return try layer.cost(for: [step], output: stepOutput)?.scaled(by: count)
    }

    /// The windows of the wrapped layer over one step (empty unless it slides a window).
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        try layer.axes(for: [try steps(of: input).step], layout: layout)
    }

    /// A shape from sizes written channels last: one axis a vector, two a sequence, three or four a feature map.
    private static func shape(of sizes: [Int]) -> TensorShape {
        precondition(!sizes.isEmpty, "a shape has at least one axis")
        switch sizes.count {
        case 1: return .vector(features: sizes[0])
        case 2: return .sequence(steps: sizes[0], features: sizes[1])
        default: return .featureMap(spatial: SpatialSizes(axesOf: sizes.dropLast()), channels: sizes[sizes.count - 1])
        }
    }
}
