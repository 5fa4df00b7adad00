/// Elementwise sum of two or more inputs of the same shape, as in a residual block. No parameters.
///
/// ```
/// output shape = the shape every input shares
/// parameters   = 0
/// ```
public struct Add: LayerBehavior {
    /// Creates an add layer.
    public init() {}

    public var kindName: String { "add" }
    public var arity: LayerArity { .many }
    public var layerKind: LayerKind { .add(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let first = inputs[0]
        for (index, other) in inputs.enumerated().dropFirst() where other != first {
            let what = first.channels != other.channels && first.spatial == other.spatial
                ? "channel mismatch: input 1 has \(first.channels) channels and input \(index + 1) has \(other.channels)"
                : "input 1 is \(first.text(in: layout)) but input \(index + 1) is \(other.text(in: layout))"
            throw CNNCalcError(
                .shape, "add needs inputs of the same shape; \(what)",
                fix: "make the branches end in the same shape, e.g. with a 1x1 conv of \(first.channels) filters on the shorter path")
        }
        return first
    }

    /// One FLOP per output element for every input after the first.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output, perElement: inputs.count - 1)
    }
}

/// Concatenation of two or more inputs along the channel (or feature) axis. No parameters.
///
/// ```
/// output channels = sum of the input channels      e.g. 64 + 32 = 96
/// other axes      = the sizes every input shares
/// parameters      = 0
/// ```
public struct Concatenate: LayerBehavior {
    /// Creates a concatenate layer.
    public init() {}

    public var kindName: String { "concat" }
    public var arity: LayerArity { .many }
    public var layerKind: LayerKind { .concatenate(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let first = inputs[0]
        var channels = first.channels
        for (index, other) in inputs.enumerated().dropFirst() {
            guard other.replacingChannels(with: first.channels) == first else {
                throw CNNCalcError(
                    .shape,
                    "concat joins along the channels, so every other axis must match; input 1 is \(first.text(in: layout)) but input \(index + 1) is \(other.text(in: layout))",
                    fix: "bring the branches to the same spatial size first (pooling, stride or padding=same)")
            }
            channels = try CheckedArithmetic.add(channels, other.channels, "the concatenated channel count")
        }
        return first.replacingChannels(with: channels)
    }

    /// Only a copy.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
