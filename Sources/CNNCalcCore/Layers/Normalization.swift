/// Layer normalization: each example is normalized over its last axis (the channels or
/// features), or over all its axes, then scaled and shifted. The shape is unchanged.
///
/// With `C` the channels and `N` the elements of one example:
///
/// | axes | scale, offset | PyTorch | Keras |
/// |---|---|---|---|
/// | `last` | `C` each: `2*C` | `LayerNorm(C)` | `LayerNormalization()` (axis -1) |
/// | `all` | one per element: `2*N` (MATLAB, Lasagne: `C` each) | `LayerNorm([C, H, W])` | `LayerNormalization(axis=[1, 2, 3])` |
///
/// MATLAB's `layerNormalizationLayer` and Lasagne's `layer_norm` always normalize over every
/// axis and learn one scale and offset per channel, so under their conventions `axes=all` counts `2*C`.
/// `scale` false removes the scale (with it, PyTorch's `elementwise_affine=False`), `center` false the offset
/// (PyTorch `bias=False`, Keras `center=False`).
///
/// | convention | scale | offset |
/// |---|---|---|
/// | Keras | `gamma` | `beta` |
/// | PyTorch | `weight` | `bias` |
/// | MATLAB | `Scale` | `Offset` |
/// | Lasagne | `scales` (`ScaleLayer`) | `b` (`BiasLayer`) |
///
/// Cost, per element: 5 FLOPs for the statistics and the normalization (an addition for the mean; a
/// subtraction, a square and an addition for the variance; a multiplication by `1/std`), and one
/// MAC for the scale and shift when either is learned. The per-example square roots are left out.
///
/// For example, `layernorm` on the sequence 50×512 has `2*512 = 1,024` parameters.
public struct LayerNormalization: LayerBehavior {
    /// Which axes one mean and variance are taken over.
    public enum Axes: String, Hashable, Sendable {
        /// The last axis: channels or features.
        case last
        /// Every axis of one example.
        case all
    }

    /// The normalized axes.
    public var axes: Axes
    /// Whether a learned scale multiplies the normalized value.
    public var scale: Bool
    /// Whether a learned offset is added.
    public var center: Bool

    /// Creates a layer normalization.
    public init(axes: Axes = .last, scale: Bool = true, center: Bool = true) {
        self.axes = axes
        self.scale = scale
        self.center = center
    }

    public var kindName: String { "layernorm" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .layerNormalization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// The scale and offset, shaped like the normalized axes (see the tables above).
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let input = inputs[0]
        let shape: [Int]
        switch (axes, convention) {
        case (.all, .keras): shape = input.dimensions(in: .channelsLast)
        case (.all, .pytorch): shape = input.dimensions(in: .channelsFirst)
        case (_, .matlab): shape = perChannelMATLABShape(input)
        default: shape = [input.channels]
        }
        return affineLearnables(shape: shape, scale: scale, center: center, convention: convention)
    }

    /// 5 FLOPs per element, plus one MAC per element when a scale or offset is learned.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try normalizationCost(output, affine: scale || center)
    }
}

/// Group normalization: the channels are split into `groups`, and each group of one example is
/// normalized over its channels and positions, then scaled and shifted per channel. Shape unchanged.
///
/// ```
/// scale  = C      (Keras gamma, PyTorch weight, MATLAB Scale)
/// offset = C      (Keras beta, PyTorch bias, MATLAB Offset)
/// total  = 2*C    0 when affine is false        e.g. groupnorm 8 on 64 channels: 128
/// ```
/// `groups` must divide `C`. Cost as for ``LayerNormalization``. Lasagne has no group
/// normalization; its tensors are named as its `instance_norm` names them (`scales`, `b`).
public struct GroupNormalization: LayerBehavior {
    /// The number of channel groups.
    public var groups: Int
    /// Whether a scale and an offset are learned per channel.
    public var affine: Bool

    /// Creates a group normalization.
    public init(groups: Int, affine: Bool = true) {
        self.groups = groups
        self.affine = affine
    }

    public var kindName: String { "groupnorm" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .groupNormalization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let channels = inputs[0].channels
        guard groups > 0 else {
            throw CNNCalcError(.badArgument, "group count \(groups) is not positive", fix: "write e.g. 'groupnorm 8'")
        }
        guard channels % groups == 0 else {
            throw CNNCalcError(
                .shape, "groupnorm \(groups) needs a channel count divisible by \(groups), but its input \(inputs[0].text(in: layout)) has \(channels)",
                fix: "choose a group count that divides \(channels)")
        }
        return inputs[0]
    }

    /// A scale and an offset per channel, when affine.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let shape = convention == .matlab ? perChannelMATLABShape(inputs[0]) : [inputs[0].channels]
        return affineLearnables(shape: shape, scale: affine, center: affine, convention: convention)
    }

    /// 5 FLOPs per element, plus one MAC per element when affine.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try normalizationCost(output, affine: affine)
    }
}

/// Instance normalization: each channel of each example is normalized over its positions. Shape unchanged.
///
/// When affine, a scale and an offset per channel: `2*C`. Whether it is affine by default depends on
/// the framework:
///
/// | convention | default | layer |
/// |---|---|---|
/// | PyTorch | not affine, 0 parameters | `InstanceNorm2d(C)` (`affine=False`) |
/// | Keras | not affine, 0 parameters, as PyTorch | `GroupNormalization(groups=-1, center=False, scale=False)` (Keras has no instance normalization of its own) |
/// | MATLAB | affine, `2*C` | `instanceNormalizationLayer` |
/// | Lasagne | affine, `2*C` | `instance_norm` (`learn_scale`, `learn_bias` true) |
///
/// `affine` set to `true` or `false` overrides the default in every convention. Cost as for
/// ``LayerNormalization``, with the scale and shift counted when the convention's default or `affine` has them.
public struct InstanceNormalization: LayerBehavior {
    /// Whether a scale and an offset are learned, or `nil` for the convention's default.
    public var affine: Bool?

    /// Creates an instance normalization.
    public init(affine: Bool? = nil) {
        self.affine = affine
    }

    public var kindName: String { "instancenorm" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .instanceNormalization(self) }

    /// Whether the layer learns a scale and offset under `convention`.
    public func isAffine(in convention: Convention) -> Bool {
        affine ?? (convention == .matlab || convention == .lasagne)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        _ = try spatialInput(inputs[0], layer: kindName, layout: layout)
        return inputs[0]
    }

    /// A scale and an offset per channel, when affine in `convention`.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let shape = convention == .matlab ? perChannelMATLABShape(inputs[0]) : [inputs[0].channels]
        let affine = isAffine(in: convention)
        return affineLearnables(shape: shape, scale: affine, center: affine, convention: convention)
    }

    /// 5 FLOPs per element, plus one MAC per element when written affine (the cost does not depend on the
    /// convention, so an unwritten `affine` counts PyTorch's default: none).
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try normalizationCost(output, affine: affine ?? false)
    }
}

/// Local response normalization across channels (AlexNet; PyTorch `LocalResponseNorm`, MATLAB
/// `crossChannelNormalizationLayer`, Lasagne `LocalResponseNormalization2DLayer`). No parameters.
///
/// ```
/// b_c = a_c / (k + alpha/size * sum of a_j^2 over the size channels around c)^beta
/// ```
/// The shape is unchanged. Cost, per element: `size` MACs for the sum of squares, and 3 FLOPs for the
/// scaling, the power and the division.
public struct LocalResponseNormalization: LayerBehavior {
    /// The number of neighbouring channels summed over.
    public var size: Int

    /// Creates a local response normalization.
    public init(size: Int) {
        self.size = size
    }

    public var kindName: String { "lrn" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .localResponseNormalization(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard size > 0 else {
            throw CNNCalcError(.badArgument, "size \(size) is not positive", fix: "write e.g. 'lrn 5'")
        }
        return inputs[0]
    }

    /// `size` MACs and 3 FLOPs per element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let elements = try output.elementCount()
        return try .macs(
            try CheckedArithmetic.multiply(elements, size, "the MAC count"),
            plus: try CheckedArithmetic.multiply(elements, 3, "the FLOP count"))
    }
}

/// MATLAB's per-channel shape: `1×1×C` on a 2-D map, `C×1` on a vector or sequence.
private func perChannelMATLABShape(_ input: TensorShape) -> [Int] {
    let rank = input.spatialRank
    return rank > 0 ? Array(repeating: 1, count: rank) + [input.channels] : [input.channels, 1]
}

/// A scale and an offset of `shape`, named as `convention` names them.
private func affineLearnables(shape: [Int], scale: Bool, center: Bool, convention: Convention) -> [Learnable] {
    let names: (scale: String, offset: String) = switch convention {
    case .keras: ("gamma", "beta")
    case .pytorch: ("weight", "bias")
    case .matlab: ("Scale", "Offset")
    case .lasagne: ("scales", "b")
    }
    var result: [Learnable] = []
    if scale { result.append(Learnable(names.scale, shape: shape, role: .trainable)) }
    if center { result.append(Learnable(names.offset, shape: shape, role: .trainable)) }
    return result
}

/// 5 FLOPs per element for the statistics and normalization, plus one MAC per element when affine.
private func normalizationCost(_ output: TensorShape, affine: Bool) throws(CNNCalcError) -> Cost {
    let elements = try output.elementCount()
    return try .macs(affine ? elements : 0, plus: try CheckedArithmetic.multiply(elements, 5, "the FLOP count"))
}
