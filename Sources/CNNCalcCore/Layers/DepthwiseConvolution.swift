/// A depthwise convolution: each input channel has its own `multiplier` kernels, and no kernel
/// mixes channels (Keras `DepthwiseConv2D`; PyTorch `Conv2d(C, C*m, k, groups=C)`).
///
/// Output size per spatial axis: the rule of ``Convolution`` (see ``AxisOutput``); the output has
/// `C * multiplier` channels. Learnable parameters, with `C` the input channels and `m` the multiplier:
/// ```
/// kernel = kernelSize product * C * m
/// bias   = C * m                                   (0 when hasBias is false)
/// total  = (kernelSize product + 1) * C * m
/// ```
///
/// | convention | kernel | bias |
/// |---|---|---|
/// | Keras 3 | `kernel (kh, kw, C, m)` (tf.keras 2 called it `depthwise_kernel`) | `bias (C*m,)` |
/// | PyTorch | `weight [C*m, 1, kh, kw]` | `bias [C*m]` |
/// | MATLAB (channel-wise grouped convolution) | `Weights kh×kw×1×m×C` | `Bias 1×1×m×C` |
/// | Lasagne (`Conv2DLayer` with `num_groups=C`) | `W (C*m, 1, kh, kw)` | `b (C*m,)` |
///
/// MACs: `output positions × C × m × kernel size`.
///
/// For example, a 3×3 depthwise convolution with padding `same` on a 112×112×32 map gives
/// 112×112×32 and `(3*3+1)*32 = 320` parameters (MobileNet's first depthwise layer).
public struct DepthwiseConvolution: LayerBehavior {
    /// Kernels per input channel.
    public var multiplier: Int
    /// Kernel, stride, dilation and padding per spatial axis.
    public var window: SlidingWindow
    /// Whether each output channel adds a bias.
    public var hasBias: Bool
    /// An activation applied to the output, when written inline.
    public var activation: Activation.Function?
    /// The number of spatial axes the layer requires (`depthwiseconv2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a depthwise convolution.
    public init(
        kernelSize: [Int],
        multiplier: Int = 1,
        stride: [Int] = [1],
        padding: Padding = .valid,
        dilation: [Int] = [1],
        hasBias: Bool = true,
        activation: Activation.Function? = nil,
        spatialRank: Int? = nil
    ) {
        self.multiplier = multiplier
        self.window = SlidingWindow(kernel: kernelSize, stride: stride, dilation: dilation, padding: padding)
        self.hasBias = hasBias
        self.activation = activation
        self.spatialRank = spatialRank
    }

    public var kindName: String { "depthwiseconv" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .depthwiseConvolution(self) }

    /// The window of every spatial axis of `input`.
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        try separableAxes(
            for: input, layout: layout, window: window, multiplier: multiplier, spatialRank: spatialRank, kindName: kindName)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        try outputShape(for: inputs[0], axes: try axes(for: inputs[0], layout: layout))
    }

    /// The output for `input`, given its windows as ``axes(for:layout:)`` computes them.
    func outputShape(for input: TensorShape, axes: [AxisOutput]) throws(CNNCalcError) -> TensorShape {
        let channels = try CheckedArithmetic.multiply(input.channels, multiplier, "the output channel count")
        return windowOutput(like: input, spatial: axes.map(\.length), channels: channels)
    }

    /// The kernel and bias, as each framework names and shapes them (see the table above).
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        try depthwiseLearnables(
            kernel: window.kernel(forRank: max(inputs[0].spatialRank, 1)), channels: inputs[0].channels,
            multiplier: multiplier, hasBias: hasBias, convention: convention, prefix: nil)
    }

    /// `output positions × C × m × kernel size` MACs, plus one FLOP per output element for the bias
    /// and for an inline activation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let rank = max(inputs[0].spatialRank, 1)
        let positions = try CheckedArithmetic.product(output.spatial.isEmpty ? [output.dimensions(in: .channelsLast)[0]] : output.spatial, "the MAC count")
        let perPosition = try CheckedArithmetic.product(window.kernel(forRank: rank) + [output.channels], "the MAC count")
        let extra = try Cost.biasAndActivationFLOPs(output, hasBias: hasBias, activation: activation)
        return try .macs(try CheckedArithmetic.multiply(positions, perPosition, "the MAC count"), plus: extra)
    }

    /// A PyTorch `Conv2d`: parameters × output positions.
    public var torchinfoRule: TorchinfoRule { .outputPositions }
}

/// A separable convolution as Keras defines it: a depthwise convolution, then a 1×1 pointwise
/// convolution to `filters` channels, with ONE bias at the end (`SeparableConv2D`).
///
/// Output size per spatial axis: the rule of ``Convolution``; the output has `filters` channels.
/// Learnable parameters, with `C` the input channels and `m` the multiplier:
///
/// | convention | tensors | count |
/// |---|---|---|
/// | Keras | `depthwise_kernel (kh, kw, C, m)`, `pointwise_kernel (1, 1, C*m, filters)`, `bias (filters,)` | `k*C*m + C*m*filters + filters` |
/// | PyTorch, MATLAB, Lasagne | the composed pair: depthwise `weight`, `bias` (C*m) and pointwise `weight`, `bias` (filters) | Keras' count `+ C*m` |
///
/// PyTorch, MATLAB and Lasagne have no separable layer; a separable convolution there is a
/// depthwise convolution followed by a 1×1 convolution, each with its own bias, so the
/// intermediate `C*m` biases count too. `hasBias` false removes every bias.
///
/// MACs: `output positions × C × m × (kernel size + filters)`; FLOPs add one per output element for the bias.
///
/// For example, 64 filters of 3×3 on 32 channels: `3*3*32 + 32*64 + 64 = 2,400` in Keras,
/// `2,400 + 32 = 2,432` in PyTorch.
public struct SeparableConvolution: LayerBehavior {
    /// The number of output channels.
    public var filters: Int
    /// Depthwise kernels per input channel.
    public var multiplier: Int
    /// The depthwise kernel, stride, dilation and padding per spatial axis.
    public var window: SlidingWindow
    /// Whether the layer adds biases.
    public var hasBias: Bool
    /// An activation applied to the output, when written inline.
    public var activation: Activation.Function?
    /// The number of spatial axes the layer requires (`separableconv2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a separable convolution.
    public init(
        filters: Int,
        kernelSize: [Int],
        multiplier: Int = 1,
        stride: [Int] = [1],
        padding: Padding = .valid,
        dilation: [Int] = [1],
        hasBias: Bool = true,
        activation: Activation.Function? = nil,
        spatialRank: Int? = nil
    ) {
        self.filters = filters
        self.multiplier = multiplier
        self.window = SlidingWindow(kernel: kernelSize, stride: stride, dilation: dilation, padding: padding)
        self.hasBias = hasBias
        self.activation = activation
        self.spatialRank = spatialRank
    }

    public var kindName: String { "separableconv" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .separableConvolution(self) }

    /// The window of every spatial axis of `input`.
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        guard filters > 0 else {
            throw CNNCalcError(.badArgument, "filter count \(filters) is not positive", fix: "give the number of filters, e.g. 'separableconv 64 3'")
        }
        return try separableAxes(
            for: input, layout: layout, window: window, multiplier: multiplier, spatialRank: spatialRank, kindName: kindName)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        outputShape(for: inputs[0], axes: try axes(for: inputs[0], layout: layout))
    }

    /// The output for `input`, given its windows as ``axes(for:layout:)`` computes them.
    func outputShape(for input: TensorShape, axes: [AxisOutput]) -> TensorShape {
        windowOutput(like: input, spatial: axes.map(\.length), channels: filters)
    }

    /// The depthwise and pointwise kernels and the biases, as each framework keeps them (see the table above).
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let rank = max(inputs[0].spatialRank, 1)
        let channels = inputs[0].channels
        let middle = try CheckedArithmetic.multiply(channels, multiplier, "the depthwise channel count")
        let kernel = window.kernel(forRank: rank)
        let ones = Array(repeating: 1, count: rank)
        switch convention {
        case .keras:
            var result = [
                Learnable("depthwise_kernel", shape: kernel + [channels, multiplier], role: .trainable),
                Learnable("pointwise_kernel", shape: ones + [middle, filters], role: .trainable),
            ]
            if hasBias { result.append(Learnable("bias", shape: [filters], role: .trainable)) }
            return result
        case .pytorch, .matlab, .lasagne:
            let depthwise = try depthwiseLearnables(
                kernel: kernel, channels: channels, multiplier: multiplier, hasBias: hasBias, convention: convention,
                prefix: "depthwise")
            let pointwise = try Convolution(filters: filters, kernelSize: ones, hasBias: hasBias)
                .learnables(for: [inputs[0].replacingChannels(with: middle)], convention: convention)
                .map { Learnable("pointwise." + $0.name, shape: $0.shape, role: $0.role) }
            return depthwise + pointwise
        }
    }

    /// `output positions × C × m × (kernel size + filters)` MACs, plus one FLOP per output element for
    /// the (Keras) bias and for an inline activation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let rank = max(inputs[0].spatialRank, 1)
        let positions = try CheckedArithmetic.product(output.spatial.isEmpty ? [output.dimensions(in: .channelsLast)[0]] : output.spatial, "the MAC count")
        let middle = try CheckedArithmetic.multiply(inputs[0].channels, multiplier, "the MAC count")
        let kernel = try CheckedArithmetic.product(window.kernel(forRank: rank), "the MAC count")
        let perPosition = try CheckedArithmetic.multiply(middle, try CheckedArithmetic.add(kernel, filters, "the MAC count"), "the MAC count")
        let extra = try Cost.biasAndActivationFLOPs(output, hasBias: hasBias, activation: activation)
        return try .macs(try CheckedArithmetic.multiply(positions, perPosition, "the MAC count"), plus: extra)
    }

    /// Two PyTorch `Conv2d`s with the same output positions: parameters × output positions.
    public var torchinfoRule: TorchinfoRule { .outputPositions }
}

/// Validates a depthwise window (rank, multiplier, no ceil mode) and resolves it against `input`.
private func separableAxes(
    for input: TensorShape, layout: Layout, window: SlidingWindow, multiplier: Int, spatialRank: Int?, kindName: String
) throws(CNNCalcError) -> [AxisOutput] {
    let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
    guard multiplier > 0 else {
        throw CNNCalcError(.badArgument, "depth multiplier \(multiplier) is not positive", fix: "use multiplier=1 for one kernel per channel")
    }
    guard !window.ceilMode else {
        throw CNNCalcError(.badArgument, "ceil_mode applies to pooling only", fix: "remove ceil_mode from the convolution")
    }
    return try window.axes(over: spatial, what: "kernel")
}

/// The depthwise kernel and bias of `channels * multiplier` outputs, named as `convention` does;
/// `prefix` (e.g. `depthwise`) is prepended with a dot when the tensors belong to a composed layer.
private func depthwiseLearnables(
    kernel: [Int], channels: Int, multiplier: Int, hasBias: Bool, convention: Convention, prefix: String?
) throws(CNNCalcError) -> [Learnable] {
    let names = convention.weightAndBiasNames
    let outputs = try CheckedArithmetic.multiply(channels, multiplier, "the output channel count")
    let weightShape: [Int]
    let biasShape: [Int]
    switch convention {
    case .keras:
        (weightShape, biasShape) = (kernel + [channels, multiplier], [outputs])
    case .pytorch, .lasagne:
        (weightShape, biasShape) = ([outputs, 1] + kernel, [outputs])
    case .matlab:
        (weightShape, biasShape) = (kernel + [1, multiplier, channels], Array(repeating: 1, count: kernel.count) + [multiplier, channels])
    }
    let qualified = { (name: String) in prefix.map { "\($0).\(name)" } ?? name }
    var result = [Learnable(qualified(names.weight), shape: weightShape, role: .trainable)]
    if hasBias { result.append(Learnable(qualified(names.bias), shape: biasShape, role: .trainable)) }
    return result
}
