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
/// inputs. Layers that mix every position (dense on a map, global pooling, flatten, reshaping,
/// and normalizations whose statistics run over positions) see the whole input.
///
/// Layers that raise the resolution make the jump a fraction: a transposed convolution or an
/// upsampling by `s` divides it by `s`. Every layer is then one step of the general recurrence
/// ```
/// size_out  = size_in + ceil(span * jump_in)
/// jump_out  = jump_in * factor
/// start_out = start_in + offset * jump_in
/// ```
/// where `span` is how many input steps apart the first and last inputs of one output lie:
///
/// | layer | span | factor | offset |
/// |---|---|---|---|
/// | convolution, pooling | `k_eff - 1` | `stride` | `(k_eff-1)/2 - pad_before` |
/// | transposed convolution | `floor((k_eff-1)/stride)` | `1/stride` | centre of the inputs of output 0 |
/// | upsample, nearest | 0 | `in/out` | 0 |
/// | upsample, linear | 1 | `in/out` | 1/2 |
/// | depth to space `b` | 0 | `1/b` | 0 |
/// | space to depth `b` | `b - 1` | `b` | `(b-1)/2` |
/// | zero padding, cropping | 0 | 1 | `-before`, `+before` |
/// | adaptive pooling | widest window `- 1` | `in/out` | centre of window 0 |
///
/// With a whole jump the ceiling changes nothing. With a fractional one, the inputs that neighbouring
/// outputs map to advance by the floor or the ceiling of the jump, so rounding `span * jump` up never
/// understates the field: the size is an upper bound there, and the jump an average.
public enum ReceptiveField: Hashable, Sendable {
    /// A window of the input, one entry per spatial axis.
    case local(ReceptiveFieldAxes)
    /// Every position of the input.
    case whole

    /// The field of the network's input itself.
    static func identity(rank: Int) -> ReceptiveField {
        .local(ReceptiveFieldAxes(repeatElement(ReceptiveFieldAxis(size: 1, jump: 1, start: 0), count: rank)))
    }
}

/// The receptive field along one spatial axis.
public struct ReceptiveFieldAxis: Hashable, Sendable {
    /// How many input positions one output position sees, from first to last.
    public var size: Int
    /// The distance in input positions between neighbouring outputs (the effective stride); a fraction
    /// after layers that raise the resolution, where it is the average distance.
    public var jump: Fraction
    /// The input coordinate of the centre of the first output's field (negative when it lies in the padding).
    public var start: Double

    /// Creates an axis.
    public init(size: Int, jump: Fraction, start: Double) {
        self.size = size
        self.jump = jump
        self.start = start
    }

    /// The field after one layer (see ``ReceptiveField`` for `span`, `factor` and `offset`), or `nil`
    /// when it is too large to count.
    func stepped(span: Int, factor: Fraction, offset: Double) -> ReceptiveFieldAxis? {
        guard let growth = jump.ceilingOfMultiple(span), let jump = jump.multiplied(by: factor) else { return nil }
        let (size, overflow) = size.addingReportingOverflow(growth)
        guard !overflow else { return nil }
        return ReceptiveFieldAxis(size: size, jump: jump, start: start + offset * self.jump.doubleValue)
    }

    /// The field after a window of `window` on this axis.
    func through(_ window: AxisOutput) -> ReceptiveFieldAxis? {
        let span = window.effectiveKernel - 1
        return stepped(span: span, factor: Fraction(window.stride), offset: Double(span) / 2 - Double(window.padBefore))
    }

    /// The field after a transposed convolution: output `o` gathers the inputs `i` with
    /// `o + pad_before - (k_eff-1) <= i*stride <= o + pad_before`.
    func through(_ axis: TransposedAxisOutput) -> ReceptiveFieldAxis? {
        let span = axis.effectiveKernel - 1
        let first = Self.ceilingDivide(axis.padBefore - span, axis.stride)
        let last = Self.floorDivide(axis.padBefore, axis.stride)
        return stepped(span: span / axis.stride, factor: Fraction(1, axis.stride), offset: Double(first + last) / 2)
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return a % b != 0 && (a < 0) != (b < 0) ? quotient - 1 : quotient
    }

    private static func ceilingDivide(_ a: Int, _ b: Int) -> Int {
        -floorDivide(-a, b)
    }
}

extension ReceptiveField {
    /// The field of a layer's output, given its kind, its windows and the fields of its inputs.
    static func of(
        _ kind: LayerKind, axes: [AxisOutput], inputs: some Collection<ReceptiveField>, inputShapes: [TensorShape],
        output: TensorShape
    ) -> ReceptiveField {
        switch kind {
        case .input:
            return .identity(rank: isSequence(output) ? 1 : output.spatialRank)
        case .convolution, .pooling, .depthwiseConvolution, .separableConvolution:
            guard case .local(let fields) = inputs.first, fields.count == axes.count else { return .whole }
            return stepped(count: fields.count) { fields[$0].through(axes[$0]) }
        case .globalPooling, .flatten:
            return .whole
        case .dense(let layer):
            guard let shape = inputShapes.first else { return .whole }
            return layer.flattens(shape) ? .whole : (inputs.first ?? .whole)
        case .dropout, .activation, .batchNormalization, .standardization, .lossOutput:
            return inputs.first ?? .whole
        case .timeDistributed(let layer):
            return distributed(layer, axes: axes, input: inputs.first ?? .whole, inputShape: inputShapes.first, output: output)
        case .add, .concatenate, .elementwise:
            return largest(inputs)
        case .embedding:
            // Each step is the vector of one token: a field of one position.
            return .identity(rank: 1)
        case .recurrent, .multiHeadAttention, .transformerEncoder, .matrixProduct:
            // Recurrence, attention and products mix every step of their inputs.
            return .whole
        default:
            return resampled(kind, input: inputs.first ?? .whole, inputShape: inputShapes.first, output: output)
        }
    }

    /// The field after one of the layers of the resampling, reshaping, normalization and activation families.
    private static func resampled(
        _ kind: LayerKind, input: ReceptiveField, inputShape: TensorShape?, output: TensorShape
    ) -> ReceptiveField {
        guard case .local(let fields) = input, let inputShape else { return .whole }
        let inputSizes = inputShape.spatial.isEmpty && isSequence(inputShape) ? [inputShape.dimensions(in: .channelsLast)[0]] : inputShape.spatial
        let outputSizes = output.spatial.isEmpty && isSequence(output) ? [output.dimensions(in: .channelsLast)[0]] : output.spatial
        let sameRank = fields.count == inputSizes.count && inputSizes.count == outputSizes.count
        func each(_ step: (ReceptiveFieldAxis, Int) -> ReceptiveFieldAxis?) -> ReceptiveField {
            guard sameRank else { return .whole }
            return stepped(fields.indices.map { step(fields[$0], $0) })
        }
        switch kind {
        case .transposedConvolution(let layer):
            guard let axes = try? layer.axes(for: inputShape, layout: .channelsLast), axes.count == fields.count else { return .whole }
            return stepped(zip(fields, axes).map { $0.through($1) })
        case .upsampling(let layer):
            let linear = layer.mode != .nearest
            return each { field, axis in
                field.stepped(span: linear ? 1 : 0, factor: Fraction(inputSizes[axis], outputSizes[axis]), offset: linear ? 0.5 : 0)
            }
        case .depthToSpace(let layer):
            return each { field, _ in field.stepped(span: 0, factor: Fraction(1, layer.blockSize), offset: 0) }
        case .spaceToDepth(let layer):
            let block = layer.blockSize
            return each { field, _ in field.stepped(span: block - 1, factor: Fraction(block), offset: Double(block - 1) / 2) }
        case .zeroPadding(let layer):
            guard let sides = try? layer.sides(for: inputShape, layout: .channelsLast) else { return .whole }
            return each { field, axis in field.stepped(span: 0, factor: 1, offset: -Double(sides[axis].before)) }
        case .cropping(let layer):
            guard let sides = try? layer.sides(for: inputShape, layout: .channelsLast) else { return .whole }
            return each { field, axis in field.stepped(span: 0, factor: 1, offset: Double(sides[axis].before)) }
        case .adaptivePooling:
            if outputSizes.allSatisfy({ $0 == 1 }) { return .whole }
            return each { field, axis in
                let (size, count) = (inputSizes[axis], outputSizes[axis])
                // Windows are in/out wide when out divides in, else at most one wider than ceil(in/out).
                let widest = min(size, (size + count - 1) / count + (size % count == 0 ? 0 : 1))
                let first = min(size, (size + count - 1) / count)
                return field.stepped(span: widest - 1, factor: Fraction(size, count), offset: Double(first - 1) / 2)
            }
        case .layerNormalization(let layer):
            return layer.axes == .last ? input : .whole
        case .localResponseNormalization, .prelu, .layerScale, .channelSplit, .channelShuffle, .positionEmbedding:
            return input
        default:
            return .whole
        }
    }

    /// The field of a layer applied to every step: the steps' axis keeps its field, and the
    /// other axes take the wrapped layer's field over one step.
    private static func distributed(
        _ layer: TimeDistributed, axes: [AxisOutput], input: ReceptiveField, inputShape: TensorShape?, output: TensorShape
    ) -> ReceptiveField {
        guard case .local(let fields) = input, let inputShape, let step = try? layer.steps(of: inputShape).step,
              fields.count == inputShape.spatialRank, fields.count >= 2, output.spatialRank == fields.count,
              let stepOutput = try? layer.stepOutput(for: inputShape, layout: .channelsLast) else { return .whole }
        let inner = of(layer.layer, axes: axes, inputs: [.local(ReceptiveFieldAxes(fields.dropFirst()))], inputShapes: [step], output: stepOutput)
        guard case .local(let innerFields) = inner, innerFields.count == fields.count - 1 else { return .whole }
        var combined: ReceptiveFieldAxes = [fields[0]]
        for field in innerFields { combined.append(field) }
        return .local(combined)
    }

    /// The field of every axis `0..<count`, given by `axis`, or the whole input when one of them is
    /// too large to count; the same as ``stepped(_:)`` of the axes.
    private static func stepped(count: Int, _ axis: (Int) -> ReceptiveFieldAxis?) -> ReceptiveField {
        var result: ReceptiveFieldAxes = []
        for index in 0..<count {
            guard let field = axis(index) else { return .whole }
            result.append(field)
        }
        return .local(result)
    }

    /// The field of every axis, or the whole input when one of them is too large to count.
    private static func stepped(_ axes: [ReceptiveFieldAxis?]) -> ReceptiveField {
        var result: ReceptiveFieldAxes = []
        for axis in axes {
            guard let axis else { return .whole }
            result.append(axis)
        }
        return .local(result)
    }

    /// Each axis at its largest over the inputs; the whole input when any input sees it all.
    static func largest(_ fields: some Collection<ReceptiveField>) -> ReceptiveField {
        var result: ReceptiveFieldAxes?
        for field in fields {
            guard case .local(let axes) = field else { return .whole }
            guard var current = result, current.count == axes.count else {
                result = axes
                continue
            }
            for index in axes.indices where axes[index].size > current[index].size { current[index] = axes[index] }
            result = current
        }
        return result.map(ReceptiveField.local) ?? .whole
    }

    private static func isSequence(_ shape: TensorShape) -> Bool {
        if case .sequence = shape { return true }
        return false
    }
}
