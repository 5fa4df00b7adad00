import CNNCalcCore

/// Runs a Lasagne or nolearn network definition far enough to know its layers: variables,
/// imports (with `as`), dictionaries of layers (`net['conv1'] = ...`), layer constructors,
/// `dropout(...)` and `batch_norm(...)`, and nolearn's `NeuralNet(layers=...)`.
///
/// Everything else (optimisers, learning rates, `theano.shared(...)`) is kept as an
/// unevaluated value and ignored unless a layer needs it.
struct LasagneInterpreter {
    /// A nolearn `NeuralNet(...)` call: its `layers` argument and its other keyword arguments.
    struct NolearnNet {
        var layers: PythonValue
        var keywords: [(name: String, value: PythonValue)]
        var location: SourceLocation
        var layersLocation: SourceLocation
    }

    let source: String
    private(set) var layers: [LasagneLayerCall] = []
    private(set) var nets: [NolearnNet] = []
    private(set) var returned: PythonValue?
    private var variables: [String: PythonValue] = [:]
    private var imports: [String: String] = [:]

    init(source: String) {
        self.source = source
    }

    // MARK: - Statements

    mutating func run(_ statements: [PythonStatement]) throws(CNNCalcError) {
        for statement in statements {
            switch statement {
            case .imports(let names):
                for (local, dotted) in names { imports[local] = dotted }
            case .returning(let value):
                returned = try evaluate(value)
            case .expression(let value):
                _ = try evaluate(value)
            case .assignment(let targets, let value):
                let result = try evaluate(value)
                for target in targets { try assign(result, to: target) }
            }
        }
    }

    private mutating func assign(_ value: PythonValue, to target: PythonExpression) throws(CNNCalcError) {
        switch target {
        case .name(let name, _):
            variables[name] = value
        case .item(.name(let container, _), let keyExpression, let at):
            let key = try evaluate(keyExpression)
            guard case .dictionary(var entries)? = variables[container] else {
                throw CNNCalcError(.syntax, "'\(container)' is not a dictionary, so '\(container)[\(key.text)] = ...' cannot be read",
                                   fix: "start with '\(container) = {}'", location: at)
            }
            if let index = entries.firstIndex(where: { Self.same($0.key, key) }) {
                entries[index].value = value
            } else {
                entries.append((key, value))
            }
            variables[container] = .dictionary(entries)
        case .attribute:
            break  // `net.layers = ...` and the like: not part of the network.
        default:
            throw CNNCalcError(.syntax, "this assignment target is not read", fix: "assign each layer to a name: 'l = Layer(...)'",
                               location: target.location)
        }
    }

    private static func same(_ a: PythonValue, _ b: PythonValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        default: false
        }
    }

    // MARK: - Expressions

    mutating func evaluate(_ expression: PythonExpression) throws(CNNCalcError) -> PythonValue {
        switch expression {
        case .name(let name, _):
            switch name {
            case "None": return .none
            case "True": return .boolean(true)
            case "False": return .boolean(false)
            default: return variables[name] ?? .symbol(imports[name] ?? name)
            }
        case .integer(let value, _): return .integer(value)
        case .real(let value, _): return .real(value)
        case .string(let value, _): return .string(value)
        case .tuple(let items, _): return .tuple(try evaluate(items))
        case .list(let items, _): return .list(try evaluate(items))
        case .dictionary(let entries, _):
            var values: [(key: PythonValue, value: PythonValue)] = []
            for entry in entries { values.append((try evaluate(entry.key), try evaluate(entry.value))) }
            return .dictionary(values)
        case .attribute(let base, let name, _):
            if case .symbol(let dotted) = try evaluate(base) { return .symbol("\(dotted).\(name)") }
            return .opaque
        case .item(let base, let index, let at):
            return try item(of: try evaluate(base), at: try evaluate(index), base: base, location: at)
        case .unary(let symbol, let operand, let at):
            return try PythonArithmetic.unary(symbol, try evaluate(operand), at: at)
        case .binary(let symbol, let left, let right, let at):
            return try PythonArithmetic.binary(symbol, try evaluate(left), try evaluate(right), at: at)
        case .call(let callee, let arguments, let keywords, let at):
            let function = try evaluate(callee)
            let values = try evaluate(arguments)
            var named: [(name: String, value: PythonValue, location: SourceLocation)] = []
            for keyword in keywords { named.append((keyword.name, try evaluate(keyword.value), keyword.value.location)) }
            return try call(function, values, named, at: at, argumentLocations: arguments.map(\.location))
        }
    }

    private mutating func evaluate(_ expressions: [PythonExpression]) throws(CNNCalcError) -> [PythonValue] {
        var values: [PythonValue] = []
        values.reserveCapacity(expressions.count)
        for expression in expressions { values.append(try evaluate(expression)) }
        return values
    }

    private func item(of base: PythonValue, at key: PythonValue, base expression: PythonExpression, location: SourceLocation) throws(CNNCalcError) -> PythonValue {
        switch base {
        case .dictionary(let entries):
            if let entry = entries.first(where: { Self.same($0.key, key) }) { return entry.value }
            let container = expression.dottedName ?? "the dictionary"
            let keys = entries.compactMap { if case .string(let name) = $0.key { name } else { nil } }
            var fix = "assign \(container)[\(key.text)] before using it"
            if case .string(let name) = key, let hint = EditDistance.didYouMean(name, among: keys) { fix = hint }
            throw CNNCalcError(.graph, "\(container)[\(key.text)] is used before it is assigned", fix: fix, location: location)
        case .tuple(let items), .list(let items):
            guard case .integer(let index) = key else { return .opaque }
            let position = index < 0 ? items.count + index : index
            guard items.indices.contains(position) else {
                throw CNNCalcError(.badArgument, "index \(index) is outside the \(items.count) items", location: location)
            }
            return items[position]
        default:
            return .opaque
        }
    }

    // MARK: - Calls

    private mutating func call(
        _ function: PythonValue, _ arguments: [PythonValue],
        _ keywords: [(name: String, value: PythonValue, location: SourceLocation)],
        at location: SourceLocation, argumentLocations: [SourceLocation]
    ) throws(CNNCalcError) -> PythonValue {
        guard let name = function.symbolName else { return .opaque }
        if LasagneLayerTable.signatures[name] != nil {
            return .layer(try makeLayer(name, arguments, keywords.map { ($0.name, $0.value) }, at: location))
        }
        switch name {
        case "dropout":
            return .layer(try makeLayer("DropoutLayer", arguments, keywords.map { ($0.name, $0.value) }, at: location))
        case "batch_norm":
            return try batchNorm(arguments, keywords.map { ($0.name, $0.value) }, at: location)
        case "NeuralNet":
            guard let layersArgument = keywords.first(where: { $0.name == "layers" }) else {
                throw CNNCalcError(.badArgument, "NeuralNet(...) has no layers=", fix: "give the layer list as layers=[...]", location: location)
            }
            nets.append(NolearnNet(
                layers: layersArgument.value, keywords: keywords.filter { $0.name != "layers" }.map { ($0.name, $0.value) },
                location: location, layersLocation: layersArgument.location))
            return .net(nets.count - 1)
        default:
            let readsLayer = (arguments + keywords.map(\.value)).contains { if case .layer = $0 { true } else { false } }
            let isHelper = Self.layerHelpers.contains(name) || name.hasPrefix("get_")
            if !isHelper && (readsLayer || name.hasSuffix("Layer") && name.first?.isUppercase == true) {
                let known = Array(LasagneLayerTable.signatures.keys).sorted()
                throw CNNCalcError(
                    .unknownLayer, "\(name) is not a Lasagne layer CNNCalc reads",
                    fix: EditDistance.didYouMean(name, among: known) ?? "the layers CNNCalc reads are listed in the README (Lasagne and nolearn)",
                    location: location)
            }
            return .call(name, arguments)
        }
    }

    /// Functions of Lasagne and Python that read layers without making one.
    private static let layerHelpers: Set<String> = [
        "count_params", "set_all_param_values", "print", "len", "str", "repr", "list", "theano.function", "function",
    ]

    /// Argument names of Keras and PyTorch that users carry over, with Lasagne's name for them.
    private static let otherFrameworksNames = [
        "padding": "pad", "kernel_size": "filter_size", "filters": "num_filters", "out_channels": "num_filters",
        "units": "num_units", "out_features": "num_units", "strides": "stride", "activation": "nonlinearity",
        "pool": "pool_size", "rate": "p", "axis": "axes",
    ]

    /// Makes one layer from a constructor call, checking its arguments against Lasagne's signature.
    mutating func makeLayer(
        _ className: String, _ arguments: [PythonValue], _ keywords: [(name: String, value: PythonValue)], at location: SourceLocation
    ) throws(CNNCalcError) -> Int {
        guard let signature = LasagneLayerTable.signatures[className] else {
            throw CNNCalcError(.unknownLayer, "\(className) is not a Lasagne layer CNNCalc reads", location: location)
        }
        var named: [String: PythonValue] = [:]
        let positional = signature.parameters + ["name"]
        guard arguments.count <= signature.parameters.count else {
            throw CNNCalcError(.badArgument, "\(className) takes at most \(signature.parameters.count) positional arguments, here \(arguments.count)",
                               fix: "name the extra arguments", location: location)
        }
        for (index, value) in arguments.enumerated() { named[positional[index]] = value }
        for (name, value) in keywords {
            guard positional.contains(name) || name == "incoming" && signature.parameters.first == "incoming" else {
                let synonym = Self.otherFrameworksNames[name].flatMap { positional.contains($0) ? "did you mean '\($0)'?" : nil }
                let hint = synonym ?? EditDistance.didYouMean(name, among: positional)
                    ?? "\(className) takes \(positional.joined(separator: ", "))"
                throw CNNCalcError(.badArgument, "\(className) has no argument '\(name)'", fix: hint, location: location)
            }
            guard named[name] == nil else {
                throw CNNCalcError(.badArgument, "\(className) gets '\(name)' twice", fix: "give it once", location: location)
            }
            named[name] = value
        }
        for name in signature.required where named[name] == nil {
            throw CNNCalcError(.badArgument, "\(className) needs '\(name)'", fix: "give \(name)=...", location: location)
        }
        var inputs: [Int] = []
        if let incoming = signature.parameters.first, incoming == "incoming" || incoming == "incomings", let value = named.removeValue(forKey: incoming) {
            let values = incoming == "incomings" ? (value.items ?? [value]) : [value]
            for value in values {
                guard case .layer(let index) = value else {
                    throw CNNCalcError(.badArgument, "\(className)'s \(incoming) is \(value.text), not a layer",
                                       fix: "pass the layer it reads, e.g. \(className)(l_in, ...)", location: location)
                }
                inputs.append(index)
            }
            if incoming == "incomings" && inputs.count < 2 {
                throw CNNCalcError(.badArgument, "\(className) merges layers but gets \(inputs.count)", fix: "pass a list of at least two layers", location: location)
            }
        }
        layers.append(LasagneLayerCall(className: className, arguments: named, inputs: inputs, location: location))
        return layers.count - 1
    }

    /// `batch_norm(layer)`: the layer loses its bias and its nonlinearity, which follow a
    /// `BatchNormLayer` as a `NonlinearityLayer` (names `<name>_bn` and `<name>_bn_nonlin`).
    private mutating func batchNorm(
        _ arguments: [PythonValue], _ keywords: [(name: String, value: PythonValue)], at location: SourceLocation
    ) throws(CNNCalcError) -> PythonValue {
        guard case .layer(let wrapped)? = arguments.first ?? keywords.first(where: { $0.name == "layer" })?.value else {
            throw CNNCalcError(.badArgument, "batch_norm needs the layer it normalizes", fix: "write batch_norm(Conv2DLayer(...))", location: location)
        }
        var nonlinearity: PythonValue?
        let call = layers[wrapped]
        if LasagneLayerTable.signatures[call.className]?.parameters.contains("nonlinearity") == true {
            nonlinearity = call.arguments["nonlinearity"] ?? .symbol("rectify")
            layers[wrapped].arguments["nonlinearity"] = .symbol("identity")
        }
        if LasagneLayerTable.signatures[call.className]?.parameters.contains("b") == true {
            layers[wrapped].arguments["b"] = PythonValue.none
        }
        var normalizeKeywords = keywords.filter { $0.name != "layer" }
        let given = normalizeKeywords.first { $0.name == "name" }?.value
        normalizeKeywords.removeAll { $0.name == "name" }
        let bnName: String? = if case .string(let name)? = given { name } else { call.name.map { $0 + "_bn" } }
        if let bnName { normalizeKeywords.append(("name", .string(bnName))) }
        var output = try makeLayer("BatchNormLayer", [.layer(wrapped)], normalizeKeywords, at: location)
        if let nonlinearity, !LasagneNonlinearity.isIdentity(nonlinearity) {
            var keywords: [(name: String, value: PythonValue)] = [("nonlinearity", nonlinearity)]
            if let bnName { keywords.append(("name", .string(bnName + "_nonlin"))) }
            output = try makeLayer("NonlinearityLayer", [.layer(output)], keywords, at: location)
        }
        return .layer(output)
    }
}
