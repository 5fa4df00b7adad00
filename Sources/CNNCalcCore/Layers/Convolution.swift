/// A 1-D, 2-D or 3-D convolution: `filters` kernels slide over a feature map.
///
/// Output size, per spatial axis (see ``AxisOutput`` for the padding rules):
/// ```
/// out = floor((in + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1
/// ```
/// The output has `filters` channels. Learnable parameters, with `inputChannels` the
/// channels arriving:
/// ```
/// kernel  = kernelSize[0] * ... * kernelSize[rank-1] * (inputChannels / groups) * filters
/// bias    = filters                                  (0 when hasBias is false)
/// total   = (kernelSize product * inputChannels / groups + 1) * filters
/// ```
/// For example, 20 filters of 5×5 over a 50×50×2 input give a 46×46×20 output and
/// `(5*5*2+1)*20 = 1020` parameters (1000 without bias).
///
/// `groups` must divide both `inputChannels` and `filters`.
///
/// With `untiedBias` (Lasagne's `untie_biases=True`) every output position has its own bias per
/// filter: `bias = filters * outputPositions`, e.g. 8 filters with an 18×18 output give
/// `3*3*16*8 + 8*18*18 = 3,744` parameters.
public struct Convolution: LayerBehavior {
    /// The number of kernels, which is the number of output channels.
    public var filters: Int
    /// Kernel, stride, dilation and padding per spatial axis.
    public var window: SlidingWindow
    /// The number of groups the channels are split into (1 for an ordinary convolution).
    public var groups: Int
    /// Whether each filter adds a bias.
    public var hasBias: Bool
    /// Whether the bias is one per filter and output position (Lasagne's `untie_biases`) rather than one per filter.
    public var untiedBias: Bool = false
    /// An activation applied to the output, when written inline.
    public var activation: Activation.Function?
    /// The number of spatial axes the layer requires (`conv2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a convolution.
    public init(
        filters: Int,
        kernelSize: [Int],
        stride: [Int] = [1],
        padding: Padding = .valid,
        dilation: [Int] = [1],
        groups: Int = 1,
        hasBias: Bool = true,
        activation: Activation.Function? = nil,
        spatialRank: Int? = nil
    ) {
        self.filters = filters
        self.window = SlidingWindow(kernel: kernelSize, stride: stride, dilation: dilation, padding: padding)
        self.groups = groups
        self.hasBias = hasBias
        self.activation = activation
        self.spatialRank = spatialRank
    }

    public var kindName: String { "conv" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .convolution(self) }

    /// The window of every spatial axis of `input`.
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        let channels = input.channels
        guard filters > 0 else {
            throw CNNCalcError(.badArgument, "filter count \(filters) is not positive", fix: "give the number of filters, e.g. 'conv 32 5'")
        }
        guard groups > 0 else {
            throw CNNCalcError(.badArgument, "groups \(groups) is not positive", fix: "use groups=1 for an ordinary convolution")
        }
        guard channels % groups == 0, filters % groups == 0 else {
            throw CNNCalcError(
                .shape, "groups=\(groups) must divide both the \(channels) input channels and the \(filters) filters",
                fix: "choose groups among the common divisors of \(channels) and \(filters)")
        }
        guard !window.ceilMode else {
            throw CNNCalcError(.badArgument, "ceil_mode applies to pooling only", fix: "remove ceil_mode from the convolution")
        }
        return try window.axes(over: spatial, what: "kernel")
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        outputShape(for: inputs[0], axes: try axes(for: inputs[0], layout: layout))
    }

    /// The output for `input`, given its windows as ``axes(for:layout:)`` computes them.
    func outputShape(for input: TensorShape, axes: [AxisOutput]) -> TensorShape {
        windowOutput(like: input, spatial: axes.lazy.map(\.length), channels: filters)
    }

    /// The kernel and bias, as each framework names and shapes them:
    ///
    /// | convention | kernel | bias |
    /// |---|---|---|
    /// | Keras | `kernel (kh, kw, C/groups, filters)` | `bias (filters,)` |
    /// | PyTorch | `weight [filters, C/groups, kh, kw]` | `bias [filters]` |
    /// | MATLAB | `Weights kh×kw×C/groups×filters` (grouped: `kh×kw×C/groups×filters/groups×groups`) | `Bias 1×1×filters` (grouped: `1×1×filters/groups×groups`) |
    /// | Lasagne | `W (filters, C/groups, kh, kw)` | `b (filters,)` |
    ///
    /// An untied bias has the output's spatial sizes too: `b (filters, oh, ow)` channels first,
    /// `(oh, ow, filters)` in Keras' and MATLAB's order.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let rank = max(inputs[0].spatialRank, 1)
        let perGroup = inputs[0].channels / groups
        let names = convention.weightAndBiasNames
        var kernelShape: [Int] = []
        let biasShape: [Int]
        switch convention {
        case .keras:
            // kernel sizes, C/groups, filters; built in one array.
            kernelShape.reserveCapacity(rank + 2)
            for axis in 0..<rank { kernelShape.append(SlidingWindow.size(window.kernel, axis)) }
            kernelShape.append(perGroup)
            kernelShape.append(filters)
            biasShape = [filters]
        case .pytorch, .lasagne:
            // filters, C/groups, kernel sizes; built in one array.
            kernelShape.reserveCapacity(rank + 2)
            kernelShape.append(filters)
            kernelShape.append(perGroup)
            for axis in 0..<rank { kernelShape.append(SlidingWindow.size(window.kernel, axis)) }
            biasShape = [filters]
        case .matlab:
            let kernel = window.kernel(forRank: rank)
            kernelShape = groups == 1 ? kernel + [perGroup, filters] : kernel + [perGroup, filters / groups, groups]
            biasShape = Array(repeating: 1, count: rank) + (groups == 1 ? [filters] : [filters / groups, groups])
        }
        let weights = Learnable(names.weight, shape: kernelShape, role: .trainable)
        guard hasBias else { return [weights] }
        guard untiedBias else { return [weights, Learnable(names.bias, shape: biasShape, role: .trainable)] }
        let positions = try axes(for: inputs[0], layout: .channelsLast).map(\.length)
        let untied = convention == .keras || convention == .matlab ? positions + [filters] : [filters] + positions
        return [weights, Learnable(names.bias, shape: untied, role: .trainable)]
    }

    /// `positions × filters × kernel size × C/groups` MACs, plus one FLOP per output element for the bias
    /// and for an inline activation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let rank = max(inputs[0].spatialRank, 1)
        // kernel size × C/groups × filters, multiplied in that order.
        let kernelSize = try SlidingWindow.product(window.kernel, rank: rank, "the MAC count")
        let perPosition = try CheckedArithmetic.multiply(
            try CheckedArithmetic.multiply(kernelSize, inputs[0].channels / groups, "the MAC count"), filters, "the MAC count")
        // A sequence has no spatial axes; the filters slide along its steps.
        let positions = try output.positions("the MAC count")
        let extra = try Cost.biasAndActivationFLOPs(output, hasBias: hasBias, activation: activation)
        return try .macs(try CheckedArithmetic.multiply(positions, perPosition, "the MAC count"), plus: extra)
    }

    public var torchinfoRule: TorchinfoRule { .outputPositions }
}

extension Convention {
    /// What the framework calls a layer's weight matrix or kernel, and its bias.
    public var weightAndBiasNames: (weight: String, bias: String) {
        switch self {
        case .keras: ("kernel", "bias")
        case .pytorch: ("weight", "bias")
        case .matlab: ("Weights", "Bias")
        case .lasagne: ("W", "b")
        }
    }
}
