/// What the inference knows about one tensor: its dims and, for a small integer or floating-point
/// tensor that holds no data of an example, its values.
struct TensorFacts: Hashable {
    /// The dims, `nil` when even the rank is unknown.
    var dims: [ONNXDimension]?
    /// The values, row-major, when known.
    var values: TensorValues?
}

/// Infers every tensor's dims over an ONNX graph, in topological order, and folds the small
/// integer computations that give the sizes (`Shape`, `Gather`, `Concat`, ... ) into values.
///
/// The graph's inputs start with their declared dims; initializers with their stored dims, and
/// their values read from the file when a rule asks for them (``StoredValues``). Each node then
/// applies its operator's rule (``NodeInference``) to its inputs' facts. Where the file declares a
/// tensor's shape (`value_info` or a graph output), the file's dims win; a declared axis that is
/// unknown, or a symbol no graph input has (`unk__0`), is filled from the inferred one. A
/// declaration that contradicts a fully inferred shape is kept and listed in ``conflicts``.
///
/// A node whose rule fails leaves its outputs unknown (unless declared) and is listed in
/// ``uninferred`` with the reason; the nodes after it that depend on it stay unknown, with the
/// same reason, and are not listed. Nodes in a cycle, or reading a tensor nothing produces, are
/// never visited: the graph mapper reports those.
final class ShapeInference {
    let graph: Onnxlite_GraphProto
    let stored: StoredValues
    /// The file's declared dims per tensor, symbols bound and parsed.
    let declared: [String: [ONNXDimension]]
    /// The symbols of the graph's inputs (`batch`).
    let inputSymbols: Set<String>

    /// What is known per tensor.
    private(set) var facts: [String: TensorFacts] = [:]
    /// Why a tensor's dims are unknown (or partly), for the errors of the layers that need them.
    private(set) var unknownCauses: [String: UnknownCause] = [:]
    /// Why a static tensor's values are unknown, and whether that comes from an unknown shape upstream.
    private(set) var valueGaps: [String: ValueGap] = [:]
    /// How an inferred (not declared) tensor's dims were found, for `--explain`: `Reshape to [batch, -1]`.
    private(set) var details: [String: String] = [:]
    /// The nodes whose output shape is unknown because of their own rule.
    private(set) var uninferred: [ONNXModel.UninferredNode] = []
    /// Declared shapes that contradict the inferred ones.
    private(set) var conflicts: [ONNXModel.ShapeConflict] = []
    /// Tensors that hold no data of an example: initializers, constants, shapes, and what is computed from them only.
    private(set) var staticTensors: Set<String> = []
    /// Values decoded from the file, by tensor name.
    private var decoded: [String: Result<TensorValues, StoredValues.Unreadable>] = [:]
    /// The element counts of the stored floating-point tensors (weights, and a few constants).
    private var storedFloatCounts: [String: Int] = [:]
    /// The largest stored floating-point tensor that folding reads: a scale, an epsilon, a `Resize`'s scales,
    /// never weights.
    static let largestFoldedFloats = 16
    /// The most values kept over the whole graph, folded or read, so that memory stays small whatever the file.
    static let valueBudget = 1 << 18
    /// The values kept so far.
    private var keptValues = 0

    /// Why a static tensor's values are unknown.
    struct ValueGap: Error, Hashable {
        var reason: String
        /// The unknown shape upstream that the gap comes from, when it does (rather than from the values themselves).
        var upstream: UnknownCause?
    }

    /// The first node of a stretch of unknown shapes, and why it could not be inferred.
    struct UnknownCause: Hashable {
        /// The node, `nil` for a graph input.
        var node: String?
        var operatorName: String
        var reason: String

        /// Why the output of node `layerNode` is unknown: the reason itself at the cause, else where it comes from.
        func text(for layerNode: String) -> String {
            guard let node, node != layerNode else { return reason }
            return "it depends on node '\(node)' (\(operatorName)), whose output shape CNNCalc cannot infer: \(reason)"
        }
    }

    init(graph: Onnxlite_GraphProto, stored: StoredValues, declared: [String: [ONNXDimension]], inputSymbols: Set<String>) {
        self.graph = graph
        self.stored = stored
        self.declared = declared
        self.inputSymbols = inputSymbols
    }

    /// The name a node goes by in messages: its own, or `OpType_index`.
    static func displayName(of node: Onnxlite_NodeProto, index: Int) -> String {
        node.name.isEmpty ? "\(node.opType)_\(index)" : node.name
    }

    // MARK: - The pass

    func run() {
        var initializerNames: Set<String> = []
        let floatTypes: [Int32] = [1, 10, 11, 16]
        for tensor in graph.initializer where !tensor.name.isEmpty {
            initializerNames.insert(tensor.name)
            if floatTypes.contains(tensor.dataType) { storedFloatCounts[tensor.name] = tensor.dims.reduce(1) { $0 &* Int($1) } }
            staticTensors.insert(tensor.name)
            let dims = tensor.dims.map(Int.init)
            facts[tensor.name] = TensorFacts(dims: dims.allSatisfy { $0 >= 0 } ? dims.map(ONNXDimension.size) : nil)
        }
        for sparse in graph.sparseInitializer {
            let name = sparse.values.name
            guard !name.isEmpty else { continue }
            staticTensors.insert(name)
            facts[name] = TensorFacts(dims: sparse.dims.map { .size(Int($0)) })
        }
        for info in graph.input where !initializerNames.contains(info.name) {
            if let dims = declared[info.name] {
                facts[info.name] = TensorFacts(dims: dims)
                if dims.contains(.unknown) {
                    unknownCauses[info.name] = UnknownCause(node: nil, operatorName: "input", reason: "the graph input '\(info.name)' has an axis of no size")
                }
            } else {
                unknownCauses[info.name] = UnknownCause(node: nil, operatorName: "input", reason: "the graph input '\(info.name)' declares no shape")
            }
        }
        let order = topologicalOrder()
        for index in order {
            visit(graph.node[index], index: index)
        }
        if order.count < graph.node.count {
            // Nodes on a cycle, or after one, are never visited.
            var visited = [Bool](repeating: false, count: graph.node.count)
            for index in order { visited[index] = true }
            for (index, node) in graph.node.enumerated() where !visited[index] {
                let name = Self.displayName(of: node, index: index)
                let cause = UnknownCause(node: name, operatorName: node.opType, reason: "it is on a cycle of the graph, or after one")
                for output in node.output where !output.isEmpty && facts[output] == nil {
                    unknownCauses[output] = cause
                    if let dims = declared[output] { facts[output] = TensorFacts(dims: dims) }
                }
            }
        }
    }

    /// The nodes in an order where each comes after the producers of its inputs; nodes in a cycle are left out.
    private func topologicalOrder() -> [Int] {
        let nodes = graph.node
        var producer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.output where !output.isEmpty && producer[output] == nil { producer[output] = index }
        }
        var waiting = [Int](repeating: 0, count: nodes.count)
        var consumers = [[Int]](repeating: [], count: nodes.count)
        // The last node that counted each producer, so that a producer read twice counts once.
        var countedBy = [Int](repeating: -1, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in node.input where !input.isEmpty {
                guard let source = producer[input], countedBy[source] != index else { continue }
                countedBy[source] = index
                waiting[index] += 1
                consumers[source].append(index)
            }
        }
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        var ready = (0..<nodes.count).filter { waiting[$0] == 0 }
        var next = 0
        while next < ready.count {
            let index = ready[next]
            next += 1
            order.append(index)
            for consumer in consumers[index] {
                waiting[consumer] -= 1
                if waiting[consumer] == 0 { ready.append(consumer) }
            }
        }
        return order
    }

    private func visit(_ node: Onnxlite_NodeProto, index: Int) {
        let inputs = node.input.filter { !$0.isEmpty }
        let isStatic = node.opType == "Shape" || node.opType == "Size" || inputs.allSatisfy { staticTensors.contains($0) }
        let name = Self.displayName(of: node, index: index)
        let context = NodeInference(node: node, name: name, inference: self, isStatic: isStatic)
        let result: Result<NodeInference.Inferred, NodeInference.Failure>
        do {
            result = .success(try context.infer())
        } catch {
            result = .failure(error)
        }
        var undeclaredUnknown = false
        for (position, output) in node.output.enumerated() where !output.isEmpty {
            if isStatic { staticTensors.insert(output) }
            var inferred: TensorFacts?
            if case .success(let outcome) = result, position < outcome.outputs.count { inferred = outcome.outputs[position] }
            let merged = merge(declared: declared[output], inferred: inferred?.dims, tensor: output, node: name)
            var isOverBudget = false
            if let values = inferred?.values {
                keptValues += values.count
                isOverBudget = keptValues > Self.valueBudget
                if isOverBudget { inferred?.values = nil }
            }
            facts[output] = TensorFacts(dims: merged, values: inferred?.values)
            if case .success(let outcome) = result, let detail = outcome.detail, declared[output] != merged || declared[output] == nil {
                details[output] = detail
            }
            if isStatic && inferred?.values == nil && stored.tensors[output] == nil {
                valueGaps[output] = isOverBudget ? gap(output, .budgetSpent) : valueGap(node: node, name: name, result: result)
            }
            guard merged == nil || merged?.contains(.unknown) == true else { continue }
            switch result {
            case .failure(.unsupported(let reason)):
                unknownCauses[output] = UnknownCause(node: name, operatorName: node.opType, reason: reason)
                undeclaredUnknown = true
            case .failure(.upstream(let cause)):
                unknownCauses[output] = cause
            case .success:
                unknownCauses[output] = inputs.lazy.compactMap { self.unknownCauses[$0] }.first
                    ?? UnknownCause(node: name, operatorName: node.opType, reason: "CNNCalc cannot infer every axis of its output")
            }
        }
        if case .failure(.unsupported(let reason)) = result, undeclaredUnknown {
            uninferred.append(ONNXModel.UninferredNode(node: name, operatorName: node.opType, reason: reason))
        }
    }

    private func valueGap(node: Onnxlite_NodeProto, name: String, result: Result<NodeInference.Inferred, NodeInference.Failure>) -> ValueGap {
        switch result {
        case .failure(.upstream(let cause)):
            return ValueGap(reason: cause.reason, upstream: cause)
        case .failure(.unsupported(let reason)):
            return ValueGap(reason: "node '\(name)' (\(node.opType)) computes it, and \(reason)")
        case .success:
            for input in node.input where !input.isEmpty {
                if case .failure(let gap) = values(of: input, forFolding: true) { return gap }
            }
            return ValueGap(reason: "node '\(name)' computes it with \(node.opType), whose values CNNCalc does not compute")
        }
    }

    /// The file's dims where it declares them, the inferred ones elsewhere.
    private func merge(declared: [ONNXDimension]?, inferred: [ONNXDimension]?, tensor: String, node: String) -> [ONNXDimension]? {
        guard let declared else { return inferred }
        guard let inferred else { return declared }
        guard inferred.count == declared.count else {
            if !inferred.contains(.unknown) {
                conflicts.append(ONNXModel.ShapeConflict(tensor: tensor, node: node, declared: declared, inferred: inferred))
            }
            return declared
        }
        // Two sizes, or two multiples of one symbol, that differ.
        if zip(declared, inferred).contains(where: { $0.isEqual(to: $1) == false }) {
            conflicts.append(ONNXModel.ShapeConflict(tensor: tensor, node: node, declared: declared, inferred: inferred))
        }
        return zip(declared, inferred).map { declaredDim, inferredDim in
            switch declaredDim {
            case .size: return declaredDim
            case .symbol(let name, _) where inputSymbols.contains(name): return declaredDim
            default: return inferredDim == .unknown ? declaredDim : inferredDim
            }
        }
    }

    // MARK: - Values

    /// The values of `tensor`: folded, or read from the file for an initializer or a constant. For folding
    /// (`forFolding`), stored floating-point tensors of more than ``largestFoldedFloats`` values are not read:
    /// they are weights, which no size is computed from.
    func values(of tensor: String, forFolding: Bool = false) -> Result<TensorValues, ValueGap> {
        if let values = facts[tensor]?.values { return .success(values) }
        if forFolding, let count = storedFloatCounts[tensor], count > Self.largestFoldedFloats || count < 0 {
            return .failure(ValueGap(reason: "'\(tensor)' holds \(count) floating-point values, weights that CNNCalc does not read"))
        }
        if let cached = decoded[tensor] { return cached.mapError { self.gap(tensor, $0) } }
        if stored.tensors[tensor] != nil {
            var result = stored.values(of: tensor).map(\.values)
            if case .success(let values) = result {
                keptValues += values.count
                if keptValues > Self.valueBudget { result = .failure(.budgetSpent) }
            }
            decoded[tensor] = result
            return result.mapError { gap(tensor, $0) }
        }
        if let gap = valueGaps[tensor] { return .failure(gap) }
        if facts[tensor] == nil && unknownCauses[tensor] == nil {
            return .failure(ValueGap(reason: "no node produces '\(tensor)'"))
        }
        if !staticTensors.contains(tensor) {
            return .failure(ValueGap(reason: "'\(tensor)' is computed from the data of an example, not from constants"))
        }
        return .failure(ValueGap(reason: "the values of '\(tensor)' are not stored in the file"))
    }

    private func gap(_ tensor: String, _ problem: StoredValues.Unreadable) -> ValueGap {
        let reason = switch problem {
        case .notStored: "the values of '\(tensor)' are not stored in the file"
        case .external: "the values of '\(tensor)' are in the external data file, which CNNCalc does not read"
        case .tooLarge(let count): "'\(tensor)' holds \(count == .max ? "too many" : "\(count)") values; CNNCalc reads at most \(StoredValues.maximumElements)"
        case .unsupportedType(let type): "the values of '\(tensor)' have element type \(type), which CNNCalc does not read"
        case .malformed(let problem): "the stored values of '\(tensor)' are malformed: \(problem)"
        case .budgetSpent: "CNNCalc has already read the \(Self.valueBudget) values it reads from one file"
        }
        return ValueGap(reason: reason)
    }
}
