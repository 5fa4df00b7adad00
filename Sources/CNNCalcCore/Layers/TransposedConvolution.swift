/// A 1-D, 2-D or 3-D transposed convolution ("deconvolution"): every input position spreads
/// a `kernel × filters` patch over the output, which grows by the stride.
///
/// Output size per spatial axis, with `k_eff = dilation*(kernel-1) + 1` (see ``TransposedAxisOutput``):
///
/// | padding | output | source |
/// |---|---|---|
/// | explicit `p_b`, `p_a` | `(in-1)*stride - p_b - p_a + k_eff + output_padding` | PyTorch `ConvTranspose2d` |
/// | `valid`, no output padding | `(in-1)*stride + max(k_eff, stride)` | Keras `Conv2DTranspose` |
/// | `same`, no output padding | `in*stride` | Keras |
/// | `valid` with output padding | `(in-1)*stride + k_eff + output_padding` | Keras |
/// | `same` with output padding | `(in-1)*stride + k_eff%2 + output_padding` | Keras |
///
/// The output has `filters` channels. Learnable parameters, with `C` the input channels and
/// `g` the groups:
/// ```
/// kernel = kernelSize product * (C / groups) * filters
/// bias   = filters                                   (0 when hasBias is false)
/// total  = (kernelSize product * C / groups + 1) * filters
/// ```
///
/// | convention | kernel | bias |
/// |---|---|---|
/// | Keras | `kernel (kh, kw, filters, C/groups)` | `bias (filters,)` |
/// | PyTorch | `weight [C, filters/groups, kh, kw]` | `bias [filters]` |
/// | MATLAB | `Weights kh×kw×filters×C` (grouped: `kh×kw×filters/groups×C/groups×groups`) | `Bias 1×1×filters` |
/// | Lasagne | `W (C, filters/groups, kh, kw)` | `b (filters,)` |
///
/// Keras and Lasagne have no grouped transposed convolution; with `groups` above 1 their
/// shapes follow the same split as PyTorch's.
///
/// MACs count every input position once: `input positions × C × kernel size × filters / groups`
/// (what the layer computes; torchinfo multiplies by the output positions instead, see ``TorchinfoRule``).
///
/// For example, 16 filters of 3×3, stride 2, padding 1 and output padding 1 on a 14×14×32 map
/// give `(14-1)*2 - 1 - 1 + 3 + 1 = 28` per axis, a 28×28×16 output, and
/// `(3*3*32+1)*16 = 4,624` parameters.
public struct TransposedConvolution: LayerBehavior {
    /// The number of output channels.
    public var filters: Int
    /// Kernel, stride, dilation and padding per spatial axis (padding `full` and ceil mode are not allowed).
    public var window: SlidingWindow
    /// Extra rows added after the output per axis, or `nil` when not written (Keras then infers it).
    public var outputPadding: [Int]?
    /// The number of groups the channels are split into.
    public var groups: Int
    /// Whether each filter adds a bias.
    public var hasBias: Bool
    /// An activation applied to the output, when written inline.
    public var activation: Activation.Function?
    /// The number of spatial axes the layer requires (`deconv2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a transposed convolution.
    public init(
        filters: Int,
        kernelSize: [Int],
        stride: [Int] = [1],
        padding: Padding = .valid,
        outputPadding: [Int]? = nil,
        dilation: [Int] = [1],
        groups: Int = 1,
        hasBias: Bool = true,
        activation: Activation.Function? = nil,
        spatialRank: Int? = nil
    ) {
        self.filters = filters
        self.window = SlidingWindow(kernel: kernelSize, stride: stride, dilation: dilation, padding: padding)
        self.outputPadding = outputPadding
        self.groups = groups
        self.hasBias = hasBias
        self.activation = activation
        self.spatialRank = spatialRank
    }

    public var kindName: String { "deconv" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .transposedConvolution(self) }

    /// The output arithmetic of every spatial axis of `input`, validating the configuration first.
    public func axes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [TransposedAxisOutput] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        let channels = input.channels
        let rank = spatial.count
        guard filters > 0 else {
            throw CNNCalcError(.badArgument, "filter count \(filters) is not positive", fix: "give the number of filters, e.g. 'deconv 16 3'")
        }
        guard groups > 0 else {
            throw CNNCalcError(.badArgument, "groups \(groups) is not positive", fix: "use groups=1 for an ordinary transposed convolution")
        }
        guard channels % groups == 0, filters % groups == 0 else {
            throw CNNCalcError(
                .shape, "groups=\(groups) must divide both the \(channels) input channels and the \(filters) filters",
                fix: "choose groups among the common divisors of \(channels) and \(filters)")
        }
        if case .full = window.padding {
            throw CNNCalcError(
                .badArgument, "padding full is not defined for a transposed convolution",
                fix: "use padding=valid or same (Keras) or a number of pixels (PyTorch)")
        }
        try window.checkGeometry(what: "kernel", spatial: spatial)
        let kernels = window.kernel(forRank: rank)
        let strides = window.stride(forRank: rank)
        let dilations = window.dilation(forRank: rank)
        let extras = try outputPadding(forRank: rank, spatial: spatial)
        var outputs: [TransposedAxisOutput] = []
        for axis in 0..<rank {
            let output = TransposedAxisOutput(
                inputLength: spatial[axis], kernel: kernels[axis], stride: strides[axis], dilation: dilations[axis],
                padding: window.padding.mode(forAxis: axis), outputPadding: extras?[axis])
            if let extra = extras?[axis], extra >= max(strides[axis], dilations[axis]) {
                throw CNNCalcError(
                    .badArgument,
                    "output_padding \(extra) must be smaller than the stride \(strides[axis]) or the dilation \(dilations[axis])",
                    fix: "use an output_padding of at most \(max(strides[axis], dilations[axis]) - 1)")
            }
            guard output.isCountable else {
                throw CheckedArithmetic.tooLarge(
                    "the \(AxisNames.name(of: axis, rank: rank)) of the output of the \(SlidingWindow.text(spatial)) input at stride \(SlidingWindow.text(strides))",
                    fix: "use a smaller stride, or a smaller input")
            }
            guard output.length > 0 else {
                // Countable, so the spread is at most a few times the largest size.
                let spread = (spatial[axis] - 1) * strides[axis] + output.effectiveKernel
                throw CNNCalcError(
                    .shape,
                    "padding \(window.padding.text) removes \(output.padBefore + output.padAfter) of the \(spread) rows the \(SlidingWindow.text(spatial)) input spreads over, leaving no output",
                    fix: "use a padding of at most \(max((spread - 1) / 2, 0)) per side")
            }
            outputs.append(output)
        }
        return outputs
    }

    private func outputPadding(forRank rank: Int, spatial: SpatialSizes) throws(CNNCalcError) -> [Int]? {
        guard let outputPadding else { return nil }
        guard outputPadding.count == 1 || outputPadding.count == rank else {
            throw CNNCalcError(
                .badArgument,
                "output_padding \(SlidingWindow.text(outputPadding)) has \(outputPadding.count) axes but the input \(SlidingWindow.text(spatial)) has \(rank)",
                fix: "give one output padding per axis or a single number")
        }
        if let bad = outputPadding.first(where: { $0 < 0 }) {
            throw CNNCalcError(.badArgument, "output_padding \(bad) is negative", fix: "output padding counts rows and must be 0 or more")
        }
        for extra in outputPadding { try CheckedArithmetic.checkSize(extra, "output_padding") }
        return SlidingWindow.expand(outputPadding, to: rank)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let axes = try axes(for: inputs[0], layout: layout)
        return windowOutput(like: inputs[0], spatial: axes.map(\.length), channels: filters)
    }

    /// The kernel and bias as each framework names and shapes them (see the table above).
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let rank = max(inputs[0].spatialRank, 1)
        let kernel = window.kernel(forRank: rank)
        let channels = inputs[0].channels
        let names = convention.weightAndBiasNames
        let kernelShape: [Int]
        var biasShape = [filters]
        switch convention {
        case .keras:
            kernelShape = kernel + [filters, channels / groups]
        case .pytorch, .lasagne:
            kernelShape = [channels, filters / groups] + kernel
        case .matlab:
            kernelShape = groups == 1 ? kernel + [filters, channels] : kernel + [filters / groups, channels / groups, groups]
            biasShape = Array(repeating: 1, count: rank) + [filters]
        }
        let weights = Learnable(names.weight, shape: kernelShape, role: .trainable)
        return hasBias ? [weights, Learnable(names.bias, shape: biasShape, role: .trainable)] : [weights]
    }

    /// `input positions × C × kernel size × filters / groups` MACs, plus one FLOP per output element
    /// for the bias and for an inline activation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let rank = max(inputs[0].spatialRank, 1)
        let input = inputs[0]
        let positions = try CheckedArithmetic.product(
            input.spatial.isEmpty ? [input.dimensions(in: .channelsLast)[0]] : input.spatial, "the MAC count")
        let perPosition = try CheckedArithmetic.product(
            window.kernel(forRank: rank) + [input.channels, filters / max(groups, 1)], "the MAC count")
        let extra = try Cost.biasAndActivationFLOPs(output, hasBias: hasBias, activation: activation)
        return try .macs(try CheckedArithmetic.multiply(positions, perPosition, "the MAC count"), plus: extra)
    }

    /// torchinfo counts `ConvTranspose` like every convolution: parameters × output positions.
    public var torchinfoRule: TorchinfoRule { .outputPositions }
}

/// The output-size rule of a transposed convolution, applied to one axis.
///
/// Explicit padding follows PyTorch; `valid` and `same` follow Keras, which resolves them into
/// PyTorch's padding before the output padding is added:
///
/// | padding | output (in 14, kernel 3, stride 2) |
/// |---|---|
/// | explicit 1, output padding 1 | `(14-1)*2 - 1 - 1 + 3 + 1 = 28` |
/// | `valid` | `(14-1)*2 + max(3, 2) = 29` |
/// | `same` | `14*2 = 28` |
/// | `valid`, output padding 1 | `(14-1)*2 + 3 + 1 = 30` |
/// | `same`, output padding 1 | `(14-1)*2 + 3%2 + 1 = 28` |
public struct TransposedAxisOutput: Hashable, Sendable {
    /// The input size along this axis.
    public var inputLength: Int
    /// The kernel size.
    public var kernel: Int
    /// The stride: the distance between the patches of neighbouring input positions.
    public var stride: Int
    /// The spacing between kernel taps.
    public var dilation: Int
    /// The padding rule as written.
    public var paddingMode: AxisPaddingMode
    /// The output padding as written, or `nil` when not written.
    public var outputPadding: Int?
    /// Rows removed before the output: PyTorch's padding, or what Keras' `same` amounts to.
    public var padBefore: Int
    /// Rows removed after the output: PyTorch's padding after, 0 for Keras' `valid` and `same`.
    public var padAfter: Int
    /// The output size along this axis; zero or less when the padding removes everything, 0 when not countable.
    public var length: Int
    /// `dilation*(kernel-1) + 1`: the span of output one input position spreads over (0 when not countable).
    public var effectiveKernel: Int
    /// Whether the rule could be applied and its result is countable: `inputLength`, `kernel`, `stride` and
    /// `dilation` at least 1, the paddings at least 0, and each of them, `effectiveKernel` and `length` at most
    /// ``CheckedArithmetic/maximumSize``. When false, `length` is 0 and the caller reports the output as too large.
    public var isCountable: Bool

    /// Applies the rule to one axis.
    ///
    /// Sizes beyond ``CheckedArithmetic/maximumSize``, or an output beyond it, give an axis that is
    /// not ``isCountable``; the products `dilation*(kernel-1)` and `(inputLength-1)*stride` are checked,
    /// and every sum after them stays far below `Int.max`.
    public init(inputLength: Int, kernel: Int, stride: Int, dilation: Int = 1, padding: AxisPaddingMode, outputPadding: Int?) {
        self.inputLength = inputLength
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.paddingMode = padding
        self.outputPadding = outputPadding
        (padBefore, padAfter, length, effectiveKernel, isCountable) = (0, 0, 0, 0, false)
        let written: AxisPadding? = if case .explicit(let sides) = padding { sides } else { nil }
        let sizes = [inputLength, kernel, stride, dilation, outputPadding ?? 0] + (written.map { [$0.before, $0.after] } ?? [])
        guard inputLength >= 1, kernel >= 1, stride >= 1, dilation >= 1, sizes.allSatisfy(CheckedArithmetic.isCountable) else { return }
        let (spread, spreadOverflow) = dilation.multipliedReportingOverflow(by: kernel - 1)
        let (scaled, scaledOverflow) = (inputLength - 1).multipliedReportingOverflow(by: stride)
        // Padding removes at most 2^41 rows, so beyond 2^42 the output is too large anyway.
        guard !spreadOverflow, spread < CheckedArithmetic.maximumSize, !scaledOverflow, scaled <= 4 * CheckedArithmetic.maximumSize else {
            return
        }
        let effective = spread + 1
        effectiveKernel = effective
        let base = scaled + effective
        switch padding {
        case .explicit(let sides):
            (padBefore, padAfter) = (sides.before, sides.after)
            length = base - sides.before - sides.after + (outputPadding ?? 0)
        case .valid, .full:
            (padBefore, padAfter) = (0, 0)
            length = outputPadding.map { base + $0 } ?? scaled + max(effective, stride)
        case .same:
            // Keras' conversion to PyTorch's arguments (backend_utils), so that the padding before is known.
            let extra = outputPadding ?? (stride - effective % 2)
            padBefore = max(-Self.floorDivide(effective % 2 - effective + extra, 2), 0)
            padAfter = 0
            length = outputPadding.map { scaled + effective % 2 + $0 } ?? scaled + stride
        }
        isCountable = length <= CheckedArithmetic.maximumSize
        if !isCountable { length = 0 }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
