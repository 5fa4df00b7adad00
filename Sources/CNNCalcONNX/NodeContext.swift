import CNNCalcCore

/// One node and what the graph knows around it: its attributes, its data inputs and the
/// initializers it reads.
struct NodeContext {
    let node: Onnxlite_NodeProto
    let name: String
    let mapper: ONNXGraphMapper

    /// A node mapped to a layer kind, with the tensors that feed it.
    struct Mapped {
        var kind: LayerKind
        /// The inputs carrying data of an example, in order.
        var dataInputs: [String]
        /// The floating-point initializers the layer learns, by name.
        var weights: [String]
    }

    // MARK: - Attributes

    func attribute(_ name: String) -> Onnxlite_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    func ints(_ name: String) -> [Int]? {
        attribute(name).map { $0.ints.map(Int.init) }
    }

    func int(_ name: String) -> Int? {
        attribute(name).map { Int($0.i) }
    }

    func float(_ name: String) -> Double? {
        attribute(name).map { Double($0.f) }
    }

    func string(_ name: String) -> String? {
        attribute(name).map { String(decoding: $0.s, as: UTF8.self) }
    }

    // MARK: - Inputs

    var dataInputs: [String] {
        node.input.filter { !$0.isEmpty && !mapper.staticTensors.contains($0) }
    }

    /// The stored floating-point tensor input `index` aliases, when it is one, with the dims this node sees
    /// (see ``ONNXGraphMapper/storedWeight(named:)``).
    func storedWeight(at index: Int) -> Onnxlite_TensorProto? {
        guard index < node.input.count else { return nil }
        return mapper.storedWeight(named: node.input[index])
    }

    /// Every stored floating-point tensor the node reads, by initializer name, once each.
    var weightNames: [String] {
        var names: [String] = []
        for index in node.input.indices {
            if let tensor = storedWeight(at: index), !names.contains(tensor.name) { names.append(tensor.name) }
        }
        return names
    }

    func learnable(_ initializer: String) -> Learnable? {
        guard let tensor = mapper.initializers[initializer], tensor.dims.allSatisfy({ $0 >= 0 }) else { return nil }
        return Learnable(initializer, shape: tensor.dims.map(Int.init), role: .trainable)
    }

    /// The node's first output (the first with a name).
    var primaryOutput: String {
        node.output.first { !$0.isEmpty } ?? ""
    }

    /// How the shape of `tensor` was inferred, when the file does not declare it.
    func inferredShapeNote(of tensor: String) -> String? {
        guard mapper.declaredDims[tensor] != mapper.knownDims[tensor] || mapper.declaredDims[tensor] == nil,
              mapper.knownDims[tensor] != nil else { return nil }
        return mapper.inference.details[tensor] ?? "\(node.opType) of its inputs' shapes"
    }

    func failure(_ problem: String, fix: String? = nil) -> CNNCalcError {
        mapper.error(.badArgument, "node '\(name)' (\(node.opType)): \(problem)", fix: fix)
    }

    // MARK: - Mapping

    /// Operators that only move or copy values: no arithmetic.
    static let dataMovement: Set<String> = [
        "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Slice", "Gather", "Split", "Expand",
        "Concat", "Pad", "Tile", "Dropout", "Cast", "DepthToSpace", "SpaceToDepth",
    ]
    /// Operators whose output has the shape of their first input.
    static let elementwise: Set<String> = [
        "Dropout", "Identity", "Cast", "Relu", "Sigmoid", "Tanh", "Erf", "Sqrt", "Pow", "Exp", "Log", "Neg", "Abs",
        "Clip", "Reciprocal", "PRelu", "Not", "QuantizeLinear", "DequantizeLinear",
    ]

    /// The layer kind of the node: a core kind when CNNCalc has one, else an opaque operator.
    func layerKind() throws(CNNCalcError) -> Mapped {
        let data = dataInputs
        let weights = weightNames
        if let kind = try coreKind(data: data) {
            return Mapped(kind: kind, dataInputs: data, weights: weights)
        }
        return Mapped(kind: .opaque(opaque(data: data, weights: weights)), dataInputs: data, weights: weights)
    }

    func opaque(data: [String], weights: [String]) -> OpaqueOperator {
        let output = primaryOutput
        var cost: Cost?
        if Self.dataMovement.contains(node.opType) {
            cost = .zero
        } else if let outputDims = mapper.exampleDims(of: output), let elements = try? CheckedArithmetic.product(outputDims, "elements") {
            switch node.opType {
            case "Add", "Sub", "Mul", "Div":
                cost = .flops(elements)
            case "MatMul" where node.input.count == 2:
                if let left = mapper.knownDims[node.input[0]], let inner = left.last?.fixedSize, inner >= 1,
                   let macs = try? CheckedArithmetic.product([elements, inner], "MACs") {
                    cost = try? .macs(macs)
                }
            default:
                break
            }
        }
        if let recurrent = recurrentCost(data: data) { cost = recurrent }
        // Scalars stored as initializers (a scale, an epsilon) are constants, not weights.
        let learnables = weights.compactMap(learnable).filter { !$0.shape.isEmpty && $0.shape != [1] || node.opType == "PRelu" }
        let shape = mapper.exampleShape(of: output)
        return OpaqueOperator(
            operatorName: node.opType, inputCount: max(data.count, 1),
            declaredOutputShape: shape,
            keepsInputShape: Self.elementwise.contains(node.opType),
            declaredLearnables: learnables, knownCost: cost,
            inferredShapeNote: shape == nil ? nil : inferredShapeNote(of: output),
            unknownShapeReason: shape == nil ? mapper.unknownShapeReason(of: output, node: node.name.isEmpty ? name : node.name) : nil)
    }

    /// The names of the outputs of operators with several, as the ONNX specification gives them.
    static let outputNames: [String: [String]] = [
        "LSTM": ["Y", "Y_h", "Y_c"], "GRU": ["Y", "Y_h"], "RNN": ["Y", "Y_h"], "TopK": ["Values", "Indices"],
        "MaxPool": ["Y", "Indices"], "Dropout": ["output", "mask"], "BatchNormalization": ["Y", "running_mean", "running_var"],
        "LayerNormalization": ["Y", "Mean", "InvStdDev"], "DynamicQuantizeLinear": ["y", "y_scale", "y_zero_point"],
    ]

    /// The layer of the node's output at `position` (not its first): the output's shape, no learnables, no cost.
    func outputOperator(position: Int, tensor: String) -> OpaqueOperator {
        let label = Self.outputNames[node.opType].flatMap { position < $0.count ? $0[position] : nil } ?? "output \(position)"
        let shape = mapper.exampleShape(of: tensor)
        let note = inferredShapeNote(of: tensor).map { "output \(position) (\(label)) of node '\(name)': \($0)" }
        return OpaqueOperator(
            operatorName: "\(node.opType) \(label)", inputCount: 1, declaredOutputShape: shape, knownCost: .zero,
            inferredShapeNote: shape == nil ? nil : note,
            unknownShapeReason: shape == nil ? mapper.unknownShapeReason(of: tensor, node: node.name.isEmpty ? name : node.name) : nil)
    }

    /// The cost of an LSTM, GRU or RNN node kept opaque (peepholes, batch-first layout, other activations)
    /// by the core ``Recurrent`` formula, from its weights' dims
    /// (`W [directions, gates*units, features]`) and the steps of its input.
    private func recurrentCost(data: [String]) -> Cost? {
        let cells: [String: Recurrent.Cell] = ["LSTM": .lstm, "GRU": .gru, "RNN": .simple]
        guard let cell = cells[node.opType], let input = data.first, let steps = mapper.exampleDims(of: input),
              steps.count == 2, let weight = storedWeight(at: 1), weight.dims.count == 3 else { return nil }
        let directions = Int(weight.dims[0])
        let units = int("hidden_size") ?? Int(weight.dims[1]) / (cell == .lstm ? 4 : cell == .gru ? 3 : 1)
        guard directions == 1 || directions == 2, units >= 1, steps.allSatisfy({ $0 >= 1 }) else { return nil }
        let layer = Recurrent(cell, units: units, returnsSequences: true, isBidirectional: directions == 2,
                              hasBias: node.input.count > 3 && !node.input[3].isEmpty,
                              resetsAfter: (int("linear_before_reset") ?? 0) != 0)
        let sequence = TensorShape.sequence(steps: steps[0], features: steps[1])
        guard let output = try? layer.outputShape(for: [sequence], layout: .channelsFirst) else { return nil }
        return try? layer.cost(for: [sequence], output: output)
    }

    /// The core layer kind of the node, or `nil` when CNNCalc has none for it.
    private func coreKind(data: [String]) throws(CNNCalcError) -> LayerKind? {
        switch node.opType {
        case "Conv": return try convolution(data: data)
        case "ConvTranspose": return try transposedConvolution(data: data)
        case "MaxPool", "AveragePool": return try pooling(node.opType == "MaxPool" ? .max : .average)
        case "GlobalAveragePool": return .globalPooling(GlobalPooling(.average, keepsDimensions: true))
        case "GlobalMaxPool": return .globalPooling(GlobalPooling(.max, keepsDimensions: true))
        case "Gemm": return gemm()
        case "LSTM", "GRU", "RNN": return recurrent(data: data)
        case "Resize", "Upsample": return resize(data: data)
        case "MatMul": return matMul(data: data)
        case "BatchNormalization": return storedWeight(at: 1) == nil ? nil : .batchNormalization(BatchNormalization())
        case "InstanceNormalization": return .instanceNormalization(InstanceNormalization(affine: true))
        case "LayerNormalization":
            guard int("axis") ?? -1 == -1 else { return nil }
            // ONNX normalizes the last axis; on a tensor of more than 2 axes per example that is not the axis
            // CNNCalc's layernorm counts (a feature map's channels), as after a permute to channels last.
            if let input = data.first, let dims = mapper.exampleDims(of: input), dims.count > 2 { return nil }
            return .layerNormalization(LayerNormalization(axes: .last, scale: true, center: node.input.count > 2 && !node.input[2].isEmpty))
        case "Flatten":
            guard int("axis") ?? 1 == 1 else { return nil }
            return .flatten(Flatten())
        case "Add" where data.count >= 2 && node.input.count == data.count:
            return .add(Add())
        case "Sub" where data.count == 2 && node.input.count == 2:
            return .elementwise(ElementwiseMerge(.subtract))
        case "Mul" where data.count == 2 && node.input.count == 2:
            return .elementwise(ElementwiseMerge(.multiply))
        case "Max" where data.count >= 2 && node.input.count == data.count:
            return .elementwise(ElementwiseMerge(.maximum))
        case "Min" where data.count >= 2 && node.input.count == data.count:
            return .elementwise(ElementwiseMerge(.minimum))
        case "Mean" where data.count >= 2 && node.input.count == data.count:
            return .elementwise(ElementwiseMerge(.average))
        case "Concat" where data.count >= 2 && node.input.count == data.count && int("axis") == 1:
            // Axis 1 of a tensor of 2 axes per example is a sequence's steps, not CNNCalc's channels.
            if let dims = mapper.exampleDims(of: data[0]), dims.count == 2 { return nil }
            return .concatenate(Concatenate(axis: .channels))
        default:
            return activation().map { .activation(Activation($0)) }
        }
    }

    private func activation() -> Activation.Function? {
        switch node.opType {
        case "Relu": .relu
        case "Sigmoid": .sigmoid
        case "Tanh": .tanh
        case "Softmax" where actsOnLastAxis: .softmax
        case "LogSoftmax" where actsOnLastAxis: .logSoftmax
        case "LeakyRelu": .leakyReLU(alpha: float("alpha") ?? 0.01)
        case "Elu": .elu(alpha: float("alpha") ?? 1.0)
        case "Gelu": .gelu
        case "HardSwish": .hardSwish
        case "HardSigmoid": .hardSigmoid
        case "Selu": .selu
        case "Softplus": .softplus
        case "Mish": .mish
        default: nil
        }
    }

    /// Whether a Softmax's `axis` (default -1) is its input's last axis.
    private var actsOnLastAxis: Bool {
        let axis = int("axis") ?? -1
        if axis == -1 { return true }
        guard let input = node.input.first, let rank = mapper.knownDims[input]?.count else { return false }
        return axis == rank - 1
    }

    // MARK: - Windows

    /// The padding of a convolution or pooling node: `auto_pad`, else `pads` (all befores, then all afters).
    private func padding(rank: Int) throws(CNNCalcError) -> Padding {
        switch string("auto_pad") ?? "NOTSET" {
        case "SAME_UPPER", "SAME_LOWER":
            // CNNCalc's `same` puts an odd pixel after (SAME_UPPER); SAME_LOWER gives the same output size.
            return .same
        case "VALID":
            return .valid
        default:
            guard let pads = ints("pads"), !pads.isEmpty else { return .valid }
            guard pads.count == 2 * rank else {
                throw failure("pads has \(pads.count) values for \(rank) spatial axes", fix: "give a begin and an end pad per axis")
            }
            if pads.allSatisfy({ $0 == 0 }) { return .valid }
            return .explicit((0..<rank).map { AxisPadding(before: pads[$0], after: pads[rank + $0]) })
        }
    }

    private func convolution(data: [String]) throws(CNNCalcError) -> LayerKind? {
        guard let weight = storedWeight(at: 1), weight.dims.count >= 3 else { return nil }
        let dims = weight.dims.map(Int.init)
        let kernel = ints("kernel_shape") ?? Array(dims.dropFirst(2))
        let rank = kernel.count
        let stride = ints("strides") ?? Array(repeating: 1, count: rank)
        let dilation = ints("dilations") ?? Array(repeating: 1, count: rank)
        let groups = int("group") ?? 1
        guard groups >= 1, dims.allSatisfy({ $0 >= 1 }) else {
            throw failure("group \(groups) and weight dims \(dims) must be positive", fix: "check the model with onnx.checker.check_model")
        }
        let hasBias = node.input.count > 2 && !node.input[2].isEmpty
        let padding = try padding(rank: rank)
        if groups > 1 && dims[1] == 1 && dims[0] % groups == 0 {
            // One filter group per input channel: a depthwise convolution, `dims[0]/groups` filters per channel.
            return .depthwiseConvolution(DepthwiseConvolution(
                kernelSize: kernel, multiplier: dims[0] / groups, stride: stride, padding: padding, dilation: dilation,
                hasBias: hasBias, spatialRank: rank))
        }
        return .convolution(Convolution(
            filters: dims[0], kernelSize: kernel, stride: stride, padding: padding, dilation: dilation, groups: groups,
            hasBias: hasBias, spatialRank: rank))
    }

    private func transposedConvolution(data: [String]) throws(CNNCalcError) -> LayerKind? {
        // ConvTranspose with an explicit output_shape is left to the file's declared shape.
        guard attribute("output_shape") == nil, let weight = storedWeight(at: 1), weight.dims.count >= 3 else { return nil }
        let dims = weight.dims.map(Int.init)
        let kernel = ints("kernel_shape") ?? Array(dims.dropFirst(2))
        let rank = kernel.count
        guard string("auto_pad") ?? "NOTSET" == "NOTSET" else { return nil }
        let groups = int("group") ?? 1
        guard groups >= 1, dims.allSatisfy({ $0 >= 1 }) else { return nil }
        let pads = ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard pads.count == 2 * rank else { return nil }
        let outputPadding = ints("output_padding")
        return .transposedConvolution(TransposedConvolution(
            filters: dims[1] * groups, kernelSize: kernel, stride: ints("strides") ?? Array(repeating: 1, count: rank),
            padding: .explicit((0..<rank).map { AxisPadding(before: pads[$0], after: pads[rank + $0]) }),
            outputPadding: outputPadding, dilation: ints("dilations") ?? Array(repeating: 1, count: rank), groups: groups,
            hasBias: node.input.count > 2 && !node.input[2].isEmpty, spatialRank: rank))
    }

    private func pooling(_ mode: Pooling.Mode) throws(CNNCalcError) -> LayerKind? {
        guard let kernel = ints("kernel_shape"), !kernel.isEmpty else {
            throw failure("has no kernel_shape", fix: "kernel_shape is required by the ONNX specification")
        }
        if let dilations = ints("dilations"), dilations.contains(where: { $0 != 1 }) { return nil }
        let rank = kernel.count
        return .pooling(Pooling(
            mode, poolSize: kernel, stride: ints("strides") ?? Array(repeating: 1, count: rank),
            padding: try padding(rank: rank), ceilMode: (int("ceil_mode") ?? 0) != 0, spatialRank: rank))
    }

    // MARK: - Resampling

    /// A `Resize` or `Upsample` node whose input and output shapes the file declares: its scales and sizes
    /// are tensor values, which CNNCalc does not read, so the output size comes from `value_info`.
    private func resize(data: [String]) -> LayerKind? {
        guard data.count == 1, let output = node.output.first, let outputDims = mapper.exampleDims(of: output),
              let inputDims = mapper.exampleDims(of: data[0]), inputDims.count == outputDims.count,
              (2...4).contains(outputDims.count), inputDims[0] == outputDims[0] else { return nil }
        let rank = outputDims.count - 1
        let mode: Upsampling.Mode
        switch string("mode") ?? "nearest" {
        case "nearest": mode = .nearest
        case "linear", "bilinear", "trilinear": mode = [1: .linear, 2: .bilinear, 3: .trilinear][rank] ?? .nearest
        default: return nil
        }
        let inputSpatial = Array(inputDims.dropFirst()), outputSpatial = Array(outputDims.dropFirst())
        let isWholeScale = zip(inputSpatial, outputSpatial).allSatisfy { $1 >= $0 && $1 % $0 == 0 }
        let target: Upsampling.Target = isWholeScale
            ? .scale(zip(inputSpatial, outputSpatial).map { $1 / $0 }) : .size(outputSpatial)
        return .upsampling(Upsampling(target, mode: mode, spatialRank: rank))
    }

    // MARK: - Recurrent

    /// An LSTM, GRU or RNN node in PyTorch's form: `W [directions, gates*units, features]`, `R`, optional `B`,
    /// default activations, no peepholes, sequence-first (`layout` 0). Its output is the whole sequence `Y`.
    private func recurrent(data: [String]) -> LayerKind? {
        let cells: [String: Recurrent.Cell] = ["LSTM": .lstm, "GRU": .gru, "RNN": .simple]
        guard let cell = cells[node.opType], data.count == 1, data[0] == node.input.first,
              let weight = storedWeight(at: 1), weight.dims.count == 3, storedWeight(at: 2) != nil,
              (int("layout") ?? 0) == 0, attribute("activations") == nil, attribute("clip") == nil,
              !(node.opType == "LSTM" && node.input.count > 7 && !node.input[7].isEmpty) else { return nil }
        let gates = cell == .lstm ? 4 : cell == .gru ? 3 : 1
        let directions = Int(weight.dims[0])
        let units = int("hidden_size") ?? Int(weight.dims[1]) / gates
        guard directions == 1 || directions == 2, units >= 1, Int(weight.dims[1]) == gates * units else { return nil }
        return .recurrent(Recurrent(
            cell, units: units, returnsSequences: true, isBidirectional: directions == 2,
            hasBias: node.input.count > 3 && !node.input[3].isEmpty,
            resetsAfter: (int("linear_before_reset") ?? 0) != 0))
    }

    // MARK: - Dense

    private func gemm() -> LayerKind? {
        guard (int("transA") ?? 0) == 0, let weight = storedWeight(at: 1), weight.dims.count == 2 else { return nil }
        let transposed = (int("transB") ?? 0) != 0
        let units = Int(transposed ? weight.dims[0] : weight.dims[1])
        guard units >= 1 else { return nil }
        let hasBias = node.input.count > 2 && !node.input[2].isEmpty
        return .dense(Dense(units: units, hasBias: hasBias))
    }

    /// A `MatMul` of data by a stored matrix, on a vector or a sequence: a dense layer on the last axis. On a
    /// tensor of more axes per example it stays an operator of its own, since CNNCalc's dense layer would act
    /// on the channels.
    private func matMul(data: [String]) -> LayerKind? {
        guard data.count == 1, node.input.count == 2, data[0] == node.input[0],
              let weight = storedWeight(at: 1), weight.dims.count == 2, weight.dims[1] >= 1 else { return nil }
        if let input = mapper.exampleDims(of: data[0]), input.count > 2 { return nil }
        return .dense(Dense(units: Int(weight.dims[1]), hasBias: false, flattensInput: false))
    }
}
