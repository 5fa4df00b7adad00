/// One of `parts` equal slices of the channels: PyTorch's `x.chunk(parts, dim=1)[index]`,
/// TensorFlow's `tf.split(x, parts, axis=-1)[index]`. No parameters, no arithmetic.
///
/// ```
/// channels = C / parts            (parts must divide C)
/// spatial  = unchanged
/// ```
/// For example, `channelsplit 2 0` on 28×28×116 gives the first 58 channels, 28×28×58, and
/// `channelsplit 2 1` the last 58: the channel split of ShuffleNet v2's unit (Ma et al., 2018).
public struct ChannelSplit: LayerBehavior {
    /// How many equal slices the channels are cut into.
    public var parts: Int
    /// Which slice the layer passes on, counted from 0.
    public var index: Int

    /// Creates a channel split taking slice `index` of `parts`.
    public init(parts: Int, index: Int) {
        self.parts = parts
        self.index = index
    }

    public var kindName: String { "channelsplit" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .channelSplit(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        guard parts >= 1 else {
            throw CNNCalcError(.badArgument, "a channel split into \(parts) parts", fix: "split into 1 or more parts, e.g. 'channelsplit 2 0'")
        }
        guard index >= 0, index < parts else {
            throw CNNCalcError(
                .badArgument, "slice \(index) of a channel split into \(parts) parts does not exist",
                fix: "take a slice from 0 to \(parts - 1)")
        }
        guard input.channels % parts == 0 else {
            throw CNNCalcError(
                .shape, "the \(input.channels) channels of the input \(input.text(in: layout)) do not split into \(parts) equal parts",
                fix: "give the layer before it a multiple of \(parts) channels")
        }
        return input.replacingChannels(with: input.channels / parts)
    }

    /// A copy of a slice: no arithmetic.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}

/// The channels reordered across `groups`: ShuffleNet's channel shuffle, which PyTorch writes as
/// `x.view(N, g, C/g, H, W).transpose(1, 2).reshape(N, C, H, W)`. Channel `i*C/g + j` moves to
/// `j*g + i`, so that each group of the next grouped layer sees channels of every group before.
/// No parameters, no arithmetic.
///
/// ```
/// output shape = input shape      (groups must divide C)
/// ```
/// For example, `channelshuffle 2` on 28×28×116 gives 28×28×116, the two halves interleaved.
public struct ChannelShuffle: LayerBehavior {
    /// The number of groups the channels are interleaved from.
    public var groups: Int

    /// Creates a channel shuffle over `groups` groups.
    public init(groups: Int) {
        self.groups = groups
    }

    public var kindName: String { "channelshuffle" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .channelShuffle(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let input = inputs[0]
        guard groups >= 1 else {
            throw CNNCalcError(.badArgument, "a channel shuffle over \(groups) groups", fix: "shuffle over 1 or more groups, e.g. 'channelshuffle 2'")
        }
        guard input.channels % groups == 0 else {
            throw CNNCalcError(
                .shape, "the \(input.channels) channels of the input \(input.text(in: layout)) do not divide into \(groups) groups",
                fix: "give the layer before it a multiple of \(groups) channels")
        }
        return input
    }

    /// Only a reordering.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
