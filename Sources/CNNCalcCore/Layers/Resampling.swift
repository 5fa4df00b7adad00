/// Upsampling: every spatial axis grows by a whole factor, or to a given size. No parameters.
///
/// ```
/// out = in * scale          per spatial axis (Keras UpSampling2D, PyTorch Upsample(scale_factor=))
/// out = size                when a size is given (PyTorch Upsample(size=))
/// channels unchanged, parameters 0
/// ```
/// Nearest-neighbour upsampling copies values (0 FLOPs). Linear interpolation (`bilinear` on a
/// 2-D map; `linear` and `trilinear` on 1-D and 3-D ones) weighs the `2^rank` nearest inputs:
/// `2*2^rank - 1` FLOPs per output element (7 for bilinear).
///
/// For example, `upsample 2` on 14×14×64 gives 28×28×64.
public struct Upsampling: LayerBehavior {
    /// How output values are computed from the input.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Copy the nearest input value.
        case nearest
        /// Linear interpolation along one axis.
        case linear
        /// Linear interpolation along two axes.
        case bilinear
        /// Linear interpolation along three axes.
        case trilinear

        /// The number of spatial axes an interpolating mode works on, `nil` for nearest.
        public var spatialRank: Int? {
            switch self {
            case .nearest: nil
            case .linear: 1
            case .bilinear: 2
            case .trilinear: 3
            }
        }
    }

    /// How the output size is given.
    public enum Target: Hashable, Sendable {
        /// A whole factor per spatial axis (or one for every axis).
        case scale([Int])
        /// The output size per spatial axis (or one for every axis).
        case size([Int])
    }

    /// Nearest or interpolating.
    public var mode: Mode
    /// Scale factors or output size.
    public var target: Target
    /// The number of spatial axes the layer requires (`upsample2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates an upsampling layer.
    public init(_ target: Target, mode: Mode = .nearest, spatialRank: Int? = nil) {
        self.target = target
        self.mode = mode
        self.spatialRank = spatialRank
    }

    public var kindName: String { "upsample" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .upsampling(self) }

    /// The output size of every spatial axis of `input`.
    public func outputSizes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [Int] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        if let required = mode.spatialRank, required != spatial.count {
            let fitting = Mode.allCases.first { $0.spatialRank == spatial.count }?.rawValue ?? "nearest"
            throw CNNCalcError(
                .shape,
                "mode=\(mode.rawValue) interpolates \(required)-D maps, but the input \(input.text(in: layout)) has \(spatial.count) spatial \(spatial.count == 1 ? "axis" : "axes")",
                fix: "use mode=\(fitting) or mode=nearest")
        }
        switch target {
        case .scale(let factors):
            let factors = try perAxis(factors, named: "scale", spatial: spatial)
            var sizes: [Int] = []
            for (size, factor) in zip(spatial, factors) {
                sizes.append(try CheckedArithmetic.multiply(size, factor, "the upsampled size"))
            }
            return sizes
        case .size(let sizes):
            return try perAxis(sizes, named: "size", spatial: spatial)
        }
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        windowOutput(like: inputs[0], spatial: try outputSizes(for: inputs[0], layout: layout), channels: inputs[0].channels)
    }

    /// 0 FLOPs for nearest; `2*2^rank - 1` per output element for linear interpolation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        guard let rank = mode.spatialRank else { return .zero }
        return try .elementwise(output, perElement: 2 * (1 << rank) - 1)
    }
}

/// Zero padding: rows and columns of zeros added before and after every spatial axis. No parameters.
///
/// ```
/// out = in + before + after       per spatial axis (Keras ZeroPadding2D, PyTorch ZeroPad2d)
/// ```
/// For example, `zeropad 1` on 28×28×1 gives 30×30×1; `zeropad 1:2x0:1` gives 31×29×1.
public struct ZeroPadding: LayerBehavior {
    /// Rows added per spatial axis (one entry for every axis).
    public var padding: [AxisPadding]
    /// The number of spatial axes the layer requires (`zeropadding2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a zero-padding layer.
    public init(_ padding: [AxisPadding], spatialRank: Int? = nil) {
        self.padding = padding
        self.spatialRank = spatialRank
    }

    public var kindName: String { "zeropad" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .zeroPadding(self) }

    /// The padding of every spatial axis of `input`.
    public func sides(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisPadding] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        return try perAxisSides(padding, named: "padding", spatial: spatial)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let sides = try sides(for: inputs[0], layout: layout)
        var sizes: [Int] = []
        for (size, side) in zip(try checkedSpatial(inputs[0], layer: kindName, rank: spatialRank, layout: layout), sides) {
            sizes.append(try CheckedArithmetic.sum([size, side.before, side.after], "the padded size"))
        }
        return windowOutput(like: inputs[0], spatial: sizes, channels: inputs[0].channels)
    }

    /// Only a copy.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Cropping: rows and columns removed before and after every spatial axis. No parameters.
///
/// ```
/// out = in - before - after       per spatial axis (Keras Cropping2D); at least 1 must remain
/// ```
/// For example, `crop 1:2x0:1` on 28×28×1 gives 25×27×1.
public struct Cropping: LayerBehavior {
    /// Rows removed per spatial axis (one entry for every axis).
    public var cropping: [AxisPadding]
    /// The number of spatial axes the layer requires (`cropping2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates a cropping layer.
    public init(_ cropping: [AxisPadding], spatialRank: Int? = nil) {
        self.cropping = cropping
        self.spatialRank = spatialRank
    }

    public var kindName: String { "crop" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .cropping(self) }

    /// The cropping of every spatial axis of `input`.
    public func sides(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [AxisPadding] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        return try perAxisSides(cropping, named: "cropping", spatial: spatial)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let spatial = try checkedSpatial(inputs[0], layer: kindName, rank: spatialRank, layout: layout)
        let sides = try sides(for: inputs[0], layout: layout)
        var sizes: [Int] = []
        for (axis, (size, side)) in zip(spatial, sides).enumerated() {
            let remaining = size - side.before - side.after
            guard remaining > 0 else {
                throw CNNCalcError(
                    .shape,
                    "cropping \(side.before)+\(side.after) from the \(AxisNames.name(of: axis, rank: spatial.count)) of \(size) leaves nothing of the \(inputs[0].text(in: layout)) input",
                    fix: "crop at most \(size - 1) in all from that axis")
            }
            sizes.append(remaining)
        }
        return windowOutput(like: inputs[0], spatial: sizes, channels: inputs[0].channels)
    }

    /// Only a copy.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Adaptive max or average pooling: the output has a given spatial size, and each output
/// reads the window PyTorch assigns to it. No parameters.
///
/// Per axis, output `i` of `out` reads input positions `start..<end`:
/// ```
/// start = floor(i*in/out)
/// end   = ceil((i+1)*in/out)
/// ```
/// Windows may overlap or differ in size when `out` does not divide `in`; when it does they are
/// `in/out` wide with stride `in/out`. Channels are unchanged. FLOPs: one per window element read,
/// summed over all outputs (the product over axes of each axis' summed window widths, times the channels).
///
/// For example, `adaptiveavgpool 1` on 7×7×512 gives 1×1×512 (ResNet's head); `adaptiveavgpool 7`
/// on 13×13×256 gives 7×7×256 with windows of 2 or 3 rows.
public struct AdaptivePooling: LayerBehavior {
    /// Max or average.
    public var mode: Pooling.Mode
    /// The output size per spatial axis (one entry for every axis).
    public var outputSize: [Int]
    /// The number of spatial axes the layer requires (`adaptiveavgpool2d`), or `nil` to follow its input.
    public var spatialRank: Int?

    /// Creates an adaptive pooling layer.
    public init(_ mode: Pooling.Mode, outputSize: [Int], spatialRank: Int? = nil) {
        self.mode = mode
        self.outputSize = outputSize
        self.spatialRank = spatialRank
    }

    public var kindName: String { mode == .max ? "adaptivemaxpool" : "adaptiveavgpool" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .adaptivePooling(self) }

    /// The output size of every spatial axis of `input`.
    public func outputSizes(for input: TensorShape, layout: Layout) throws(CNNCalcError) -> [Int] {
        let spatial = try checkedSpatial(input, layer: kindName, rank: spatialRank, layout: layout)
        return try perAxis(outputSize, named: "output size", spatial: spatial)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        windowOutput(like: inputs[0], spatial: try outputSizes(for: inputs[0], layout: layout), channels: inputs[0].channels)
    }

    /// The input window `start..<end` of output `index` along an axis of `input` positions and `output` outputs.
    ///
    /// `index` is from 0 to `output - 1`, and `input` at least 0.
    public static func window(_ index: Int, input: Int, output: Int) -> Range<Int> {
        precondition(input >= 0 && (0..<output).contains(index), "an adaptive pooling window needs 0 <= index < output and input >= 0")
        // index*input may not fit in 64 bits even for countable sizes; the quotients always do.
        let start = output.dividingFullWidth(index.multipliedFullWidth(by: input)).quotient
        let (end, remainder) = output.dividingFullWidth((index + 1).multipliedFullWidth(by: input))
        return start..<(remainder == 0 ? end : end + 1)
    }

    /// The summed window widths of one axis: how many input values all its outputs read together.
    public static func readsPerAxis(input: Int, output: Int) -> Int {
        (0..<output).reduce(0) { $0 + window($1, input: input, output: output).count }
    }

    /// One FLOP per window element read, over all outputs and channels.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let input = inputs[0].spatial.isEmpty ? [inputs[0].dimensions(in: .channelsLast)[0]] : inputs[0].spatial
        let outputs = output.spatial.isEmpty ? [output.dimensions(in: .channelsLast)[0]] : output.spatial
        var factors = [output.channels]
        for (size, count) in zip(input, outputs) {
            // The sum runs over every output, so beyond ten million outputs per axis the cost is left unknown.
            guard count <= 10_000_000 else { return nil }
            factors.append(Self.readsPerAxis(input: size, output: count))
        }
        return .flops(try CheckedArithmetic.product(factors, "the FLOP count"))
    }
}

/// Space to depth (TensorFlow `space_to_depth`, PyTorch `PixelUnshuffle`): each `block × block`
/// patch of a map becomes one position with `block*block` times the channels. No parameters.
///
/// ```
/// out = in / block                per spatial axis (must divide)
/// channels = C * block^rank       e.g. 2-D: C*block*block
/// ```
/// For example, `spacetodepth 2` on 28×28×16 gives 14×14×64.
public struct SpaceToDepth: LayerBehavior {
    /// The side of the patch folded into the channels.
    public var blockSize: Int

    /// Creates a space-to-depth layer.
    public init(blockSize: Int) {
        self.blockSize = blockSize
    }

    public var kindName: String { "spacetodepth" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .spaceToDepth(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        let spatial = try checkedSpatial(input, layer: kindName, rank: nil, layout: layout)
        guard blockSize > 0 else {
            throw CNNCalcError(.badArgument, "block size \(blockSize) is not positive", fix: "write e.g. 'spacetodepth 2'")
        }
        if let axis = spatial.firstIndex(where: { $0 % blockSize != 0 }) {
            throw CNNCalcError(
                .shape,
                "the \(AxisNames.name(of: axis, rank: spatial.count)) \(spatial[axis]) of the input \(input.text(in: layout)) is not a multiple of the block size \(blockSize)",
                fix: "crop or pad the input to a multiple of \(blockSize), or choose a block size that divides every spatial size")
        }
        let factor = try CheckedArithmetic.product(Array(repeating: blockSize, count: spatial.count), "the channel count")
        let channels = try CheckedArithmetic.multiply(input.channels, factor, "the channel count")
        return windowOutput(like: input, spatial: spatial.map { $0 / blockSize }, channels: channels)
    }

    /// Only a rearrangement.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Depth to space (TensorFlow `depth_to_space`, PyTorch `PixelShuffle`): the channels of each
/// position unfold into a `block × block` patch. No parameters.
///
/// ```
/// out = in * block                per spatial axis
/// channels = C / block^rank       (must divide) e.g. 2-D: C/(block*block)
/// ```
/// For example, `depthtospace 2` on 14×14×64 gives 28×28×16 (sub-pixel convolution).
public struct DepthToSpace: LayerBehavior {
    /// The side of the patch each position unfolds into.
    public var blockSize: Int

    /// Creates a depth-to-space layer.
    public init(blockSize: Int) {
        self.blockSize = blockSize
    }

    public var kindName: String { "depthtospace" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .depthToSpace(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        let spatial = try checkedSpatial(input, layer: kindName, rank: nil, layout: layout)
        guard blockSize > 0 else {
            throw CNNCalcError(.badArgument, "block size \(blockSize) is not positive", fix: "write e.g. 'depthtospace 2'")
        }
        let factor = try CheckedArithmetic.product(Array(repeating: blockSize, count: spatial.count), "the block size")
        guard input.channels % factor == 0 else {
            let power = Array(repeating: String(blockSize), count: spatial.count).joined(separator: "*")
            throw CNNCalcError(
                .shape,
                "the \(input.channels) channels of the input \(input.text(in: layout)) are not a multiple of \(power) = \(factor)",
                fix: "give the layer before it a multiple of \(factor) channels")
        }
        var sizes: [Int] = []
        for size in spatial { sizes.append(try CheckedArithmetic.multiply(size, blockSize, "the output size")) }
        return windowOutput(like: input, spatial: sizes, channels: input.channels / factor)
    }

    /// Only a rearrangement.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// One positive size per spatial axis, from one value or one per axis.
func perAxis(_ values: [Int], named name: String, spatial: SpatialSizes) throws(CNNCalcError) -> [Int] {
    guard values.count == 1 || values.count == spatial.count else {
        let rank = spatial.count
        throw CNNCalcError(
            .badArgument,
            "\(name) \(SlidingWindow.text(values)) has \(values.count) axes but the input \(SlidingWindow.text(spatial)) has \(rank) spatial \(rank == 1 ? "axis" : "axes")",
            fix: "give \(rank == 1 ? "one size" : "\(rank) sizes") or a single number")
    }
    if let bad = values.first(where: { $0 <= 0 }) {
        throw CNNCalcError(.badArgument, "\(name) \(bad) is not positive", fix: "\(name) values must be 1 or more")
    }
    for value in values { try CheckedArithmetic.checkSize(value, name) }
    return SlidingWindow.expand(values, to: spatial.count)
}

/// One before/after pair per spatial axis, from one pair or one per axis.
func perAxisSides(_ sides: [AxisPadding], named name: String, spatial: SpatialSizes) throws(CNNCalcError) -> [AxisPadding] {
    guard sides.count == 1 || sides.count == spatial.count else {
        let rank = spatial.count
        throw CNNCalcError(
            .badArgument,
            "\(name) \(Padding.explicit(sides).text) has \(sides.count) axes but the input \(SlidingWindow.text(spatial)) has \(rank) spatial \(rank == 1 ? "axis" : "axes")",
            fix: "give one \(name) per axis or a single number")
    }
    if sides.contains(where: { $0.before < 0 || $0.after < 0 }) {
        throw CNNCalcError(.badArgument, "\(name) \(Padding.explicit(sides).text) is negative", fix: "\(name) counts rows and must be 0 or more")
    }
    for side in sides { try CheckedArithmetic.checkSize(max(side.before, side.after), name) }
    return sides.count == 1 ? Array(repeating: sides[0], count: spatial.count) : sides
}
