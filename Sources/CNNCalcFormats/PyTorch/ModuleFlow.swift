import CNNCalcCore

/// Turns the tree of a printed model into layers, in the order data flows through them.
///
/// Modules are taken in printed order, one layer each, except in the patterns recognised by
/// their class (see ``ModuleFlow+Patterns.swift``): torchvision's `BasicBlock` and `Bottleneck`
/// (a shortcut and a sum), `MultiheadAttention` and `TransformerEncoderLayer` (one layer each).
/// Every layer is named by its module path (`features.0`, `layer1.0.conv1`); a module run
/// twice gets a second layer named `path (call 2)`.
struct ModuleFlow {
    /// The layers made so far, the input first.
    private(set) var layers: [Layer] = []
    /// For each layer, the form of input it reads first (for reading `--input`).
    private(set) var inputForms: [MappedModule.InputForm] = []
    /// The stated assumptions, in the order they arose, each once.
    private(set) var assumptions: [String] = []
    /// Classes of modules of the model's own taken as containers of their children.
    private(set) var customClasses: [String] = []
    /// The recognised blocks, in order: their class, their path, and a flag (a residual block
    /// with a relu; an inverted residual block with its sum).
    var blocks: [(typeName: String, path: String, flag: Bool)] = []
    /// The name of the input layer.
    let inputName: String
    private var used: Set<String> = []
    private var calls: [String: Int] = [:]

    init(inputName: String) {
        self.inputName = inputName
        used.insert(inputName)
    }

    /// Adds `assumption` unless it is already stated.
    mutating func assume(_ assumption: String) {
        if !assumptions.contains(assumption) { assumptions.append(assumption) }
    }

    /// Adds a layer fed by `inputs`, named `path`, or `path (call N)` for a later call of the same module.
    @discardableResult
    mutating func emit(
        _ path: String, _ kind: LayerKind, inputs: [String], location: SourceLocation,
        declared: DeclaredInput? = nil, form: MappedModule.InputForm = .any
    ) -> String {
        let count = (calls[path] ?? 0) + 1
        calls[path] = count
        var name = count == 1 ? path : "\(path) (call \(count))"
        var suffix = count
        while used.contains(name) {
            suffix += 1
            name = "\(path) (call \(suffix))"
        }
        used.insert(name)
        var layer = Layer(name: name, kind: kind, inputs: inputs, location: location)
        layer.declaredInput = declared
        layers.append(layer)
        inputForms.append(form)
        return name
    }

    /// Adds the layers of `module`, fed by the layer `input`, and returns the layer its output leaves from.
    mutating func walk(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String {
        if let output = try pattern(module, from: input) { return output }
        if let entry = ModuleTable.entry(module.typeName) {
            guard module.children.isEmpty else {
                throw CNNCalcError(
                    .unknownLayer, "\(module.typeName) prints child modules, which torch.nn's \(module.typeName) does not have",
                    fix: "a module of your own named like a torch.nn class cannot be read; rename it, or describe it in the .cnn format",
                    location: module.location, layerName: module.path)
            }
            let mapped = try entry.map(try ModuleArguments(module, signature: entry.signature))
            if let assumption = mapped.assumption { assume(assumption) }
            return emit(
                name(of: module), mapped.kind, inputs: [input], location: module.location,
                declared: mapped.declaredInput, form: mapped.inputForm)
        }
        let isContainer = ModuleTable.containers.contains(module.typeName)
        if module.children.isEmpty {
            // An empty Sequential passes its input through.
            if isContainer { return input }
            throw ModuleTable.unknown(module)
        }
        if !isContainer && !customClasses.contains(module.typeName) { customClasses.append(module.typeName) }
        var current = input
        for child in module.children {
            if !child.children.isEmpty, Self.startsWithLinear(child), isSurelyMap(current) {
                current = flatten(before: child, in: module, from: current)
            }
            current = try walk(child, from: current)
        }
        return current
    }

    /// A flatten between a feature map and a block that starts with a `Linear`, where the forward
    /// of torchvision's models (VGG, AlexNet) calls `torch.flatten(x, 1)`: named `flatten` in `parent`.
    private mutating func flatten(before child: PrintedModule, in parent: PrintedModule, from input: String) -> String {
        let path = parent.path.isEmpty ? "flatten" : parent.path + ".flatten"
        let name = emit(path, .flatten(Flatten()), inputs: [input], location: child.location)
        assume("the forward is taken to flatten the map between \(input) and \(child.path) (the row \(name)), as torchvision's forward does with torch.flatten(x, 1): print(model) does not show it")
        return name
    }

    /// Modules that pass any shape on unchanged: dropouts, activations, the identity.
    static let shapeKeeping: Set<String> = Set(ModuleTable.activationEntries.keys).union(
        ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"])

    /// Whether the first module of `module` that changes shapes, in printed order, is a `Linear`.
    static func startsWithLinear(_ module: PrintedModule) -> Bool {
        for child in module.children {
            if ModuleTable.containers.contains(child.typeName) && !child.children.isEmpty { return startsWithLinear(child) }
            if shapeKeeping.contains(child.typeName) { continue }
            return child.typeName == "Linear"
        }
        return false
    }

    /// Whether the layer `name` surely sends a feature map: a layer that reads a map (a convolution,
    /// a pooling), or a sum, activation or dropout of one.
    func isSurelyMap(_ name: String) -> Bool {
        guard let index = layers.lastIndex(where: { $0.name == name }) else { return false }
        if case .map = inputForms[index] { return true }
        switch layers[index].kind {
        case .add, .activation, .dropout, .prelu: return layers[index].inputs.first.map(isSurelyMap) ?? false
        default: return false
        }
    }

    /// The layer name of `module`: its path, or its class for a model that is one module.
    func name(of module: PrintedModule) -> String {
        module.path.isEmpty ? module.typeName : module.path
    }
}
