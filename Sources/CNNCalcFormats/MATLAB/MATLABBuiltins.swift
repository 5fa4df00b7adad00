import CNNCalcCore

/// The functions other than layer functions that layer definitions call.
///
/// | function | does |
/// |---|---|
/// | `layerGraph()`, `layerGraph(layers)` | a layer graph, the array's layers connected in order |
/// | `dlnetwork`, `dlnetwork(layers)`, `dlnetwork(lgraph)` | the same as a `dlnetwork`, which refuses output layers as MATLAB does |
/// | `addLayers(g,layers)` | the array's layers added, connected in order among themselves |
/// | `connectLayers(g,'a','b/in2')`, `disconnectLayers(g,'a','b/in2')` | a connection made or removed |
/// | `removeLayers(g,names)` | layers removed with their connections |
/// | `initialize(net)` | the network itself |
/// | `analyzeNetwork`, `plot`, `disp`, `summary`, `deepNetworkDesigner`, `figure`, `clc`, `close` | nothing: they only display |
/// | `true`, `false`, `floor`, `ceil`, `round`, `fix`, `abs`, `sqrt`, `prod`, `numel`, `max`, `min` | numbers |
enum MATLABBuiltins {
    /// A call to a built-in function: its name, where it is written and its arguments.
    struct Call {
        /// The function's name.
        var name: String
        /// Where the call starts.
        var location: SourceLocation
        /// The arguments, evaluated.
        var arguments: [MATLABEvaluatedArgument]

        /// The argument at `index`, or an error naming what is missing.
        func argument(_ index: Int, _ what: String, example: String) throws(CNNCalcError) -> MATLABEvaluatedArgument {
            guard index < arguments.count else {
                throw CNNCalcError(.badArgument, "\(name) needs \(what)", fix: "write e.g. \(example)", location: location)
            }
            return arguments[index]
        }

        /// The graph at `index`, or an error.
        func graph(_ index: Int, example: String) throws(CNNCalcError) -> MATLABGraph {
            let argument = try self.argument(index, "a layer graph or a dlnetwork", example: example)
            guard case .graph(let graph) = argument.value else {
                let hint: String = if case .layers = argument.value {
                    "make a graph of the array first: lgraph = layerGraph(layers)"
                } else {
                    "write e.g. \(example)"
                }
                throw CNNCalcError(
                    .badArgument, "\(name) needs a layer graph or a dlnetwork, found \(argument.value.described)",
                    fix: hint, location: argument.location)
            }
            return graph
        }

        /// An error unless the call has at most `count` arguments.
        func limit(_ count: Int, example: String) throws(CNNCalcError) {
            guard arguments.count > count else { return }
            throw CNNCalcError(
                .badArgument, "\(name) takes \(count == 0 ? "no arguments" : "at most \(count) argument\(count == 1 ? "" : "s")") here, but \(arguments.count) are given",
                fix: "write e.g. \(example)", location: arguments[count].location)
        }

        /// The one number argument of a numeric function.
        func number(_ index: Int = 0) throws(CNNCalcError) -> MATLABMatrix {
            let argument = try self.argument(index, "a number", example: "\(name)(2.5)")
            guard case .numbers(let matrix) = argument.value else {
                throw CNNCalcError(.badArgument, "\(name) needs numbers, found \(argument.value.described)",
                                   fix: "write e.g. \(name)(2.5)", location: argument.location)
            }
            return matrix
        }
    }

    /// Functions that train or run a network: a text that calls them is a script CNNCalc cannot finish.
    static let running: Set<String> = [
        "trainingOptions", "trainNetwork", "trainnet", "train", "predict", "classify", "minibatchpredict",
        "activations", "forward", "testnet", "imageDatastore", "augmentedImageDatastore", "load", "importONNXNetwork",
    ]

    /// Functions that only display something, and return nothing.
    static let displaying: Set<String> = [
        "analyzeNetwork", "plot", "disp", "display", "summary", "deepNetworkDesigner", "figure", "clc", "close", "clear",
    ]

    /// Numeric functions applied to every value.
    static let elementwise: Set<String> = ["floor", "ceil", "round", "fix", "abs", "sqrt"]

    /// Every built-in function's name.
    static let names: Set<String> = displaying.union(elementwise).union([
        "layerGraph", "dlnetwork", "addLayers", "connectLayers", "disconnectLayers", "removeLayers", "initialize",
        "true", "false", "prod", "numel", "max", "min",
    ])

    /// The value of `call`, or `nil` when its name is no built-in function.
    static func value(of call: Call) throws(CNNCalcError) -> MATLABValue? {
        switch call.name {
        case "layerGraph": return try layerGraph(call)
        case "dlnetwork": return try dlnetwork(call)
        case "addLayers": return try addLayers(call)
        case "connectLayers": return try connection(call, connecting: true)
        case "disconnectLayers": return try connection(call, connecting: false)
        case "removeLayers": return try removeLayers(call)
        case "initialize": return .graph(try call.graph(0, example: "net = initialize(net)"))
        case "true", "false":
            try call.limit(0, example: call.name)
            return .numbers(MATLABMatrix(scalar: call.name == "true" ? 1 : 0))
        case "prod": return try reduce(call) { $0.reduce(1, *) }
        case "numel": return try reduce(call) { Double($0.count) }
        case "max": return try reduce(call) { $0.max() ?? 0 }
        case "min": return try reduce(call) { $0.min() ?? 0 }
        case let name where elementwise.contains(name): return try applied(call)
        case let name where displaying.contains(name): return .nothing
        default: return nil
        }
    }

    private static func applied(_ call: Call) throws(CNNCalcError) -> MATLABValue {
        try call.limit(1, example: "\(call.name)(2.5)")
        let matrix = try call.number()
        let values = matrix.values.map { value -> Double in
            switch call.name {
            case "floor": value.rounded(.down)
            case "ceil": value.rounded(.up)
            case "round": value.rounded(.toNearestOrAwayFromZero)
            case "fix": value.rounded(.towardZero)
            case "abs": abs(value)
            default: value.squareRoot()
            }
        }
        guard values.allSatisfy(\.isFinite) else {
            throw CNNCalcError(.badArgument, "\(call.name) of \(matrix.described) is not a finite number",
                               fix: "check the value", location: call.location)
        }
        return .numbers(MATLABMatrix(rows: matrix.rows, columns: matrix.columns, values: values))
    }

    private static func reduce(_ call: Call, _ combine: ([Double]) -> Double) throws(CNNCalcError) -> MATLABValue {
        try call.limit(1, example: "\(call.name)([2 3])")
        let matrix = try call.number()
        let value = combine(matrix.values)
        guard value.isFinite else {
            throw CNNCalcError(.badArgument, "\(call.name) of \(matrix.described) is not a finite number",
                               fix: "check the value", location: call.location)
        }
        return .numbers(MATLABMatrix(scalar: value))
    }

    private static func layerGraph(_ call: Call) throws(CNNCalcError) -> MATLABValue {
        try call.limit(1, example: "lgraph = layerGraph(layers)")
        return .graph(try graph(from: call, isNetwork: false))
    }

    private static func dlnetwork(_ call: Call) throws(CNNCalcError) -> MATLABValue {
        var graph = try self.graph(from: call, isNetwork: true)
        graph.isNetwork = true
        if let output = graph.layers.first(where: \.isOutputLayer) {
            throw outputLayerError(output)
        }
        return .graph(graph)
    }

    private static func outputLayerError(_ layer: MATLABLayer) -> CNNCalcError {
        CNNCalcError(
            .graph, "dlnetwork takes no output layers, but \(layer.function) '\(layer.name ?? layer.defaultName)' is one",
            fix: "remove \(layer.function) from the layers of a dlnetwork (trainnet computes the loss), or use layerGraph",
            location: layer.location, layerName: layer.name)
    }

    /// The graph the first argument gives: a new one of a layer array, the graph itself, or an empty one.
    private static func graph(from call: Call, isNetwork: Bool) throws(CNNCalcError) -> MATLABGraph {
        guard let argument = call.arguments.first else { return MATLABGraph(isNetwork: isNetwork) }
        switch argument.value {
        case .layers(let layers):
            var graph = MATLABGraph(isNetwork: isNetwork)
            try graph.add(layers)
            return graph
        case .graph(let graph):
            return graph
        default:
            throw CNNCalcError(
                .badArgument, "\(call.name) needs a layer array or a layer graph, found \(argument.value.described)",
                fix: "write e.g. \(call.name)(layers), with layers = [imageInputLayer([28 28 1]) ...]", location: argument.location)
        }
    }

    private static func addLayers(_ call: Call) throws(CNNCalcError) -> MATLABValue {
        let example = "lgraph = addLayers(lgraph,layers)"
        var graph = try call.graph(0, example: example)
        let argument = try call.argument(1, "the layers to add", example: example)
        try call.limit(2, example: example)
        guard case .layers(let layers) = argument.value else {
            throw CNNCalcError(.badArgument, "addLayers needs a layer array to add, found \(argument.value.described)",
                               fix: "write e.g. \(example)", location: argument.location)
        }
        if graph.isNetwork, let output = layers.first(where: \.isOutputLayer) { throw outputLayerError(output) }
        try graph.add(layers)
        return .graph(graph)
    }

    private static func connection(_ call: Call, connecting: Bool) throws(CNNCalcError) -> MATLABValue {
        let example = "lgraph = \(call.name)(lgraph,'relu_1','add/in2')"
        var graph = try call.graph(0, example: example)
        let source = try call.argument(1, "a source layer and a destination", example: example)
        let destination = try call.argument(2, "a destination", example: example)
        try call.limit(3, example: example)
        if connecting {
            try graph.connect(source, destination)
        } else {
            try graph.disconnect(source, destination)
        }
        return .graph(graph)
    }

    private static func removeLayers(_ call: Call) throws(CNNCalcError) -> MATLABValue {
        let example = "lgraph = removeLayers(lgraph,{'fc','softmax'})"
        var graph = try call.graph(0, example: example)
        let argument = try call.argument(1, "the names of the layers to remove", example: example)
        try call.limit(2, example: example)
        var names: [String] = []
        switch argument.value {
        case .text(let name, _):
            names = [name]
        case .list(let values):
            for value in values {
                guard let name = value.text else {
                    throw CNNCalcError(.badArgument, "removeLayers needs layer names, found \(value.described)",
                                       fix: "write e.g. \(example)", location: argument.location)
                }
                names.append(name)
            }
        default:
            throw CNNCalcError(.badArgument, "removeLayers needs layer names, found \(argument.value.described)",
                               fix: "write e.g. \(example)", location: argument.location)
        }
        try graph.remove(names, at: argument.location)
        return .graph(graph)
    }
}
