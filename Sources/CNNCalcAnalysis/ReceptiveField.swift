import CNNCalcCore

/// The region of the network's input that one output position of a layer can see, per spatial axis.
///
/// For a chain of sliding windows (Araujo et al., "Computing Receptive Fields of Convolutional
/// Neural Networks", Distill 2019), with `k_eff = dilation*(kernel-1) + 1` and `p` the padding
/// before:
/// ```
/// jump_out  = jump_in * stride
/// size_out  = size_in + (k_eff - 1) * jump_in
/// start_out = start_in + ((k_eff - 1)/2 - p) * jump_in
/// ```
/// The input has size 1, jump 1 and start 0 (the centre of the first pixel). Elementwise
/// layers keep the field; where branches merge, each axis takes the largest field over the
/// inputs. Layers that mix every position (dense on a map, global pooling, flatten) see the
/// whole input.
public enum ReceptiveField: Hashable, Sendable {
    /// A window of the input, one entry per spatial axis.
    case local([ReceptiveFieldAxis])
    /// Every position of the input.
    case whole

    /// The field of the network's input itself.
    static func identity(rank: Int) -> ReceptiveField {
        .local(Array(repeating: ReceptiveFieldAxis(size: 1, jump: 1, start: 0), count: rank))
    }
}

/// The receptive field along one spatial axis.
public struct ReceptiveFieldAxis: Hashable, Sendable {
    /// How many input positions one output position sees, from first to last.
    public var size: Int
    /// The distance in input positions between neighbouring outputs (the effective stride).
    public var jump: Int
    /// The input coordinate of the centre of the first output's field (negative when it lies in the padding).
    public var start: Double

    /// Creates an axis.
    public init(size: Int, jump: Int, start: Double) {
        self.size = size
        self.jump = jump
        self.start = start
    }

    /// The field after a window of `window` on this axis.
    func through(_ window: AxisOutput) -> ReceptiveFieldAxis {
        let span = window.effectiveKernel - 1
        return ReceptiveFieldAxis(
            size: size + span * jump,
            jump: jump * window.stride,
            start: start + (Double(span) / 2 - Double(window.padBefore)) * Double(jump))
    }
}

extension ReceptiveField {
    /// The field of a layer's output, given its kind, its windows and the fields of its inputs.
    static func of(
        _ kind: LayerKind, axes: [AxisOutput], inputs: [ReceptiveField], inputShapes: [TensorShape], output: TensorShape
    ) -> ReceptiveField {
        switch kind {
        case .input:
            return .identity(rank: isSequence(output) ? 1 : output.spatialRank)
        case .convolution, .pooling:
            guard case .local(let fields) = inputs.first, fields.count == axes.count else { return .whole }
            return .local(zip(fields, axes).map { $0.through($1) })
        case .globalPooling, .flatten:
            return .whole
        case .dense(let layer):
            guard let shape = inputShapes.first else { return .whole }
            return layer.flattens(shape) ? .whole : (inputs.first ?? .whole)
        case .dropout, .activation, .batchNormalization:
            return inputs.first ?? .whole
        case .add, .concatenate, .elementwise:
            return largest(inputs)
        case .embedding:
            // Each step is the vector of one token: a field of one position.
            return .identity(rank: 1)
        case .recurrent, .multiHeadAttention, .transformerEncoder, .matrixProduct:
            // Recurrence, attention and products mix every step of their inputs.
            return .whole
        }
    }

    /// Each axis at its largest over the inputs; the whole input when any input sees it all.
    static func largest(_ fields: [ReceptiveField]) -> ReceptiveField {
        var result: [ReceptiveFieldAxis]?
        for field in fields {
            guard case .local(let axes) = field else { return .whole }
            guard let current = result, current.count == axes.count else {
                result = axes
                continue
            }
            result = zip(current, axes).map { $0.size >= $1.size ? $0 : $1 }
        }
        return result.map(ReceptiveField.local) ?? .whole
    }

    private static func isSequence(_ shape: TensorShape) -> Bool {
        if case .sequence = shape { return true }
        return false
    }
}
