/// Reshape: the same values under a new shape, written like an `input` line. No parameters.
///
/// The sizes are read in the network's layout (or `layout`):
///
/// | sizes | shape | example (channels last) |
/// |---|---|---|
/// | 1 | vector | `reshape 3136` |
/// | 2 | sequence, steps × features (in either layout) | `reshape 49x64` |
/// | 3 | 2-D feature map | `reshape 7x7x64` |
/// | 4 | 3-D feature map | `reshape 4x7x7x16` |
///
/// Two sizes make a sequence, not a 1-D feature map as on an `input` line: a reshape to two axes
/// is how a map becomes the input of a recurrent or attention layer (Keras `Reshape((49, 64))`,
/// PyTorch `x.reshape(N, 49, 64)`), and 1-D convolutions read sequences as maps anyway.
///
/// One size may be `-1`: it is the input's element count divided by the product of the others.
/// The product must equal the input's element count, as in Keras `Reshape` and PyTorch `view`.
///
/// For example, `reshape 7x7x64` on a vector of 3,136 gives a 7×7×64 map; `reshape -1x64` on
/// 7×7×64 gives 49×64.
///
/// With `readsTwoAxesAsMap`, two sizes make a 1-D feature map instead (Lasagne's `(channels,
/// length)`), read in the layout like three or four sizes.
public struct Reshape: LayerBehavior {
    /// The target sizes, one of them possibly `-1`.
    public var sizes: [Int]
    /// The layout the sizes are written in, or `nil` for the network's.
    public var layout: Layout?
    /// Whether two sizes make a 1-D feature map rather than a sequence.
    public var readsTwoAxesAsMap: Bool = false

    /// Creates a reshape.
    public init(_ sizes: [Int], layout: Layout? = nil) {
        self.sizes = sizes
        self.layout = layout
    }

    public var kindName: String { "reshape" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .reshape(self) }

    /// The sizes with `-1` resolved against `input`.
    public func resolvedSizes(for input: TensorShape) throws(CNNCalcError) -> [Int] {
        let elements = try input.elementCount()
        let written = SlidingWindow.text(sizes)
        let unknown = sizes.indices.filter { sizes[$0] == -1 }
        guard unknown.count <= 1 else {
            throw CNNCalcError(.badArgument, "reshape \(written) has \(unknown.count) sizes of -1", fix: "write -1 for at most one size")
        }
        if let bad = sizes.first(where: { $0 == 0 || $0 < -1 }) {
            throw CNNCalcError(.badArgument, "reshape size \(bad) is not positive", fix: "sizes are 1 or more, and one of them may be -1")
        }
        let known = try CheckedArithmetic.product(sizes.filter { $0 != -1 }, "the reshaped size")
        guard let missing = unknown.first else {
            guard known == elements else {
                throw CNNCalcError(
                    .shape,
                    "reshape \(written) holds \(known) values but the input \(input.text(in: .channelsLast)) has \(elements)",
                    fix: "choose sizes whose product is \(elements), or write -1 for one of them")
            }
            return sizes
        }
        guard elements % known == 0 else {
            throw CNNCalcError(
                .shape,
                "reshape \(written): the \(elements) values of the input do not divide into parts of \(known)",
                fix: "choose sizes whose product divides \(elements)")
        }
        var result = sizes
        result[missing] = elements / known
        return result
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let sizes = try resolvedSizes(for: inputs[0])
        let layout = self.layout ?? layout
        if readsTwoAxesAsMap && sizes.count == 2 {
            return layout == .channelsLast
                ? .featureMap(spatial: [sizes[0]], channels: sizes[1]) : .featureMap(spatial: [sizes[1]], channels: sizes[0])
        }
        return try TensorShape.reinterpreting(sizes, layout: layout, layer: kindName)
    }

    /// Only a change of view.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Permute: reorders the axes of one example, as Keras `Permute` does. No parameters.
///
/// `axes` are 1-based positions in the input's sizes as written in the network's layout (batch
/// excluded): output size `i` is input size `axes[i]`. The result is read back with the rank rule
/// of ``Reshape``.
///
/// For example, `permute 2x1` on the sequence 50×300 gives 300×50; `permute 3x1x2` on the
/// channels-last map 28×28×3 gives 3×28×28, read as height 3, width 28 and 28 channels.
public struct Permute: LayerBehavior {
    /// The 1-based input axis of every output axis.
    public var axes: [Int]

    /// Creates a permute layer.
    public init(axes: [Int]) {
        self.axes = axes
    }

    public var kindName: String { "permute" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .permute(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        let dimensions = input.dimensions(in: layout)
        guard axes.sorted() == Array(1...dimensions.count) else {
            throw CNNCalcError(
                .badArgument,
                "permute \(SlidingWindow.text(axes)) is not an order of the \(dimensions.count) axes of the input \(input.text(in: layout))",
                fix: "name every axis from 1 to \(dimensions.count) once, e.g. '\(kindName) \(SlidingWindow.text(Array((1...dimensions.count).reversed())))'")
        }
        return try TensorShape.reinterpreting(
            axes.map { dimensions[$0 - 1] }, layout: layout, layer: kindName)
    }

    /// A copy in a new order, no arithmetic.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Squeeze: removes axes of size 1 (all of them, or the one given). No parameters.
///
/// `axis` is 1-based in the input's sizes as written in the network's layout. The result is read
/// back with the rank rule of ``Reshape``: squeezing a 1×1×512 map gives a vector of 512.
public struct Squeeze: LayerBehavior {
    /// The 1-based axis to remove, or `nil` for every axis of size 1.
    public var axis: Int?

    /// Creates a squeeze layer.
    public init(axis: Int? = nil) {
        self.axis = axis
    }

    public var kindName: String { "squeeze" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .squeeze(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        var dimensions = input.dimensions(in: layout)
        if let axis {
            guard (1...dimensions.count).contains(axis) else {
                throw CNNCalcError(
                    .badArgument, "axis \(axis) is outside the \(dimensions.count) axes of the input \(input.text(in: layout))",
                    fix: "give an axis from 1 to \(dimensions.count)")
            }
            guard dimensions[axis - 1] == 1 else {
                throw CNNCalcError(
                    .shape, "axis \(axis) of the input \(input.text(in: layout)) has size \(dimensions[axis - 1]), not 1",
                    fix: "squeeze an axis of size 1, or leave axis out to remove them all")
            }
            dimensions.remove(at: axis - 1)
        } else {
            dimensions.removeAll { $0 == 1 }
            if dimensions.isEmpty { dimensions = [1] }
        }
        return try TensorShape.reinterpreting(dimensions, layout: layout, layer: kindName)
    }

    /// Only a change of view.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// Unsqueeze: inserts an axis of size 1. No parameters.
///
/// `axis` is the 1-based position of the new axis among the output's sizes, as written in the
/// network's layout; the result is read back with the rank rule of ``Reshape``. For example,
/// `unsqueeze axis=1` on the vector 64 gives 1×64, a sequence of one step of 64 features.
public struct Unsqueeze: LayerBehavior {
    /// The 1-based position of the new axis.
    public var axis: Int

    /// Creates an unsqueeze layer.
    public init(axis: Int) {
        self.axis = axis
    }

    public var kindName: String { "unsqueeze" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .unsqueeze(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        var dimensions = input.dimensions(in: layout)
        guard (1...dimensions.count + 1).contains(axis) else {
            throw CNNCalcError(
                .badArgument, "axis \(axis) is outside the \(dimensions.count + 1) positions of a new axis in the input \(input.text(in: layout))",
                fix: "give an axis from 1 to \(dimensions.count + 1)")
        }
        dimensions.insert(1, at: axis - 1)
        return try TensorShape.reinterpreting(dimensions, layout: layout, layer: kindName)
    }

    /// Only a change of view.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

extension TensorShape {
    /// Whether the shape is a sequence.
    public var isSequence: Bool {
        if case .sequence = self { return true }
        return false
    }

    /// The shape that `sizes` written in `layout` stand for, by the rank rule of the reshaping
    /// layers: 1 size a vector, 2 a sequence (steps × features), 3 a 2-D map, 4 a 3-D map.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.shape` for no size or more than 4.
    public static func reinterpreting(_ sizes: [Int], layout: Layout, layer: String) throws(CNNCalcError) -> TensorShape {
        guard let first = sizes.first, let last = sizes.last, sizes.count <= 4 else {
            throw CNNCalcError(
                .shape, "\(layer) gives \(sizes.count) axes (\(SlidingWindow.text(sizes))), but a shape has 1 to 4",
                fix: "keep at most 3 spatial axes and the channels")
        }
        if sizes.count == 1 { return .vector(features: first) }
        if sizes.count == 2 { return .sequence(steps: first, features: last) }
        return layout == .channelsLast
            ? .featureMap(spatial: try SpatialSizes(sizes.dropLast()), channels: last)
            : .featureMap(spatial: try SpatialSizes(sizes.dropFirst()), channels: first)
    }
}
