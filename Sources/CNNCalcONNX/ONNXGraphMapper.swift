#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore

/// Turns a decoded ONNX graph into layers: graph inputs into input layers, nodes into layers.
///
/// The steps, in order:
/// 1. Tensors that hold no data of an example are *static*: initializers, `Constant` outputs,
///    `Shape` outputs, and the outputs of nodes whose inputs are all static (the
///    Shape→Gather→Unsqueeze→Concat chains PyTorch writes for `view` and `flatten`). Those nodes
///    are folded away and make no layer. `Identity` of an initializer is an alias of it, and so is
///    `DequantizeLinear` of one (a quantized weight, counted like a floating-point one).
/// 2. Every tensor's dims are the file's where it declares them, else inferred (``ShapeInference``).
/// 3. Every other node is one layer named after the node, fed by the layers producing its
///    data inputs, with its first output's shape. Each other output that a layer reads (or that
///    is a graph output) is one more layer, named after the output, fed by the node's layer,
///    with that output's shape and no learnables or cost.
/// 4. Floating-point initializers a layer reads are its learnables; a layer whose weights were
///    all read by an earlier layer shares them (tied weights) and counts none of its own.
struct ONNXGraphMapper {
    let graph: Onnxlite_GraphProto
    let source: String
    /// What the shape inference found.
    let inference: ShapeInference

    /// ONNX element types that hold weights: float, float16, double, bfloat16 and the 8-bit floats.
    /// (An array: a first `Set<Int32>` costs a scan of every protocol conformance at start-up.)
    static let floatTypes: [Int32] = [1, 10, 11, 16, 17, 18, 19, 20]
    static let typeNames: [Int32: String] = [
        1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string",
        9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64", 16: "bfloat16",
    ]

    var initializers: [String: Onnxlite_TensorProto] = [:]
    /// The indices of the nodes reading each tensor, each node once.
    var readersByTensor: [String: [Int]] = [:]
    /// Declared dims per tensor name (graph inputs, outputs and value_info), bound symbols replaced by their sizes.
    var declaredDims: [String: [ONNXDimension]] = [:]
    /// Every tensor's dims as known: declared, else inferred.
    var knownDims: [String: [ONNXDimension]] = [:]
    /// The graph's outputs, by name.
    var graphOutputs: Set<String> = []
    /// Static tensor name → the initializer it aliases, when it is one (through `Identity` or `DequantizeLinear`).
    var aliases: [String: String] = [:]
    /// Integer initializers that a `DequantizeLinear` turns into weights.
    var quantizedWeights: Set<String> = []
    /// Static tensors that are an initializer in another layout (`Transpose`, `Reshape`, ... of it, as an export
    /// without constant folding writes `Linear.weight.T`): the same parameters, seen with the tensor's own dims.
    var reshapedAliases: Set<String> = []
    var staticTensors: Set<String> = []
    /// The symbol of the batch axis (`batch_size`, `N`), when the inputs name one.
    var batchSymbol: String?
    /// The batch size, when the inputs fix it.
    var batchSize: Int?

    /// Reads the graph's declarations and infers every tensor's dims; `stored` gives the values of small
    /// stored tensors, and `symbolSizes` fixed sizes for named ones.
    init(graph: Onnxlite_GraphProto, source: String, stored: StoredValues = StoredValues(), symbolSizes: [String: Int] = [:]) {
        self.graph = graph
        self.source = source
        for tensor in graph.initializer where !tensor.name.isEmpty {
            initializers[tensor.name] = tensor
        }
        for (index, node) in graph.node.enumerated() {
            for input in Set(node.input) where !input.isEmpty { readersByTensor[input, default: []].append(index) }
        }
        graphOutputs = Set(graph.output.map(\.name))
        var symbols: Set<String> = []
        for info in graph.input where initializers[info.name] == nil {
            guard case .tensorType(let tensor)? = info.type.value else { continue }
            for dim in tensor.shape.dim {
                if case .dimParam(let symbol)? = dim.value, !symbol.isEmpty, symbolSizes[symbol] == nil { symbols.insert(symbol) }
            }
        }
        for info in graph.input + graph.output + graph.valueInfo {
            guard case .tensorType(let tensor)? = info.type.value, tensor.hasShape else { continue }
            declaredDims[info.name] = tensor.shape.dim.map { dim in
                switch dim.value {
                case .dimValue(let value)?: .size(Int(value))
                case .dimParam(let symbol)? where !symbol.isEmpty: ONNXDimension.parse(symbol, symbols: symbols, bound: symbolSizes)
                default: .unknown
                }
            }
        }
        inference = ShapeInference(graph: graph, stored: stored, declared: declaredDims, inputSymbols: symbols)
        inference.run()
        knownDims = inference.facts.compactMapValues(\.dims)
    }

    func error(_ kind: CNNCalcError.Kind, _ problem: String, fix: String? = nil) -> CNNCalcError {
        CNNCalcError(kind, "\(source): \(problem)", fix: fix)
    }

    // MARK: - The model

    mutating func model() throws(CNNCalcError) -> ONNXModel {
        findStaticTensors()
        var layers: [Layer] = []
        var producer: [String: String] = [:]
        var usedNames: Set<String> = []
        func uniqueName(_ wanted: String) -> String {
            var name = wanted
            var suffix = 2
            while usedNames.contains(name) {
                name = "\(wanted)_\(suffix)"
                suffix += 1
            }
            usedNames.insert(name)
            return name
        }

        // Graph inputs that are not initializers: the network's inputs.
        for info in graph.input where initializers[info.name] == nil {
            let name = uniqueName(info.name)
            let consumers = (readersByTensor[info.name] ?? []).map { graph.node[$0] }
            layers.append(Layer(name: name, kind: .input(try inputLayer(info, consumers: consumers))))
            producer[info.name] = name
        }

        guard !layers.isEmpty else {
            throw error(.graph, "the graph has no inputs besides its initializers, so no data flows through it",
                        fix: "export the model with its example input as a graph input")
        }

        // First pass: a name for every node that makes a layer, and which layer produces each tensor,
        // so that nodes written out of order still find their inputs.
        let nodes = graph.node
        var layerNames = [String?](repeating: nil, count: nodes.count)
        var absorbed: Set<Int> = []
        var biasOfNode: [Int: String] = [:]
        var extraOutputs: [Int: [(position: Int, tensor: String, layer: String)]] = [:]
        for (index, node) in nodes.enumerated() where !absorbed.contains(index) && !isStatic(node) {
            let name = uniqueName(node.name.isEmpty ? "\(node.opType)_\(index)" : node.name)
            layerNames[index] = name
            let primary = node.output.firstIndex { !$0.isEmpty }
            for (position, output) in node.output.enumerated() where !output.isEmpty {
                if position != primary && isConsumed(output) {
                    let extra = uniqueName(output)
                    extraOutputs[index, default: []].append((position, output, extra))
                    producer[output] = extra
                } else {
                    producer[output] = name
                }
            }
            // MatMul followed by its bias Add: PyTorch's Linear on a sequence, one dense layer. (On a tensor of
            // more axes per example the MatMul stays an operator of its own, and so does the Add of its bias.)
            if node.opType == "MatMul", node.input.count == 2, let stored = storedWeight(named: node.input[1]), stored.dims.count == 2,
               (exampleDims(of: node.input[0]).map { $0.count <= 2 } ?? true),
               let (addIndex, bias) = biasAdd(after: index, units: Int(stored.dims[1])) {
                absorbed.insert(addIndex)
                biasOfNode[index] = bias
                for output in nodes[addIndex].output { producer[output] = name }
            }
        }

        var owner: [String: String] = [:]
        for (index, node) in nodes.enumerated() {
            guard let name = layerNames[index] else { continue }
            let context = NodeContext(node: node, name: name, mapper: self)
            var mapped = try context.layerKind()
            if case .dense(var dense) = mapped.kind, let bias = biasOfNode[index] {
                dense.hasBias = true
                mapped.kind = .dense(dense)
                mapped.weights.append(bias)
            }
            let weights = mapped.weights
            var shares: String?
            if !weights.isEmpty, weights.allSatisfy({ owner[$0] != nil }) {
                shares = owner[weights[0]]
            } else if case .opaque(var op) = mapped.kind, weights.contains(where: { owner[$0] != nil }) {
                // Some tensors shared, some not: an opaque layer counts only its own. A mapped layer keeps its
                // full count, since exporters merge tensors of equal values (fresh BatchNorm statistics) that the
                // framework keeps apart.
                op.declaredLearnables = op.declaredLearnables.filter { owner[$0.name] == nil }
                mapped.kind = .opaque(op)
            }
            for weight in weights where owner[weight] == nil { owner[weight] = name }

            var inputNames: [String] = []
            for tensor in mapped.dataInputs {
                guard let from = producer[tensor] else {
                    throw error(.graph, "node '\(name)' (\(node.opType)) reads '\(tensor)', which no node produces and which is neither a graph input nor an initializer",
                                fix: "check that the model was saved whole (onnx.checker.check_model finds this too)")
                }
                inputNames.append(from)
            }
            layers.append(Layer(name: name, kind: mapped.kind, inputs: inputNames, sharesLearnablesWith: shares))
            for extra in extraOutputs[index] ?? [] {
                let output = context.outputOperator(position: extra.position, tensor: extra.tensor)
                layers.append(Layer(name: extra.layer, kind: .opaque(output), inputs: [name]))
            }
        }

        var network: Network
        do {
            network = try Network(layers: layers)
        } catch {
            // The network's messages speak of .cnn layers and inputs=; say it in ONNX's words.
            let node = error.layerName.map { "node '\($0)': " } ?? ""
            let problem = error.problem.replacing("the layers ", with: "the nodes ")
            throw self.error(error.kind, node + problem, fix: "check the model with onnx.checker.check_model")
        }
        network.sourceConvention = .pytorch
        let constants = graph.initializer.filter { !isWeight($0) }.map {
            ONNXModel.StoredTensor(name: $0.name, dims: $0.dims.map(Int.init), elementType: Self.typeNames[$0.dataType] ?? "type \($0.dataType)")
        }
        let externalInitializers = graph.initializer.filter { $0.dataLocation == .external || !$0.externalData.isEmpty }
        var externalFiles: [String] = []
        for tensor in externalInitializers {
            for entry in tensor.externalData where entry.key == "location" && !externalFiles.contains(entry.value) {
                externalFiles.append(entry.value)
            }
        }
        var model = ONNXModel(
            network: network, constants: constants, externalTensors: externalInitializers.map(\.name),
            uninferredNodes: inference.uninferred, shapeConflicts: inference.conflicts, tensorDims: knownDims,
            outputLayers: extraOutputs.values.flatMap { $0.map(\.layer) }.sorted())
        model.externalDataFiles = externalFiles
        return model
    }

    /// Whether a layer reads `tensor`, or the graph gives it out.
    private func isConsumed(_ tensor: String) -> Bool {
        graphOutputs.contains(tensor) || (readersByTensor[tensor] ?? []).contains { !isStatic(graph.node[$0]) }
    }

    /// The `Add` node right after MatMul node `index` that adds a vector of `units` stored values, and that vector.
    private func biasAdd(after index: Int, units: Int) -> (Int, String)? {
        let nodes = graph.node
        guard let output = nodes[index].output.first, let readers = readersByTensor[output] else { return nil }
        guard readers.count == 1, let addIndex = readers.first, nodes[addIndex].opType == "Add",
              nodes[addIndex].input.count == 2 else { return nil }
        guard let other = nodes[addIndex].input.first(where: { $0 != output }),
              let stored = aliases[other].flatMap({ initializers[$0] }),
              isWeight(stored), stored.dims.map(Int.init) == [units] else { return nil }
        return (addIndex, stored.name)
    }

    /// Whether a stored tensor holds weights: floating-point values, or integers a `DequantizeLinear` scales.
    func isWeight(_ tensor: Onnxlite_TensorProto) -> Bool {
        Self.floatTypes.contains(tensor.dataType) || quantizedWeights.contains(tensor.name)
    }

    /// Operators that only lay out their first input's values anew: of a stored tensor, the same parameters.
    static let layoutOperators: Set<String> = ["Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze"]

    /// The stored floating-point tensor that `tensor` is, with the dims a node reading `tensor` sees:
    /// the initializer's own, or, for one laid out anew (``reshapedAliases``), the tensor's known dims
    /// when they hold the same number of values. `nil` when `tensor` is no stored weight.
    func storedWeight(named tensor: String) -> Onnxlite_TensorProto? {
        guard let name = aliases[tensor], var stored = initializers[name], isWeight(stored) else { return nil }
        guard reshapedAliases.contains(tensor) else { return stored }
        guard let known = knownDims[tensor] else { return nil }
        let sizes = known.compactMap(\.fixedSize)
        func count(_ dims: [Int]) -> Int? {
            var product = 1
            for size in dims {
                guard size >= 0 else { return nil }
                let (next, overflow) = product.multipliedReportingOverflow(by: size)
                guard !overflow else { return nil }
                product = next
            }
            return product
        }
        guard sizes.count == known.count, let viewed = count(sizes), viewed == count(stored.dims.map(Int.init)) else { return nil }
        stored.dims = sizes.map(Int64.init)
        return stored
    }

    // MARK: - Static tensors

    func isStatic(_ node: Onnxlite_NodeProto) -> Bool {
        node.output.allSatisfy { $0.isEmpty || staticTensors.contains($0) } && !node.output.isEmpty
    }

    private mutating func findStaticTensors() {
        for name in initializers.keys {
            staticTensors.insert(name)
            aliases[name] = name
        }
        var changed = true
        var passes = 0
        while changed && passes <= graph.node.count {
            changed = false
            passes += 1
            for node in graph.node where !isStatic(node) {
                let inputs = node.input.filter { !$0.isEmpty }
                let isStaticNode = node.opType == "Shape" || node.opType == "Size"
                    || inputs.allSatisfy { staticTensors.contains($0) }
                guard isStaticNode else { continue }
                for output in node.output where !output.isEmpty {
                    staticTensors.insert(output)
                }
                if node.opType == "Identity" || node.opType == "DequantizeLinear", let input = inputs.first,
                   let target = aliases[input], let output = node.output.first {
                    aliases[output] = target
                    if node.opType == "DequantizeLinear" { quantizedWeights.insert(target) }
                    if reshapedAliases.contains(input) { reshapedAliases.insert(output) }
                }
                if Self.layoutOperators.contains(node.opType), let input = node.input.first, !input.isEmpty,
                   let target = aliases[input], let output = node.output.first, !output.isEmpty {
                    aliases[output] = target
                    reshapedAliases.insert(output)
                }
                changed = true
            }
        }
    }

    // MARK: - Shapes

    /// The input layer of graph input `info`, whose first axis is the batch.
    private mutating func inputLayer(_ info: Onnxlite_ValueInfoProto, consumers: [Onnxlite_NodeProto]) throws(CNNCalcError) -> Input {
        guard let dims = declaredDims[info.name], !dims.isEmpty else {
            throw error(.badArgument, "input '\(info.name)' declares no shape",
                        fix: "export the model with an example input so that its shape is stored")
        }
        switch dims[0] {
        case .symbol(let symbol, _): batchSymbol = batchSymbol ?? symbol
        case .size(let size): batchSize = batchSize ?? size
        case .unknown: break
        }
        var sizes: [Int] = []
        for (axis, dim) in dims.enumerated().dropFirst() {
            switch dim {
            case .size(let size) where size > 0:
                sizes.append(size)
            case .size(let size):
                throw error(.badArgument, "input '\(info.name)' has the size \(size) on axis \(axis); a size is at least 1",
                            fix: "check the model with onnx.checker.check_model, or export it again")
            case .symbol(let symbol, _):
                throw error(.badArgument, "input '\(info.name)' has an open size '\(symbol)' on axis \(axis), and this reading needs a number for every size but the batch (axis 0)",
                            fix: "give it one (cnncalc model.onnx --dim \(symbol)=N, which also reports with it open; symbolSizes in the library), or export with a fixed size")
            default:
                throw error(.badArgument, "input '\(info.name)' has no size on axis \(axis); CNNCalc needs every size but the batch (axis 0)",
                            fix: "export with a fixed example input")
            }
        }
        let windowed: Set<String> = ["Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
                                     "BatchNormalization", "InstanceNormalization", "LpPool"]
        let readAsMap = consumers.contains { windowed.contains($0.opType) }
        guard let shape = Self.tensorShape(sizes, preferMap: readAsMap) else {
            throw error(.badArgument, "input '\(info.name)' has \(dims.count) axes; CNNCalc reads 2 to 5 (batch, then channels and up to 3 spatial axes)",
                        fix: "reshape the input to at most 5 axes")
        }
        return Input(shape, layout: .channelsFirst)
    }

    /// The shape of one example of a tensor whose dims are `sizes`, the batch already removed.
    ///
    /// One axis is a vector, two a sequence (steps, features) or a 1-D map when a window reads it,
    /// three and four a 2-D and 3-D map, channels first.
    static func tensorShape(_ sizes: [Int], preferMap: Bool = false) -> TensorShape? {
        switch sizes.count {
        case 0: .vector(features: 1)
        case 1: .vector(features: sizes[0])
        case 2: preferMap ? .featureMap(spatial: [sizes[1]], channels: sizes[0]) : .sequence(steps: sizes[0], features: sizes[1])
        case 3, 4: (try? SpatialSizes(sizes.dropFirst())).map { .featureMap(spatial: $0, channels: sizes[0]) }
        default: nil
        }
    }

    /// The known dims of `tensor` (declared, else inferred) without its batch axis, or `nil` when they are
    /// unknown, or an axis is.
    ///
    /// The batch axis is the one named by the inputs' batch symbol (`batch`), or, in a shape the file
    /// declares, a first axis of no fixed size when no axis has that symbol (onnx's shape inference
    /// renames the batch after some operators); else the first axis of the inputs' fixed batch size. A
    /// tensor without such an axis has the batch merged into another axis (attention heads), and keeps
    /// all its axes: exact for a batch of one, as is an axis of a multiple of the batch (`2*batch` is 2).
    func exampleDims(of tensor: String) -> [Int]? {
        guard let dims = knownDims[tensor] else { return nil }
        return exampleSizes(dims, isDeclared: declaredDims[tensor] != nil)
    }

    func exampleSizes(_ dims: [ONNXDimension], isDeclared: Bool) -> [Int]? {
        var batchAxis: Int?
        if let batchSymbol {
            batchAxis = dims.firstIndex(of: .named(batchSymbol))
            if batchAxis == nil, isDeclared, let first = dims.first {
                switch first {
                case .unknown: batchAxis = 0
                case .symbol(let name, _) where name != batchSymbol: batchAxis = 0
                default: break
                }
            }
        } else if let batchSize {
            batchAxis = dims.firstIndex(of: .size(batchSize))
        }
        var sizes: [Int] = []
        for (axis, dim) in dims.enumerated() where axis != batchAxis {
            switch dim {
            case .size(let size) where size >= 1: sizes.append(size)
            case .symbol(let name, let factor) where name == batchSymbol: sizes.append(factor)
            default: return nil
            }
        }
        return sizes
    }

    /// The shape of one example of `tensor`, as a layer's output; a 2-D one is a 1-D feature map when a
    /// convolution, pooling or normalization reads it, else a sequence.
    func exampleShape(of tensor: String) -> TensorShape? {
        guard let dims = exampleDims(of: tensor) else { return nil }
        let windowed: Set<String> = ["Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
                                     "BatchNormalization", "InstanceNormalization", "LpPool"]
        let readAsMap = dims.count == 2 && (readersByTensor[tensor] ?? []).contains { windowed.contains(graph.node[$0].opType) }
        return Self.tensorShape(dims, preferMap: readAsMap)
    }

    /// Why `tensor`'s example shape is unknown, for the error of the layer of node `node` that gives it out.
    func unknownShapeReason(of tensor: String, node: String) -> String {
        let cause = inference.unknownCauses[tensor]?.text(for: node)
        guard let dims = knownDims[tensor] else {
            return cause ?? "CNNCalc cannot infer its shape"
        }
        if let sizes = exampleSizes(dims, isDeclared: declaredDims[tensor] != nil) {
            return "its output \(dims.text) has \(sizes.count) axes besides the batch; CNNCalc represents at most 4 (channels and 3 spatial axes)"
        }
        if dims.contains(.unknown) {
            return cause ?? "its output \(dims.text) has an axis of unknown size"
        }
        return "its output \(dims.text) has an axis whose size depends on a named size other than the batch"
    }
}
