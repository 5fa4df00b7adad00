import CNNCalcCore

/// Builds the layers of nolearn's `NeuralNet(layers=[...])` as nolearn's `initialize_layers` does.
///
/// Two forms of the list:
/// - `(LayerClass, {'num_filters': 32, ...})`, the newer one; a layer without `'name'` is named
///   after its class and position (`conv2d1`);
/// - `('conv1', LayerClass)`, the older one, whose arguments are keywords of `NeuralNet`
///   prefixed with the layer's name (`conv1_num_filters=32`, `input_shape=(None, 1, 28, 28)`).
///
/// Each layer reads the one before it unless it names `'incoming'` or `'incomings'`.
extension LasagneInterpreter {
    /// The layers of `net` in list order, with their nolearn names.
    mutating func layers(of net: NolearnNet) throws(CNNCalcError) -> [(index: Int, name: String)] {
        guard let entries = net.layers.items else {
            return try Self.named(outputs: try outputLayers(of: net.layers, at: net.layersLocation), in: layers)
        }
        if entries.allSatisfy({ if case .layer = $0 { true } else { false } }) {
            return try Self.named(outputs: try outputLayers(of: net.layers, at: net.layersLocation), in: layers)
        }
        var built: [(index: Int, name: String)] = []
        for (position, entry) in entries.enumerated() {
            guard let pair = entry.items, pair.count == 2 else {
                throw CNNCalcError(.badArgument, "entry \(position) of layers= is \(entry.text), not a (LayerClass, {arguments}) or ('name', LayerClass) pair",
                                   fix: "write each layer as (Conv2DLayer, {'num_filters': 32, 'filter_size': (5, 5)})", location: net.layersLocation)
            }
            var className: String
            var keywords: [(name: String, value: PythonValue)] = []
            if case .dictionary(let arguments) = pair[1] {
                className = try Self.className(pair[0], position: position, at: net.layersLocation)
                for (key, value) in arguments {
                    guard case .string(let name) = key else {
                        throw CNNCalcError(.badArgument, "layer \(position)'s arguments have the key \(key.text), not a name",
                                           fix: "write the keys as strings: {'num_filters': 32}", location: net.layersLocation)
                    }
                    keywords.append((name, value))
                }
            } else if case .string(let name) = pair[0] {
                className = try Self.className(pair[1], position: position, at: net.layersLocation)
                keywords.append(("name", .string(name)))
            } else {
                throw CNNCalcError(.badArgument, "entry \(position) of layers= is \(entry.text)",
                                   fix: "write (LayerClass, {arguments}) or ('name', LayerClass)", location: net.layersLocation)
            }
            guard LasagneLayerTable.signatures[className] != nil else {
                let known = Array(LasagneLayerTable.signatures.keys).sorted()
                throw CNNCalcError(.unknownLayer, "\(className) is not a Lasagne layer CNNCalc reads",
                                   fix: EditDistance.didYouMean(className, among: known) ?? "the layers CNNCalc reads are listed in the README",
                                   location: net.layersLocation)
            }
            let name: String
            if let given = keywords.first(where: { $0.name == "name" }), case .string(let text) = given.value {
                name = text
            } else {
                name = LasagneLayerCall(className: className, arguments: [:], inputs: [], location: net.location).defaultName(index: position)
                keywords.append(("name", .string(name)))
            }
            for (keyword, value) in net.keywords where keyword.hasPrefix(name + "_") {
                let argument = String(keyword.dropFirst(name.count + 1))
                keywords.removeAll { $0.name == argument }
                keywords.append((argument, value))
            }
            if built.contains(where: { $0.name == name }) {
                throw CNNCalcError(.graph, "two layers are named '\(name)'", fix: "give each layer its own 'name'", location: net.layersLocation)
            }
            if className != "InputLayer" {
                keywords = try Self.resolveIncoming(keywords, built: built, at: net.layersLocation)
            }
            let index = try makeLayer(className, [], keywords, at: net.layersLocation)
            built.append((index, name))
        }
        return built
    }

    private static func className(_ value: PythonValue, position: Int, at location: SourceLocation) throws(CNNCalcError) -> String {
        switch value {
        case .symbol: return value.symbolName ?? ""
        case .string(let dotted): return String(dotted.split(separator: ".").last ?? Substring(dotted))
        default:
            throw CNNCalcError(.badArgument, "entry \(position) of layers= has \(value.text) where a layer class belongs",
                               fix: "name a Lasagne layer class such as Conv2DLayer", location: location)
        }
    }

    /// `'incoming': 'conv1'` and `'incomings': ['a', 'b']` by name, else the previous layer.
    private static func resolveIncoming(
        _ keywords: [(name: String, value: PythonValue)], built: [(index: Int, name: String)], at location: SourceLocation
    ) throws(CNNCalcError) -> [(name: String, value: PythonValue)] {
        func layer(named value: PythonValue) throws(CNNCalcError) -> PythonValue {
            guard case .string(let name) = value else { return value }
            guard let found = built.first(where: { $0.name == name }) else {
                throw CNNCalcError(.graph, "no earlier layer is named '\(name)'",
                                   fix: EditDistance.didYouMean(name, among: built.map(\.name)) ?? "name a layer listed before this one",
                                   location: location)
            }
            return .layer(found.index)
        }
        var result = keywords
        if let index = result.firstIndex(where: { $0.name == "incoming" }) {
            result[index].value = try layer(named: result[index].value)
        } else if let index = result.firstIndex(where: { $0.name == "incomings" }) {
            var layers: [PythonValue] = []
            for name in result[index].value.items ?? [] { layers.append(try layer(named: name)) }
            result[index].value = .list(layers)
        } else if let previous = built.last {
            result.append(("incoming", .layer(previous.index)))
        } else {
            throw CNNCalcError(.graph, "the first layer of the list is not an InputLayer", fix: "start with (InputLayer, {'shape': (None, 1, 28, 28)})", location: location)
        }
        return result
    }

    /// The layers a value names as outputs: one layer, or a list of them.
    func outputLayers(of value: PythonValue, at location: SourceLocation) throws(CNNCalcError) -> [Int] {
        if case .layer(let index) = value { return [index] }
        var outputs: [Int] = []
        for item in value.items ?? [] {
            guard case .layer(let index) = item else {
                throw CNNCalcError(.badArgument, "\(item.text) is not a layer", fix: "give the output layer(s)", location: location)
            }
            outputs.append(index)
        }
        guard !outputs.isEmpty else {
            throw CNNCalcError(.badArgument, "\(value.text) names no layer", fix: "give the output layer(s)", location: location)
        }
        return outputs
    }

    /// The layers below `outputs` in Lasagne's `get_all_layers` order, named as nolearn names
    /// them: a layer's own name, else its class and its position below its output.
    static func named(outputs: [Int], in calls: [LasagneLayerCall]) throws(CNNCalcError) -> [(index: Int, name: String)] {
        var result: [(index: Int, name: String)] = []
        var taken: Set<Int> = []
        var names: Set<String> = []
        for output in outputs {
            for (position, index) in allLayers(below: output, in: calls).enumerated() where !taken.contains(index) {
                taken.insert(index)
                var name = calls[index].name ?? calls[index].defaultName(index: position)
                if names.contains(name) {
                    var suffix = 2
                    while names.contains("\(name)_\(suffix)") { suffix += 1 }
                    name = "\(name)_\(suffix)"
                }
                names.insert(name)
                result.append((index, name))
            }
        }
        return result
    }

    /// Lasagne's `get_all_layers`: a depth-first walk that lists a layer after all its inputs,
    /// with a stack rather than recursion.
    static func allLayers(below output: Int, in calls: [LasagneLayerCall]) -> [Int] {
        var queue = [output]  // the front is the last element
        var seen: Set<Int> = []
        var done: Set<Int> = []
        var result: [Int] = []
        while let layer = queue.last {
            if !seen.contains(layer) {
                seen.insert(layer)
                queue.append(contentsOf: calls[layer].inputs.reversed())
            } else {
                queue.removeLast()
                if !done.contains(layer) {
                    result.append(layer)
                    done.insert(layer)
                }
            }
        }
        return result
    }
}
