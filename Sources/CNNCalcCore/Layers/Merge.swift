/// Elementwise sum of two or more inputs, as in a residual block. No parameters.
///
/// The inputs must broadcast by meaning (see ``Broadcast``); the result takes the larger size
/// of every axis:
/// ```
/// output shape = the broadcast shape          e.g. 8x8x16 + 8x8x16 -> 8x8x16, 8x8x16 + 1x1x16 -> 8x8x16
/// parameters   = 0
/// ```
public struct Add: LayerBehavior {
    /// Creates an add layer.
    public init() {}

    public var kindName: String { "add" }
    public var arity: LayerArity { .many }
    public var layerKind: LayerKind { .add(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        try Broadcast.shape(of: inputs, layer: kindName, layout: layout)
    }

    /// One FLOP per output element for every input after the first.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output, perElement: inputs.count - 1)
    }
}

/// An elementwise merge other than the sum: difference, product, mean, maximum or minimum of its
/// inputs, as Keras' `Subtract`, `Multiply`, `Average`, `Maximum` and `Minimum` layers. No parameters.
///
/// The inputs broadcast by meaning as for ``Add``; `subtract` takes exactly two (the first minus
/// the second). A vector of C values multiplies a map of C channels position by position, as in
/// squeeze-and-excitation: `multiply inputs=features,gates` on 7x7x512 and 512 gives 7x7x512.
///
/// Cost: no MACs; per output element, one FLOP for every input after the first, and for
/// `average` one more for the division.
public struct ElementwiseMerge: LayerBehavior {
    /// What the merge computes at every position.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        /// The first input minus the second.
        case subtract
        /// The product of the inputs.
        case multiply
        /// The mean of the inputs.
        case average
        /// The largest input.
        case maximum
        /// The smallest input.
        case minimum
    }

    /// What the merge computes.
    public var operation: Operation

    /// Creates an elementwise merge.
    public init(_ operation: Operation) {
        self.operation = operation
    }

    public var kindName: String { operation.rawValue }
    public var arity: LayerArity { operation == .subtract ? .two : .many }
    public var layerKind: LayerKind { .elementwise(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        try Broadcast.shape(of: inputs, layer: kindName, layout: layout)
    }

    /// FLOPs per output element: one per input after the first, plus the division of `average`.
    public func flopsPerElement(inputCount: Int) -> Int {
        inputCount - 1 + (operation == .average ? 1 : 0)
    }

    /// No MACs; ``flopsPerElement(inputCount:)`` per output element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output, perElement: flopsPerElement(inputCount: inputs.count))
    }
}

/// Broadcasting by meaning: how the shapes of an elementwise merge combine.
///
/// Shapes are matched axis by axis by what the axes mean, never by position alone:
///
/// | inputs | rule | example |
/// |---|---|---|
/// | feature maps | the same number of spatial axes; each spatial size and the channels equal or 1 | `8x8x16` and `1x1x16` → `8x8x16` |
/// | sequences (a 1-D feature map counts as one) | steps equal or 1, features equal or 1 | `50x64` and `1x64` → `50x64` |
/// | a vector and a map or sequence | the vector is one value per channel (feature), for every position: its size equals the channels or is 1 | `7x7x512` and `512` → `7x7x512` |
/// | vectors | sizes equal or 1 | `10` and `1` → `10` |
///
/// The result takes the larger size of every axis, and the kind of the first input that has positions.
public enum Broadcast {
    /// The shape `inputs` broadcast to, or an error naming `layer` and the axis that does not fit.
    public static func shape(of inputs: [TensorShape], layer: String, layout: Layout) throws(CNNCalcError) -> TensorShape {
        let first = inputs[0]
        guard inputs.dropFirst().contains(where: { $0 != first }) else { return first }
        let positioned = inputs.indices.filter { positions(of: inputs[$0]) != nil }
        let reference = positioned.first ?? 0
        let referenceShape = inputs[reference]
        let referencePositions = positions(of: referenceShape) ?? []
        var sizes = referencePositions
        for index in positioned.dropFirst() {
            let shape = inputs[index]
            let axes = positions(of: shape) ?? []
            guard axes.count == referencePositions.count, compatibleKinds(referenceShape, shape) else {
                throw CNNCalcError(
                    .shape,
                    "\(layer) cannot broadcast input \(reference + 1), a \(referenceShape.kindName) \(referenceShape.text(in: layout)), "
                        + "with input \(index + 1), a \(shape.kindName) \(shape.text(in: layout))",
                    fix: "merge shapes of the same kind, with the same number of spatial axes")
            }
            for axis in axes.indices where axes[axis] != sizes[axis] {
                guard axes[axis] == 1 || sizes[axis] == 1 else {
                    let name = axisName(axis, of: referenceShape)
                    throw CNNCalcError(
                        .shape,
                        "\(layer) needs inputs whose shapes broadcast; input \(reference + 1) is \(referenceShape.text(in: layout)) "
                            + "but input \(index + 1) is \(shape.text(in: layout)): the \(name) \(sizes[axis]) and \(axes[axis]) differ and neither is 1",
                        fix: "bring the branches to the same \(name) (pooling, stride or padding=same), or to 1 to broadcast")
                }
                sizes[axis] = max(sizes[axis], axes[axis])
            }
        }
        var channels = first.channels
        for (index, shape) in inputs.enumerated().dropFirst() where shape.channels != channels {
            guard shape.channels == 1 || channels == 1 else {
                let noun = first.spatialRank > 0 ? "channels" : "features"
                let fix = first.spatialRank > 0
                    ? "make the branches end in the same shape, e.g. with a 1x1 conv of \(first.channels) filters on the shorter path"
                    : "make the branches end in the same number of features, e.g. with a dense layer of \(first.channels) units"
                throw CNNCalcError(
                    .shape,
                    "\(layer) needs inputs whose shapes broadcast; \(noun == "channels" ? "channel" : "feature") mismatch: "
                        + "input 1 has \(first.channels) \(noun) and input \(index + 1) has \(shape.channels), and neither is 1",
                    fix: fix)
            }
            channels = max(channels, shape.channels)
        }
        switch referenceShape {
        case .featureMap: return .featureMap(spatial: sizes, channels: channels)
        case .sequence: return .sequence(steps: sizes.first ?? 1, features: channels)
        case .vector: return .vector(features: channels)
        }
    }

    /// The sizes of the positional axes: spatial axes, or a sequence's steps; `nil` for a vector.
    private static func positions(of shape: TensorShape) -> SpatialSizes? {
        switch shape {
        case .featureMap(let spatial, _): spatial
        case .sequence(let steps, _): [steps]
        case .vector: nil
        }
    }

    /// Whether two shapes with positions can broadcast: maps with maps, sequences with sequences or 1-D maps.
    private static func compatibleKinds(_ a: TensorShape, _ b: TensorShape) -> Bool {
        switch (a, b) {
        case (.featureMap, .featureMap), (.sequence, .sequence): true
        case (.sequence, .featureMap(let spatial, _)), (.featureMap(let spatial, _), .sequence): spatial.count == 1
        default: false
        }
    }

    private static func axisName(_ axis: Int, of shape: TensorShape) -> String {
        if case .sequence = shape { return "steps" }
        return SpatialAxis.name(of: axis, rank: shape.spatialRank)
    }
}

/// Names of spatial axes as the `.cnn` format writes them.
enum SpatialAxis {
    /// `length`; `height`, `width`; `depth`, `height`, `width`.
    static func name(of axis: Int, rank: Int) -> String {
        switch (rank, axis) {
        case (1, _): "length"
        case (2, 0), (3, 1): "height"
        case (2, 1), (3, 2): "width"
        case (3, 0): "depth"
        default: "axis \(axis + 1)"
        }
    }
}

/// Concatenation of two or more inputs along one axis. No parameters.
///
/// The axis is named by meaning: `channels` (the default; `features` is the same axis of a
/// sequence or a vector), `height`, `width` and `depth` of a feature map, and `length` or `steps`
/// of a sequence or 1-D feature map. Every other axis must be equal.
/// ```
/// output size on the axis = sum of the inputs' sizes      e.g. 64 + 32 = 96 channels
/// other axes              = the sizes every input shares
/// parameters              = 0
/// ```
public struct Concatenate: LayerBehavior {
    /// The axis to join along, by meaning.
    public enum Axis: String, Hashable, Sendable, CaseIterable {
        /// The channels of a feature map, or the features of a sequence or a vector.
        case channels
        /// The first spatial axis of a 2-D map, the second of a 3-D map.
        case height
        /// The last spatial axis of a 2-D or 3-D map.
        case width
        /// The first spatial axis of a 3-D map.
        case depth
        /// The one spatial axis of a 1-D map, or the steps of a sequence.
        case length
        /// The steps of a sequence, or the length of a 1-D map.
        case steps
        /// The same axis as `channels`.
        case features
    }

    /// The axis to join along.
    public var axis: Axis

    /// Creates a concatenate layer; along the channels unless told otherwise.
    public init(axis: Axis = .channels) {
        self.axis = axis
    }

    public var kindName: String { "concat" }
    public var arity: LayerArity { .many }
    public var layerKind: LayerKind { .concatenate(self) }

    /// The position of the axis among `[positions..., channels]` of `shape`, or `nil` when it has no such axis.
    public func axisIndex(in shape: TensorShape) -> Int? {
        let rank: Int
        switch shape {
        case .featureMap(let spatial, _): rank = spatial.count
        case .sequence: rank = 1
        case .vector: rank = 0
        }
        switch axis {
        case .channels, .features: return rank
        case .length, .steps: return rank == 1 ? 0 : nil
        case .height: return shape.spatialRank == 2 ? 0 : shape.spatialRank == 3 ? 1 : nil
        case .width: return shape.spatialRank >= 2 ? shape.spatialRank - 1 : nil
        case .depth: return shape.spatialRank == 3 ? 0 : nil
        }
    }

    /// The axis in words: "the channels", "the width".
    private var phrase: String {
        switch axis {
        case .channels, .features: "the channels"
        default: "the \(axis.rawValue)"
        }
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let first = inputs[0]
        guard let index = axisIndex(in: first) else {
            let axes = Axis.allCases.filter { Concatenate(axis: $0).axisIndex(in: first) != nil }.map(\.rawValue)
            throw CNNCalcError(
                .shape, "concat axis=\(axis.rawValue) needs an input with that axis, but input 1 is a \(first.kindName) \(first.text(in: layout))",
                fix: "choose among \(axes.joined(separator: ", "))")
        }
        var dimensions = Self.dimensions(of: first)
        var joined = dimensions[index]
        for (position, other) in inputs.enumerated().dropFirst() {
            var otherDimensions = Self.dimensions(of: other)
            let sameKind = Self.kindsMatch(first, other) && otherDimensions.count == dimensions.count
            if sameKind { otherDimensions[index] = dimensions[index] }
            guard sameKind, otherDimensions == dimensions else {
                let fix = axis == .channels || axis == .features
                    ? "bring the branches to the same spatial size first (pooling, stride or padding=same)"
                    : "make every other axis equal first"
                throw CNNCalcError(
                    .shape,
                    "concat joins along \(phrase), so every other axis must match; input 1 is \(first.text(in: layout)) but input \(position + 1) is \(other.text(in: layout))",
                    fix: fix)
            }
            joined = try CheckedArithmetic.add(joined, Self.dimensions(of: other)[index], "the concatenated size")
        }
        dimensions[index] = joined
        switch first {
        case .featureMap: return .featureMap(spatial: SpatialSizes(axesOf: dimensions.dropLast()), channels: dimensions[dimensions.count - 1])
        case .sequence: return .sequence(steps: dimensions[0], features: dimensions[1])
        case .vector: return .vector(features: dimensions[0])
        }
    }

    /// The sizes in the order ``axisIndex(in:)`` counts them: positions (spatial axes or steps), then channels.
    public static func dimensions(of shape: TensorShape) -> [Int] {
        switch shape {
        case .featureMap(let spatial, let channels): spatial + [channels]
        case .sequence(let steps, let features): [steps, features]
        case .vector(let features): [features]
        }
    }

    private static func kindsMatch(_ a: TensorShape, _ b: TensorShape) -> Bool {
        switch (a, b) {
        case (.featureMap(let x, _), .featureMap(let y, _)): x.count == y.count
        case (.sequence, .sequence), (.vector, .vector): true
        default: false
        }
    }

    /// Only a copy.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// The matrix product of two sequences, as `torch.matmul`/`bmm` or Keras' `Dot` on the feature axes.
///
/// Input `a` is `L x D` (a sequence of L steps, or a vector of D as one step); input `b` is
/// `D x M` (D steps of M features), or `M x D` with `transposesB` (Keras' `Dot(axes=2)`, the
/// scores `Q Kᵀ` of attention). No parameters.
/// ```
/// output = sequence L x M            (a vector of M when a is a vector)
/// MACs   = L * D * M                 e.g. 50x64 times 64x50: 50*64*50 = 160,000
/// ```
public struct MatrixProduct: LayerBehavior {
    /// Whether `b` is written `M x D` and transposed before the product.
    public var transposesB: Bool

    /// Creates a matrix product.
    public init(transposesB: Bool = false) {
        self.transposesB = transposesB
    }

    public var kindName: String { "matmul" }
    public var arity: LayerArity { .two }
    public var layerKind: LayerKind { .matrixProduct(self) }

    /// `L`, `D` and `M` of the product, with `L` `nil` when `a` is a vector.
    public func sizes(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> (rows: Int?, inner: Int, columns: Int) {
        let rows: Int?
        let inner: Int
        if case .vector(let features) = inputs[0] {
            (rows, inner) = (nil, features)
        } else {
            let a = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: "matmul", layout: layout)
            (rows, inner) = (a.steps, a.features)
        }
        let b = try SequenceInput.stepsAndFeatures(of: inputs[1], layer: "matmul", layout: layout)
        let (bInner, columns) = transposesB ? (b.features, b.steps) : (b.steps, b.features)
        guard bInner == inner else {
            let aText = inputs[0].text(in: layout)
            let bText = inputs[1].text(in: layout)
            let written = transposesB ? "M x D, so its features" : "D x M, so its steps"
            throw CNNCalcError(
                .shape,
                "matmul multiplies a (\(aText)) by b (\(bText)): b is read as \(written) (\(bInner)) must equal the \(inner) features of a",
                fix: transposesB ? "use transpose_b=false when b is D x M" : "use transpose_b=true when b is M x D, as the keys of attention are")
        }
        return (rows, inner, columns)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let (rows, _, columns) = try sizes(for: inputs, layout: layout)
        guard let rows else { return .vector(features: columns) }
        return .sequence(steps: rows, features: columns)
    }

    /// `L * D * M` MACs.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let (rows, inner, columns) = try sizes(for: inputs, layout: .channelsLast)
        return try .macs(try CheckedArithmetic.product([rows ?? 1, inner, columns], "the MAC count"))
    }
}
