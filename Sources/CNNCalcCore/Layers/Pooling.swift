/// Max or average pooling over windows of a feature map. No parameters.
///
/// Output size, per spatial axis, by the same rule as ``Convolution`` (see ``AxisOutput``),
/// with the stride defaulting to the pool size:
/// ```
/// out = floor((in + padBefore + padAfter - poolSize) / stride) + 1
/// ```
/// In ceil mode (PyTorch), the division rounds up and a last window that would start in
/// the right padding is dropped. Channels are unchanged; parameters are 0.
///
/// For example, a 2×2 max pooling of a 24×24×32 map gives 12×12×32.
public struct Pooling: LayerBehavior {
    /// Which statistic a window reduces to.
    public enum Mode: String, Hashable, Sendable {
        /// The largest value of the window.
        case max
        /// The mean of the window.
        case average
    }

    /// Max or average.
    public var mode: Mode
    /// Pool size, stride, padding and ceil mode per spatial axis.
    public var window: SlidingWindow
    /// The number of spatial axes the layer requires (`maxpool2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a pooling layer; the stride defaults to the pool size.
    public init(
        _ mode: Mode,
        poolSize: [Int],
        stride: [Int]? = nil,
        padding: Padding = .valid,
        ceilMode: Bool = false,
        spatialRank: Int? = nil
    ) {
        self.mode = mode
        self.window = SlidingWindow(kernel: poolSize, stride: stride ?? poolSize, padding: padding, ceilMode: ceilMode)
        self.spatialRank = spatialRank
    }

    public var kindName: String { mode == .max ? "maxpool" : "avgpool" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .pooling(self) }

    /// The window of every spatial axis of `input`.
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        return try window.axes(over: spatial, what: "pool")
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        outputShape(for: inputs[0], axes: try axes(for: inputs[0], layout: layout))
    }

    /// The output for `input`, given its windows as ``axes(for:layout:)`` computes them.
    func outputShape(for input: TensorShape, axes: [AxisOutput]) -> TensorShape {
        windowOutput(like: input, spatial: axes.lazy.map(\.length), channels: input.channels)
    }

    /// No MACs; each output reads its window: window-size FLOPs per output element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let window = try SlidingWindow.product(self.window.kernel, rank: max(output.spatialRank, 1), "the FLOP count")
        return try .elementwise(output, perElement: window)
    }
}

/// Global max or average pooling: one value per channel over all spatial positions. No parameters.
///
/// ```
/// output features = channels          e.g. 7x7x512 -> 512
/// keepsDimensions: 1 per spatial axis  e.g. 7x7x512 -> 1x1x512 (Keras keepdims=True)
/// parameters      = 0
/// ```
public struct GlobalPooling: LayerBehavior {
    /// Max or average.
    public var mode: Pooling.Mode
    /// Whether the output keeps its spatial axes, each of size 1, instead of becoming a vector.
    public var keepsDimensions: Bool

    /// Creates a global pooling layer.
    public init(_ mode: Pooling.Mode, keepsDimensions: Bool = false) {
        self.mode = mode
        self.keepsDimensions = keepsDimensions
    }

    public var kindName: String { mode == .max ? "globalmaxpool" : "globalavgpool" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .globalPooling(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        if case .vector = inputs[0] {
            throw CNNCalcError(
                .shape, "\(kindName) needs a feature map or a sequence, but its input is a vector of \(inputs[0].channels)",
                fix: "remove it, or place it before the flatten or dense layer")
        }
        guard keepsDimensions else { return .vector(features: inputs[0].channels) }
        let rank = max(inputs[0].spatialRank, 1)
        return windowOutput(like: inputs[0], spatial: Array(repeating: 1, count: rank), channels: inputs[0].channels)
    }

    /// One FLOP per input element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(inputs[0])
    }
}
