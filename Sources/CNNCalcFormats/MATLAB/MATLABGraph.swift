import CNNCalcCore

/// A `layerGraph` or a `dlnetwork` under construction: named layers and their connections.
///
/// Layers join with ``add(_:)``: unnamed ones get MATLAB's names (`conv`, or `conv_1`, `conv_2`,
/// ... when several share a name), and each is fed by the one before it in the array, as
/// `layerGraph(layers)` and `addLayers` connect them. ``connect(_:_:)`` adds the connections
/// `connectLayers` writes, to `in1`, `in2`, ... of a merge.
struct MATLABGraph: Sendable {
    /// The layers in the order they were added, every one named.
    private(set) var layers: [MATLABLayer] = []
    /// The position of each layer in ``layers``, by name.
    private var indexByName: [String: Int] = [:]
    /// What feeds each layer: the source of each connected input port, by the layer's name.
    private var sources: [String: [Int: String]] = [:]
    /// Whether this is a `dlnetwork` (which takes no output layers) rather than a `layerGraph`.
    var isNetwork: Bool

    /// An empty graph.
    init(isNetwork: Bool) {
        self.isNetwork = isNetwork
    }

    private func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// Adds `new` layers, names the unnamed ones, and connects each to the one before it.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` at a layer whose name another layer has.
    mutating func add(_ new: [MATLABLayer]) throws(CNNCalcError) {
        var taken = Set(indexByName.keys)
        for layer in new {
            guard let name = layer.name else { continue }
            if taken.contains(name) {
                let first = (index(of: name).map { layers[$0] } ?? new.first { $0.name == name })?.location
                let place = first.map { " at \($0.line):\($0.column)" } ?? ""
                throw CNNCalcError(
                    .graph, "the name '\(name)' is already used by the layer\(place)", fix: "give each layer its own 'Name'",
                    location: layer.location, layerName: name)
            }
            taken.insert(name)
        }
        var unnamed: [String: Int] = [:]
        for layer in new where layer.name == nil { unnamed[layer.defaultName, default: 0] += 1 }
        var next: [String: Int] = [:]
        var named = new
        for index in named.indices where named[index].name == nil {
            let base = named[index].defaultName
            var name = base
            if unnamed[base] != 1 || taken.contains(base) {
                var number = next[base, default: 1]
                while taken.contains("\(base)_\(number)") { number += 1 }
                name = "\(base)_\(number)"
                next[base] = number + 1
            }
            taken.insert(name)
            named[index].name = name
        }
        for (index, layer) in named.enumerated() {
            indexByName[layer.name ?? ""] = layers.count + index
            if index > 0 && layer.inputCount > 0 { sources[layer.name ?? "", default: [:]][0] = named[index - 1].name }
        }
        layers += named
    }

    /// Connects the output `source` (`'relu_1'` or `'relu_1/out'`) to `destination` (`'add/in2'`,
    /// or a layer name for its first input), as `connectLayers` does.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` at the argument that names no layer or port,
    ///   or a port already connected.
    mutating func connect(_ source: MATLABEvaluatedArgument, _ destination: MATLABEvaluatedArgument) throws(CNNCalcError) {
        let from = try self.source(source, function: "connectLayers")
        let (to, port) = try self.destination(destination, function: "connectLayers")
        if let existing = sources[to]?[port] {
            let portName = layers[index(of: to) ?? 0].inputPorts[port]
            throw CNNCalcError(
                .graph, "connectLayers: the input '\(to)/\(portName)' is already connected from '\(existing)'",
                fix: "disconnect it first: lgraph = disconnectLayers(lgraph,'\(existing)','\(to)/\(portName)')",
                location: destination.location)
        }
        sources[to, default: [:]][port] = from
    }

    /// Removes the connection `disconnectLayers` names.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` when the layers are not connected that way.
    mutating func disconnect(_ source: MATLABEvaluatedArgument, _ destination: MATLABEvaluatedArgument) throws(CNNCalcError) {
        let from = try self.source(source, function: "disconnectLayers")
        let (to, port) = try self.destination(destination, function: "disconnectLayers")
        guard sources[to]?[port] == from else {
            throw CNNCalcError(
                .graph, "disconnectLayers: '\(from)' is not connected to '\(destination.value.text ?? to)'",
                fix: "name a connection the graph has", location: destination.location)
        }
        sources[to]?[port] = nil
    }

    /// Removes the named layers and every connection to or from them, as `removeLayers` does.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` at a name no layer has.
    mutating func remove(_ names: [String], at location: SourceLocation) throws(CNNCalcError) {
        for name in names where index(of: name) == nil {
            throw unknownLayer(name, function: "removeLayers", at: location)
        }
        let removed = Set(names)
        layers.removeAll { removed.contains($0.name ?? "") }
        indexByName = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1.name ?? "", $0) })
        for name in removed { sources[name] = nil }
        for (destination, ports) in sources {
            sources[destination] = ports.filter { !removed.contains($0.value) }
        }
    }

    private func source(_ argument: MATLABEvaluatedArgument, function: String) throws(CNNCalcError) -> String {
        let (name, port) = try endpoint(argument, function: function, role: "source")
        if let port, port.lowercased() != "out" {
            throw CNNCalcError(
                .graph, "\(function): '\(name)' has one output, 'out', not '\(port)'",
                fix: "write '\(name)' or '\(name)/out'", location: argument.location)
        }
        return name
    }

    private func destination(_ argument: MATLABEvaluatedArgument, function: String) throws(CNNCalcError) -> (String, Int) {
        let (name, port) = try endpoint(argument, function: function, role: "destination")
        let layer = layers[index(of: name) ?? 0]
        let ports = layer.inputPorts
        guard layer.inputCount > 0 else {
            throw CNNCalcError(
                .graph, "\(function): '\(name)' is an input layer and takes no input",
                fix: "connect the input layer's output to another layer", location: argument.location)
        }
        guard let port else { return (name, 0) }
        guard let number = ports.firstIndex(where: { $0 == port.lowercased() }) else {
            let listed = Listing.and(ports.map { "'\(name)/\($0)'" })
            throw CNNCalcError(
                .graph, "\(function): '\(name)' has no input '\(port)'",
                fix: "its \(ports.count == 1 ? "input is" : "inputs are") \(listed)", location: argument.location)
        }
        return (name, number)
    }

    /// `'layer'` or `'layer/port'`, with the layer checked.
    private func endpoint(
        _ argument: MATLABEvaluatedArgument, function: String, role: String
    ) throws(CNNCalcError) -> (name: String, port: String?) {
        guard let text = argument.value.text else {
            throw CNNCalcError(
                .badArgument, "\(function): the \(role) must be a layer name such as 'relu_1' or 'add/in2', found \(argument.value.described)",
                fix: "write the layer's name in quotes", location: argument.location)
        }
        var name = text
        var port: String?
        if let slash = text.lastIndex(of: "/") {
            name = String(text[..<slash])
            port = String(text[text.index(after: slash)...])
        }
        guard index(of: name) != nil else { throw unknownLayer(name, function: function, at: argument.location) }
        return (name, port)
    }

    private func unknownLayer(_ name: String, function: String, at location: SourceLocation) -> CNNCalcError {
        let names = layers.compactMap(\.name)
        let hint = EditDistance.didYouMean(name, among: names)
            ?? (names.isEmpty ? "the graph has no layers yet; add them with addLayers"
                : "the layers are \(Listing.and(names.prefix(12).map { "'\($0)'" }))\(names.count > 12 ? ", ..." : "")")
        return CNNCalcError(.graph, "\(function): no layer is named \(MATLABToken.quote(name))", fix: hint, location: location)
    }

    /// The network's layers, each fed by what is connected to its input ports.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` at a layer with an input port nothing is
    ///   connected to, and for a network with no input layer; `.badArgument` for a
    ///   `concatenationLayer` dimension the network's input does not have.
    func networkLayers() throws(CNNCalcError) -> [Layer] {
        guard let first = layers.first else {
            throw CNNCalcError(.graph, "the network has no layers", fix: "add layers with addLayers, or write a layer array")
        }
        let inputs = layers.compactMap { layer -> TensorShape? in
            if case .input(let input) = layer.kind { return input.shape }
            return nil
        }
        guard !inputs.isEmpty else {
            throw CNNCalcError(
                .graph, "the network has no input layer",
                fix: "start it with imageInputLayer([h w c]), sequenceInputLayer(c) or featureInputLayer(n)",
                location: first.location, layerName: first.name)
        }
        var result: [Layer] = []
        result.reserveCapacity(layers.count)
        for layer in layers {
            let name = layer.name ?? layer.defaultName
            let connected = self.sources[name] ?? [:]
            let sources = (0..<layer.inputCount).map { connected[$0] ?? "" }
            if let port = sources.firstIndex(of: "") {
                let portName = layer.inputPorts[port]
                let target = layer.inputCount == 1 ? name : "\(name)/\(portName)"
                let what = layer.inputCount == 1 ? "the input" : "input '\(portName)'"
                throw CNNCalcError(
                    .graph, "nothing is connected to \(what) of this \(layer.function)",
                    fix: "connect a layer to it: lgraph = connectLayers(lgraph,'source','\(target)')",
                    location: layer.location, layerName: name)
            }
            var kind = layer.kind
            if let dimension = layer.concatenationDimension {
                kind = .concatenate(Concatenate(axis: try Self.axis(dimension, inputs: inputs, layer: layer)))
            }
            var converted = Layer(name: name, kind: kind, inputs: sources, location: layer.location)
            converted.declaredInput = layer.declaredInput
            result.append(converted)
        }
        return result
    }

    /// The axis `concatenationLayer(dim, ...)` joins, by MATLAB's dimensions of the network's input:
    /// `h×w×c` for images, `h×w×d×c` for 3-D images, `c` for sequences and features.
    private static func axis(_ dimension: Int, inputs: [TensorShape], layer: MATLABLayer) throws(CNNCalcError) -> Concatenate.Axis {
        let ranks = Set(inputs.map(\.spatialRank))
        let axes: [Concatenate.Axis]? = switch ranks {
        case [2]: [.height, .width, .channels]
        case [3]: [.depth, .height, .width, .channels]
        case [0]: [.channels]
        default: nil
        }
        guard let axes else {
            throw CNNCalcError(
                .badArgument, "concatenationLayer: the network's inputs have different kinds, so dimension \(dimension) is ambiguous",
                fix: "use depthConcatenationLayer to join channels", location: layer.location, layerName: layer.name)
        }
        guard dimension >= 1, dimension <= axes.count else {
            let channels = axes.count
            throw CNNCalcError(
                .badArgument,
                "concatenationLayer: dim \(dimension) is not a dimension of the network's data, which has \(channels) (the channels are \(channels))",
                fix: "write concatenationLayer(\(channels),...) to join the channels", location: layer.location, layerName: layer.name)
        }
        return axes[dimension - 1]
    }
}
