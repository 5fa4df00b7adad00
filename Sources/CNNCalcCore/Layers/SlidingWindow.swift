/// The window geometry shared by convolutions and poolings: kernel, stride, dilation and
/// padding per spatial axis, resolved against an input through ``AxisOutput``.
///
/// Each of `kernel`, `stride` and `dilation` holds one size per spatial axis, or a single
/// size that applies to every axis (`conv 32 5` is a 5×5 kernel on an image).
public struct SlidingWindow: Hashable, Sendable {
    /// The window size per axis.
    public var kernel: [Int]
    /// The step between windows per axis.
    public var stride: [Int]
    /// The spacing between taps per axis.
    public var dilation: [Int]
    /// The padding rule.
    public var padding: Padding
    /// Whether the output size rounds up (PyTorch `ceil_mode`).
    public var ceilMode: Bool

    /// Creates a window geometry.
    public init(kernel: [Int], stride: [Int], dilation: [Int] = [1], padding: Padding = .valid, ceilMode: Bool = false) {
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        self.ceilMode = ceilMode
    }

    /// The kernel sizes for a `rank`-axis input, e.g. `[5, 5]`.
    public func kernel(forRank rank: Int) -> [Int] { Self.expand(kernel, to: rank) }
    /// The strides for a `rank`-axis input.
    public func stride(forRank rank: Int) -> [Int] { Self.expand(stride, to: rank) }
    /// The dilations for a `rank`-axis input.
    public func dilation(forRank rank: Int) -> [Int] { Self.expand(dilation, to: rank) }

    /// Applies the output-size rule to every spatial axis of `spatial`, validating the geometry first.
    ///
    /// - Parameter what: the layer's noun for messages ("kernel" or "pool").
    public func axes(over spatial: SpatialSizes, what: String) throws(CNNCalcError) -> [AxisOutput] {
        let rank = spatial.count
        try checkGeometry(what: what, spatial: spatial)
        var outputs: [AxisOutput] = []
        outputs.reserveCapacity(rank)
        for axis in 0..<rank {
            outputs.append(AxisOutput(
                inputLength: spatial[axis], kernel: Self.size(kernel, axis), stride: Self.size(stride, axis),
                dilation: Self.size(dilation, axis), padding: padding.mode(forAxis: axis), ceilMode: ceilMode))
        }
        if outputs.contains(where: { !$0.isCountable }) {
            // The geometry is checked above, so only an input beyond the limit gets here.
            throw CheckedArithmetic.tooLarge("an axis of the input \(Self.text(spatial))")
        }
        if outputs.contains(where: { !$0.fits }) {
            throw doesNotFit(outputs, spatial: spatial, what: what)
        }
        return outputs
    }

    private func doesNotFit(_ outputs: [AxisOutput], spatial: SpatialSizes, what: String) -> CNNCalcError {
        let kernels = outputs.map(\.kernel)
        let spans = outputs.map(\.effectiveKernel)
        let dilated = spans != kernels
        let pads = outputs.map { $0.padBefore + $0.padAfter }
        let padText = pads.allSatisfy { $0 == 0 } ? "padding 0" : "padding \(padding.text)"
        let spanText = dilated ? " (spanning \(Self.text(spans)) with dilation \(Self.text(dilation)))" : ""
        let largest = outputs.map { $0.inputLength + $0.padBefore + $0.padAfter }.min() ?? 0
        let remedy = dilated
            ? "use padding=same, a smaller dilation or a smaller \(what)"
            : "use padding=same or a \(what) of at most \(largest)"
        return CNNCalcError(
            .shape, "\(what) \(Self.text(kernels))\(spanText) does not fit the \(Self.text(spatial)) input (\(padText))",
            fix: remedy)
    }

    /// Checks the kernel (named `what`), stride, dilation and padding against an input of `spatial`
    /// sizes: one entry or one per axis, each at least 1 (padding 0) and at most
    /// ``CheckedArithmetic/maximumSize``, as is the span `dilation*(kernel-1) + 1` of every axis.
    func checkGeometry(what: String, spatial: SpatialSizes) throws(CNNCalcError) {
        let rank = spatial.count
        try Self.check(kernel, named: what, rank: rank, spatial: spatial)
        try Self.check(stride, named: "stride", rank: rank, spatial: spatial)
        try Self.check(dilation, named: "dilation", rank: rank, spatial: spatial)
        if case .explicit(let sides) = padding {
            guard sides.count == 1 || sides.count == rank else {
                throw CNNCalcError(
                    .badArgument,
                    "padding \(padding.text) has \(sides.count) axes but the input \(Self.text(spatial)) has \(rank)",
                    fix: "give one padding per axis or a single number")
            }
            if sides.contains(where: { $0.before < 0 || $0.after < 0 }) {
                throw CNNCalcError(.badArgument, "padding \(padding.text) is negative", fix: "padding counts pixels and must be 0 or more")
            }
            for side in sides { try CheckedArithmetic.checkSize(max(side.before, side.after), "padding") }
        }
        for axis in 0..<rank {
            let (size, spacing) = (Self.size(kernel, axis), Self.size(dilation, axis))
            let (spread, overflow) = spacing.multipliedReportingOverflow(by: size - 1)
            if overflow || spread >= CheckedArithmetic.maximumSize {
                throw CheckedArithmetic.tooLarge(
                    "the span dilation*(kernel-1)+1 of \(what) \(size) with dilation \(spacing)",
                    fix: "use a smaller dilation or a smaller \(what)")
            }
        }
    }

    static func check(_ sizes: [Int], named name: String, rank: Int, spatial: SpatialSizes) throws(CNNCalcError) {
        guard sizes.count == 1 || sizes.count == rank else {
            // An empty list (an ONNX attribute written with no values) is named as such.
            let given = sizes.isEmpty ? "\(name) has no size" : "\(name) \(text(sizes)) has \(sizes.count) axes"
            let example = text(Array(repeating: sizes.first ?? 1, count: rank))
            throw CNNCalcError(
                .badArgument,
                "\(given) but the input \(text(spatial)) has \(rank) spatial \(rank == 1 ? "axis" : "axes")",
                fix: "give \(rank == 1 ? "one size" : "\(rank) sizes like \(example)") or a single number")
        }
        if let bad = sizes.first(where: { $0 <= 0 }) {
            throw CNNCalcError(.badArgument, "\(name) \(bad) is not positive", fix: "\(name) sizes must be 1 or more")
        }
        for size in sizes { try CheckedArithmetic.checkSize(size, name) }
    }

    /// The size of axis `axis` of `sizes` written once for every axis or once per axis: the same
    /// as `expand(sizes, to: rank)[axis]` without building the array.
    static func size(_ sizes: [Int], _ axis: Int) -> Int {
        sizes.count == 1 ? sizes[0] : sizes[axis]
    }

    /// The product of `sizes` expanded to a `rank`-axis window, or an overflow error naming `what`;
    /// the same as `CheckedArithmetic.product(expand(sizes, to: rank), what)` without building the array.
    static func product(_ sizes: [Int], rank: Int, _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        var result = 1
        for axis in 0..<rank { result = try CheckedArithmetic.multiply(result, size(sizes, axis), what()) }
        return result
    }

    static func expand(_ sizes: [Int], to rank: Int) -> [Int] {
        sizes.count == 1 ? Array(repeating: sizes[0], count: rank) : sizes
    }

    /// Sizes joined by `x`: `5x5`.
    static func text(_ sizes: some Sequence<Int>) -> String { sizes.map(String.init).joined(separator: "x") }
}


/// A window layer's input as spatial sizes and channels; sequences count as 1-D maps.
func spatialInput(_ shape: TensorShape, layer: String, layout: Layout) throws(CNNCalcError) -> (spatial: SpatialSizes, channels: Int) {
    switch shape {
    case .featureMap(let spatial, let channels):
        return (spatial, channels)
    case .sequence(let steps, let features):
        return ([steps], features)
    case .vector:
        throw CNNCalcError(
            .shape, "\(layer) needs a feature map, but its input is a vector of \(shape.channels)",
            fix: "place it before the flatten or dense layer, or start from an input with spatial axes")
    }
}

/// The spatial sizes of `shape` (a sequence counts as a 1-D map), checked against a numbered kind's rank.
func checkedSpatial(_ shape: TensorShape, layer: String, rank: Int?, layout: Layout) throws(CNNCalcError) -> SpatialSizes {
    let (spatial, _) = try spatialInput(shape, layer: layer, layout: layout)
    if let rank, rank != spatial.count {
        throw CNNCalcError(
            .shape,
            "\(layer)\(rank)d needs a \(rank)-D input, but its input \(shape.text(in: layout)) has \(spatial.count) spatial \(spatial.count == 1 ? "axis" : "axes")",
            fix: "use \(layer)\(spatial.count)d or plain \(layer), which follows its input")
    }
    return spatial
}

/// The output of a window layer: the same kind of shape as its input, with new sizes.
func windowOutput(like input: TensorShape, spatial: some Collection<Int>, channels: Int) -> TensorShape {
    if case .sequence = input { return .sequence(steps: spatial[spatial.startIndex], features: channels) }
    return .featureMap(spatial: SpatialSizes(axesOf: spatial), channels: channels)
}
