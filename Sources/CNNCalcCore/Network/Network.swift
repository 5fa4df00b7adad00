/// A network: named layers wired into a directed acyclic graph.
///
/// Building a network checks its wiring, and nothing else: every name is unique, every
/// `inputs` name exists, each layer has as many inputs as its kind takes, there is an
/// input layer, and the graph has no cycle. Shapes are checked by the analysis.
///
/// A layer without explicit inputs takes the layer written before it, so a sequential
/// network is just a list:
///
///     let network = try Network {
///         Input(height: 28, width: 28, channels: 1)
///         Convolution(filters: 32, kernelSize: [5])
///         Pooling(.max, poolSize: [2])
///         Dense(units: 10)
///     }
public struct Network: Hashable, Sendable {
    /// The layers in the order they were written.
    public let layers: [Layer]
    /// For each layer, the indices of the layers feeding it, in order.
    public let predecessors: [[Int]]
    /// Layer indices in an order where every layer comes after its inputs: the written order when that works.
    public let topologicalOrder: [Int]
    /// For each layer, the names of the layers feeding it, in order: its written ``Layer/inputs``,
    /// or the name of the layer written before it. Resolved once, so that every analysis of the
    /// network reuses them.
    public let inputNames: [[String]]
    /// The convention of the framework the network comes from (PyTorch for an ONNX export), or
    /// `nil` for a source of no particular framework; an analysis counts in it unless told otherwise.
    public var sourceConvention: Convention?

    /// Builds a network from layers, resolving and checking their wiring.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` for a missing input layer, an unknown or
    ///   duplicate name, a wrong number of inputs or a cycle.
    public init(layers: [Layer]) throws(CNNCalcError) {
        guard !layers.isEmpty else {
            throw CNNCalcError(.graph, "the network has no layers", fix: "start with an input line such as 'input 28x28x1'")
        }
        var indexByName = LayerNameIndex(for: layers)
        // Layers are large: every loop reads them in place rather than copying each one.
        for index in layers.indices {
            if let first = indexByName.insert(index, of: layers) {
                let firstPlace = layers[first].location.map { " at \($0)" } ?? ""
                throw layers[index].error(
                    .graph, "the name '\(layers[index].name)' is already used by layer \(first + 1)\(firstPlace)",
                    fix: "give each layer its own name")
            }
        }
        guard layers.contains(where: { if case .input = $0.kind { true } else { false } }) else {
            throw layers[0].error(.graph, "the network has no input layer",
                                  fix: "start with a line such as 'input 28x28x1' (height x width x channels)")
        }
        for index in layers.indices {
            if let owner = layers[index].sharesLearnablesWith, indexByName.index(of: owner, in: layers) == nil || owner == layers[index].name {
                throw layers[index].error(
                    .graph, "the layer reuses the learnables of '\(owner)', but no other layer has that name",
                    fix: "name the layer that holds the shared weights")
            }
        }
        var predecessors: [[Int]] = []
        predecessors.reserveCapacity(layers.count)
        for index in layers.indices {
            predecessors.append(try Self.resolveInputs(at: index, in: layers, indexByName: indexByName))
        }
        var inputNames: [[String]] = []
        inputNames.reserveCapacity(layers.count)
        for index in layers.indices {
            // Written inputs are the names resolved (the same array, shared); else the layer before.
            inputNames.append(layers[index].inputs.isEmpty ? predecessors[index].map { layers[$0].name } : layers[index].inputs)
        }
        self.layers = layers
        self.predecessors = predecessors
        self.inputNames = inputNames
        self.topologicalOrder = try Self.order(layers, predecessors)
    }

    /// The network with each layer's kind replaced by `transform`'s, its names and wiring kept as
    /// they were resolved: the way to analyse many variants of one network (other widths, another
    /// input size) without reading or checking it again.
    ///
    ///     let wider = try network.replacingKinds { layer in
    ///         guard case .convolution(var conv) = layer.kind else { return layer.kind }
    ///         conv.filters *= 2
    ///         return .convolution(conv)
    ///     }
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` when a new kind takes a different number of
    ///   inputs (``LayerKind/arity``) than the layer had: that would need the wiring checked again,
    ///   by building the network from its layers with ``init(layers:)``.
    public func replacingKinds(_ transform: (Layer) -> LayerKind) throws(CNNCalcError) -> Network {
        var layers = self.layers
        for index in layers.indices {
            let kind = transform(layers[index])
            if kind.arity != layers[index].kind.arity {
                throw layers[index].error(
                    .graph, "the new kind \(kind.kindName) takes other inputs than \(layers[index].kind.kindName)",
                    fix: "build the network again from its layers, Network(layers:), to check the new wiring")
            }
            layers[index].kind = kind
        }
        var network = Network(
            checkedLayers: layers, predecessors: predecessors, topologicalOrder: topologicalOrder, inputNames: inputNames)
        network.sourceConvention = sourceConvention
        return network
    }

    /// A network whose wiring is known to be right: the layers of a checked network with new kinds of the same arity.
    private init(checkedLayers layers: [Layer], predecessors: [[Int]], topologicalOrder: [Int], inputNames: [[String]]) {
        self.layers = layers
        self.predecessors = predecessors
        self.topologicalOrder = topologicalOrder
        self.inputNames = inputNames
    }

    /// Builds a network from layers written with ``NetworkBuilder``; unnamed layers are named after their kind.
    public init(@NetworkBuilder _ content: () -> [LayerDeclaration]) throws(CNNCalcError) {
        try self.init(layers: LayerDeclaration.layers(from: content()))
    }

    /// The layout the network's first input was written in.
    public var inputLayout: Layout {
        for layer in layers {
            if case .input(let input) = layer.kind { return input.layout }
        }
        return .channelsLast
    }

    private static func resolveInputs(
        at index: Int, in layers: [Layer], indexByName: LayerNameIndex
    ) throws(CNNCalcError) -> [Int] {
        let arity = layers[index].kind.arity
        if arity == .one && layers[index].inputs.isEmpty && index > 0 { return [index - 1] }
        // The layer is read in place: it is large, and most layers get here only to resolve `inputs=`.
        if arity == .none {
            guard layers[index].inputs.isEmpty else {
                throw layers[index].error(.graph, "an input layer takes no inputs, but this one names \(layers[index].inputs.joined(separator: ","))",
                                  fix: "remove inputs= from the input line")
            }
            return []
        }
        if layers[index].inputs.isEmpty {
            guard index > 0 else {
                throw layers[index].error(.graph, "the first layer is a \(layers[index].kind.kindName), so nothing feeds it",
                                  fix: "start with an input line such as 'input 28x28x1' (height x width x channels)")
            }
            if arity == .many {
                throw layers[index].error(.graph, "\(layers[index].kind.kindName) merges two or more layers, but names none",
                                  fix: "list the layers it merges, e.g. 'inputs=a,b'")
            }
            if arity == .two {
                throw layers[index].error(.graph, "\(layers[index].kind.kindName) takes two inputs, but names none",
                                  fix: "list both, in order, e.g. 'inputs=a,b'")
            }
            return [index - 1]
        }
        var result: [Int] = []
        for name in layers[index].inputs {
            guard let source = indexByName.index(of: name, in: layers) else {
                let names = layers.map(\.name).filter { $0 != layers[index].name }
                let hint = EditDistance.didYouMean(name, among: names) ?? "the layers are: \(names.prefix(12).joined(separator: ", "))"
                throw layers[index].error(.graph, "inputs names '\(name)', but no layer has that name", fix: hint)
            }
            guard source != index else {
                throw layers[index].error(.graph, "the layer names itself as its input", fix: "name the layer that feeds it")
            }
            result.append(source)
        }
        if arity == .one && result.count != 1 {
            throw layers[index].error(.graph, "\(layers[index].kind.kindName) takes one input, but \(result.count) are named",
                              fix: "merge them first with add or concat, then feed that layer")
        }
        if arity == .two && result.count != 2 {
            throw layers[index].error(.graph, "\(layers[index].kind.kindName) takes exactly two inputs, but \(result.count) \(result.count == 1 ? "is" : "are") named",
                              fix: "name two layers, in order, e.g. 'inputs=a,b'")
        }
        if arity == .queryKeyValue && result.count > 3 {
            throw layers[index].error(.graph, "\(layers[index].kind.kindName) takes one input (self-attention) or up to three (query, key, value), but \(result.count) are named",
                              fix: "write 'inputs=x', 'inputs=q,kv' or 'inputs=q,k,v'")
        }
        if arity == .many && result.count < 2 {
            throw layers[index].error(.graph, "\(layers[index].kind.kindName) merges two or more layers, but only '\(layers[index].inputs[0])' is named",
                              fix: "list every layer it merges, e.g. 'inputs=a,b'")
        }
        return result
    }

    /// Kahn's algorithm; the written order is kept when every layer already follows its inputs.
    private static func order(_ layers: [Layer], _ predecessors: [[Int]]) throws(CNNCalcError) -> [Int] {
        let inWrittenOrder = predecessors.enumerated().allSatisfy { index, sources in sources.allSatisfy { $0 < index } }
        if inWrittenOrder { return Array(layers.indices) }
        var remaining = predecessors.map(\.count)
        var successors = Array(repeating: [Int](), count: layers.count)
        for (index, sources) in predecessors.enumerated() {
            for source in sources { successors[source].append(index) }
        }
        var ready = layers.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(layers.count)
        var cursor = 0
        while cursor < ready.count {
            let index = ready[cursor]
            cursor += 1
            order.append(index)
            for next in successors[index] {
                remaining[next] -= 1
                if remaining[next] == 0 { ready.append(next) }
            }
        }
        if order.count < layers.count {
            throw cycleError(layers, predecessors, remaining: remaining)
        }
        return order
    }

    private static func cycleError(_ layers: [Layer], _ predecessors: [[Int]], remaining: [Int]) -> CNNCalcError {
        // Walk backwards through unresolved inputs until a layer repeats: that closes a cycle.
        guard var current = remaining.firstIndex(where: { $0 > 0 }) else {
            return CNNCalcError(.graph, "the network has a cycle")
        }
        var seenAt: [Int: Int] = [:]
        var path: [Int] = []
        while seenAt[current] == nil {
            seenAt[current] = path.count
            path.append(current)
            guard let next = predecessors[current].first(where: { remaining[$0] > 0 }) else { break }
            current = next
        }
        // Reversed, the walk follows the data; start it at the layer written first.
        let flow = Array(path[(seenAt[current] ?? 0)...].reversed())
        let start = flow.indices.min { flow[$0] < flow[$1] } ?? 0
        let cycle = Array(flow[start...] + flow[..<start])
        let names = (cycle + [cycle[0]]).map { layers[$0].name }.joined(separator: " -> ")
        return layers[cycle[0]].error(
            .graph, "the layers \(names) form a cycle",
            fix: "data must flow one way; change the inputs= of one of these layers")
    }
}
