#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore

/// Reads Keras models: the JSON of `model.to_json()` and `.keras` archives (`model.save()`).
///
/// Only the architecture is read (the `config.json` of an archive); weights are never
/// opened. Both Keras 3 and tf.keras 2.x JSON are understood: they differ in how a layer
/// names its inputs (`inbound_nodes` of `__keras_tensor__` objects in Keras 3, nested
/// lists `[[["name", 0, 0, {}]]]` in tf.keras 2.x).
///
/// Every Keras layer becomes one CNNCalc layer with the Keras name. Two cases need more:
/// - A layer called on several inputs (a shared layer) becomes one CNNCalc layer per call;
///   the first carries the name and the weights, later calls are named `name (call 2)`, ...
///   and reuse the weights (``Layer/sharesLearnablesWith``), so they are counted once, as
///   Keras counts them.
/// - A model used as a layer (a nested `Sequential` or `Functional`) is expanded into its
///   own layers, named `outer/inner`; their counts sum to the row `model.summary()` shows.
///
/// A layer with `trainable: false` (or inside a frozen nested model) is marked frozen
/// (``Layer/isTrainable``). Errors name the file and the JSON path of the offending value.
public enum KerasReader {
    /// The largest `config.json` read from an archive, in bytes.
    static let maximumConfigBytes = 64 * 1024 * 1024

    /// The network of a Keras file, told apart by content: a ZIP archive (`.keras`) or JSON.
    /// An HDF5 file (the legacy `.h5` format) is refused with a remedy.
    ///
    /// A model with an axis of open size (`None`) needs a number for it: use ``model(from:source:)``
    /// and ``KerasModel/network(sizes:)``, or `OpenSizeAnalysis`, which keeps it open.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - source: the file name as the user gave it; it starts every error.
    /// - Throws: ``CNNCalcError`` naming the file and the JSON path of what is wrong.
    public static func network(from bytes: Data, source: String) throws(CNNCalcError) -> Network {
        try model(from: bytes, source: source).network()
    }

    /// A Keras file read once, which builds its network for any sizes of its open axes.
    ///
    /// - Throws: ``CNNCalcError`` naming the file and the JSON path of what is wrong: the errors of
    ///   ``network(fromJSON:source:)``, or of the archive.
    public static func model(from bytes: Data, source: String) throws(CNNCalcError) -> KerasModel {
        if bytes.starts(with: [0x89, 0x48, 0x44, 0x46]) {
            throw CNNCalcError(.input, "\(source) is an HDF5 (.h5) Keras file, which CNNCalc does not read",
                               fix: "save the model with model.save('model.keras'), or write model.to_json() to a file")
        }
        if isArchive(bytes) {
            return try KerasModel(json: try configJSON(in: bytes, source: source), source: "\(source)/config.json")
        }
        return try KerasModel(json: bytes, source: source)
    }

    /// Whether `bytes` start like a ZIP archive, as a `.keras` file does.
    public static func isArchive(_ bytes: Data) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The network of a `.keras` archive, read from the `config.json` inside it.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.input` for an archive that cannot be opened or has
    ///   no `config.json`, then the errors of ``network(fromJSON:source:)``.
    public static func network(fromArchive bytes: Data, source: String) throws(CNNCalcError) -> Network {
        let config = try configJSON(in: bytes, source: source)
        return try network(fromJSON: config, source: "\(source)/config.json")
    }

    /// The network of a Keras model's JSON, as `model.to_json()` writes it or as `config.json` holds it.
    ///
    /// - Throws: ``CNNCalcError``: `.syntax` for text that is not JSON or not a Keras model,
    ///   `.unknownLayer` for a class CNNCalc does not know (listing those it does),
    ///   `.badArgument` for an unsupported option or an axis of open size (`None`),
    ///   `.graph` for an input that no layer produces or a cycle.
    public static func network(fromJSON bytes: Data, source: String) throws(CNNCalcError) -> Network {
        try KerasModel(json: bytes, source: source).network()
    }

    /// Builds the network of a model's JSON with `sizes` for its open axes; while `discovering`,
    /// an open axis without a size gets a placeholder instead of an error.
    static func build(
        json bytes: Data, source: String, sizes: [String: Int], discovering: Bool
    ) throws(CNNCalcError) -> (network: Network, openSizes: [OpenSize]) {
        let top = try KerasJSON.parse(bytes, source: source, what: "the file")
        guard top.isObject, top.has("class_name"), top.has("config") else {
            throw top.error(.syntax, "this is JSON but not a Keras model: it has no 'class_name' and 'config' at the top",
                            fix: "give the output of model.to_json() or a .keras file")
        }
        let className = try top.field("class_name").string()
        guard ["Sequential", "Functional", "Model"].contains(className) else {
            throw try top.field("class_name").error(
                .syntax, "this is a Keras '\(className)', not a model", fix: "give a Sequential or Functional model")
        }
        var builder = KerasGraphBuilder(layout: try KerasGraphBuilder.layout(of: top), sizes: sizes, discovering: discovering)
        _ = try builder.expand(model: top, prefix: "", inputs: [], frozen: false, owner: nil)
        let layers = builder.layers
        do throws(CNNCalcError) {
            var network = try Network(layers: layers)
            network.sourceConvention = .keras
            return (network, builder.openSizes)
        } catch {
            throw error.attributed(to: nil, at: SourceLocation(source: source, path: "config.layers"))
        }
    }

    private static func configJSON(in bytes: Data, source: String) throws(CNNCalcError) -> Data {
        let damaged = CNNCalcError(
            .input, "\(source) is not a readable .keras archive (the ZIP directory is damaged or the file is truncated)",
            fix: "save the model again with model.save('model.keras')")
        let archive: ZIPDirectory
        do {
            archive = try ZIPDirectory(bytes)
        } catch {
            throw damaged
        }
        guard let entry = archive["config.json"] else {
            throw CNNCalcError(.input, "\(source) is a ZIP archive without config.json, so not a .keras model",
                               fix: "save the model with model.save('model.keras'), or give the JSON of model.to_json()")
        }
        do {
            return try archive.contents(of: entry, limit: maximumConfigBytes)
        } catch .tooLarge {
            throw CNNCalcError(.input, "\(source): config.json unpacks to more than the \(maximumConfigBytes)-byte limit",
                               fix: "check that this is the model you meant")
        } catch .unsupported {
            throw CNNCalcError(.input, "\(source): config.json is packed with a method other than stored or deflate",
                               fix: "save the model again with model.save('model.keras')")
        } catch {
            throw CNNCalcError(.input, "\(source): config.json cannot be unpacked (the archive is damaged)",
                               fix: "save the model again with model.save('model.keras')")
        }
    }
}

/// Turns a Keras model's layer list into CNNCalc layers, one per layer call.
struct KerasGraphBuilder {
    /// The layout every layer of the model uses.
    let layout: Layout
    /// The layers made so far.
    private(set) var layers: [Layer] = []
    /// The CNNCalc layer that holds each Keras output: `prefix + name`, node index → layer name.
    private var produced: [String: [Int: String]] = [:]
    /// Numbers for the open axes, by ``OpenSize/name``.
    let sizes: [String: Int]
    /// Whether an open axis without a number gets a placeholder (while listing the open axes).
    let discovering: Bool
    /// The open axes met so far, in order.
    private(set) var openSizes: [OpenSize] = []
    /// How many models enclose the one being expanded.
    private var nesting = 0
    /// The deepest nesting of models read: far beyond any real model, and well within the stack.
    static let maximumNesting = 64

    init(layout: Layout, sizes: [String: Int] = [:], discovering: Bool = false) {
        self.layout = layout
        self.sizes = sizes
        self.discovering = discovering
    }

    /// A reference to one output of a layer call: the Keras layer name, its call (node) and output.
    struct TensorReference {
        var layer: String
        var node: Int
        var tensor: Int
        var json: KerasJSON
    }

    /// The layout of the model: channels first when its layers say `data_format: channels_first`.
    static func layout(of top: KerasJSON) throws(CNNCalcError) -> Layout {
        var formats: [String: KerasJSON] = [:]
        func scan(_ json: KerasJSON) throws(CNNCalcError) {
            if let object = json.value.objectValue {
                // Flatten's data_format changes only the order of the values, not a shape.
                if let config = object["config"]?.objectValue, object["class_name"]?.stringValue != "Flatten",
                   let format = config["data_format"]?.stringValue, formats[format] == nil {
                    formats[format] = try json.field("config").field("data_format")
                }
                for (_, child) in try json.entries() { try scan(child) }
            } else if json.isArray {
                for child in try json.array() { try scan(child) }
            }
        }
        try scan(top.field("config"))
        if let first = formats["channels_first"] {
            if formats["channels_last"] != nil {
                throw first.error(.badArgument, "the model mixes channels_first and channels_last layers",
                                  fix: "CNNCalc follows one layout per model; use one data_format throughout")
            }
            return .channelsFirst
        }
        return .channelsLast
    }

    /// Adds the layers of `model` and returns the CNNCalc names of its outputs.
    ///
    /// - Parameters:
    ///   - model: the model's JSON (`class_name` and `config`).
    ///   - prefix: `""` at the top, `"outer/"` for a nested model.
    ///   - inputs: for a nested model, the layers that feed its inputs, in order.
    ///   - frozen: whether an enclosing model is frozen.
    ///   - owner: for a later call of a nested model, the prefix of its first call, whose weights it reuses.
    mutating func expand(
        model: KerasJSON, prefix: String, inputs: [String], frozen: Bool, owner: String?
    ) throws(CNNCalcError) -> [String] {
        let className = try model.field("class_name").string()
        let config = try model.field("config")
        let frozen = try Self.isFrozen(config) || frozen
        let layerList = try config.field("layers").array()
        if className == "Sequential" {
            return try expandSequential(layerList, config: config, prefix: prefix, inputs: inputs, frozen: frozen, owner: owner)
        }
        var inputNames: [String] = []
        if let list = try config.optional("input_layers") {
            for reference in try Self.references(list) { inputNames.append(reference.layer) }
        }
        var pending: [PendingCall] = []
        let names = try layerList.map { layer throws(CNNCalcError) in try Self.name(of: layer) }
        for layerJSON in layerList {
            pending += try addFunctionalLayer(layerJSON, prefix: prefix, outerInputs: inputs,
                                              inputIndex: inputNames.firstIndex(of: try Self.name(of: layerJSON)))
        }
        try addCalls(pending, names: names, prefix: prefix, frozen: frozen, owner: owner)
        var outputs: [String] = []
        for reference in try Self.references(try config.field("output_layers")) {
            outputs.append(try resolve(reference, prefix: prefix))
        }
        return outputs
    }

    private mutating func expandSequential(
        _ layerList: [KerasJSON], config: KerasJSON, prefix: String, inputs: [String], frozen: Bool, owner: String?
    ) throws(CNNCalcError) -> [String] {
        var previous: String?
        if let input = inputs.first {
            previous = input
        }
        for var layerJSON in layerList {
            let className = try layerJSON.field("class_name").string()
            let name = try Self.name(of: layerJSON)
            layerJSON.layerName = name
            let fullName = prefix + name
            if className == "InputLayer" {
                if previous == nil {
                    add(Layer(name: fullName, kind: .input(try input(layerJSON.field("config"), name: fullName)), location: layerJSON.location))
                    previous = fullName
                }
                continue
            }
            if previous == nil {
                // A Sequential model without an InputLayer names its input shape on the first
                // layer (tf.keras' batch_input_shape) or in its own build_input_shape.
                let firstConfig = try layerJSON.field("config")
                let ownShape = try Self.first(firstConfig, ["batch_input_shape", "batch_shape"])
                let builtShape = try Self.first(config, ["build_input_shape"])
                let shapeJSON = ownShape ?? builtShape
                guard let shapeJSON else {
                    throw layerJSON.error(.graph, "the Sequential model does not say its input shape",
                                          fix: "add keras.Input(shape) as its first layer, or build the model before saving it")
                }
                let inputName = prefix + "input"
                add(Layer(name: inputName, kind: .input(try input(shape: shapeJSON, name: inputName)), location: shapeJSON.location))
                previous = inputName
            }
            let outputs = try addCall(layerJSON, className: className, prefix: prefix, node: 0,
                                      inputs: [previous ?? ""], frozen: frozen, owner: owner)
            produced[fullName, default: [:]][0] = outputs
            previous = outputs
        }
        guard let previous else {
            throw config.error(.graph, "the Sequential model has no layers", fix: "give a model with at least an input and one layer")
        }
        return [previous]
    }

    /// One call of a layer, waiting for the layers it reads.
    struct PendingCall {
        var json: KerasJSON
        var className: String
        var node: Int
        var references: [TensorReference]
    }

    /// Adds an input layer at once; returns the calls of any other layer, to be added once their inputs exist.
    private mutating func addFunctionalLayer(
        _ json: KerasJSON, prefix: String, outerInputs: [String], inputIndex: Int?
    ) throws(CNNCalcError) -> [PendingCall] {
        var json = json
        let className = try json.field("class_name").string()
        let name = try Self.name(of: json)
        json.layerName = name
        let fullName = prefix + name
        if className == "InputLayer" {
            if let inputIndex, !outerInputs.isEmpty {
                guard inputIndex < outerInputs.count else {
                    throw json.error(.graph, "the nested model has more inputs than it is called with")
                }
                produced[fullName, default: [:]][0] = outerInputs[inputIndex]
            } else {
                add(Layer(name: fullName, kind: .input(try input(json.field("config"), name: fullName)), location: json.location))
                produced[fullName, default: [:]][0] = fullName
            }
            return []
        }
        let nodes = try json.optional("inbound_nodes")?.array() ?? []
        guard !nodes.isEmpty else {
            throw json.error(.graph, "the layer is never called (its inbound_nodes list is empty)",
                             fix: "remove it from the model, or call it on a tensor")
        }
        var calls: [PendingCall] = []
        for (nodeIndex, node) in nodes.enumerated() {
            calls.append(PendingCall(json: json, className: className, node: nodeIndex, references: try Self.inboundReferences(node)))
        }
        return calls
    }

    /// Adds the calls in an order where each comes after the calls it reads, as Keras does when it
    /// rebuilds a model (a shared layer may be listed before a layer that feeds its second call).
    private mutating func addCalls(
        _ calls: [PendingCall], names: [String], prefix: String, frozen: Bool, owner: String?
    ) throws(CNNCalcError) {
        var waiting = calls
        let listed = Set(try calls.map { call throws(CNNCalcError) in try Self.name(of: call.json) })
        while !waiting.isEmpty {
            var stillWaiting: [PendingCall] = []
            for call in waiting {
                let ready = call.references.allSatisfy { produced[prefix + $0.layer]?[$0.node] != nil }
                guard ready else {
                    stillWaiting.append(call)
                    continue
                }
                var sources: [String] = []
                for reference in call.references { sources.append(try resolve(reference, prefix: prefix)) }
                let output = try addCall(call.json, className: call.className, prefix: prefix, node: call.node,
                                         inputs: sources, frozen: frozen, owner: owner)
                produced[prefix + (try Self.name(of: call.json)), default: [:]][call.node] = output
            }
            if stillWaiting.count == waiting.count {
                throw try unresolved(stillWaiting, listed: listed, names: names, prefix: prefix)
            }
            waiting = stillWaiting
        }
    }

    /// The error for calls that can never be added: an input no layer produces, or layers that feed each other.
    private func unresolved(
        _ calls: [PendingCall], listed: Set<String>, names allNames: [String], prefix: String
    ) throws(CNNCalcError) -> CNNCalcError {
        for call in calls {
            for reference in call.references where produced[prefix + reference.layer] == nil && !listed.contains(reference.layer) {
                let names = allNames.filter { $0 != (try? Self.name(of: call.json)) }
                let hint = EditDistance.didYouMean(reference.layer, among: names)
                    ?? "the layers are: \(names.prefix(12).joined(separator: ", "))"
                return reference.json.error(.graph, "the input '\(reference.layer)' is not a layer of the model", fix: hint)
            }
            for reference in call.references where produced[prefix + reference.layer] != nil && produced[prefix + reference.layer]?[reference.node] == nil {
                return reference.json.error(.graph, "'\(reference.layer)' is called \(produced[prefix + reference.layer]?.count ?? 0) times, so it has no call \(reference.node)",
                                            fix: "check the node index, the second number of the reference")
            }
        }
        let names = try calls.map { call throws(CNNCalcError) in try Self.name(of: call.json) }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        return calls[0].json.error(.graph, "the layers \(unique.map { "'\($0)'" }.joined(separator: ", ")) feed each other in a cycle",
                                   fix: "a Keras model is a directed acyclic graph; check their inbound_nodes")
    }

    /// Adds one call of a layer (or of a nested model) and returns the name of its output.
    private mutating func addCall(
        _ json: KerasJSON, className: String, prefix: String, node: Int, inputs: [String], frozen: Bool, owner: String?
    ) throws(CNNCalcError) -> String {
        let name = try Self.name(of: json)
        let callName = node == 0 ? name : "\(name) (call \(node + 1))"
        let config = try json.field("config")
        // A frozen layer inside a TimeDistributed freezes the weights, which are all its own.
        let innerFrozen = className == "TimeDistributed" ? try config.optional("layer")?.optional("config").map(Self.isFrozen) ?? false : false
        let layerFrozen = try Self.isFrozen(config) || innerFrozen || frozen
        if ["Sequential", "Functional", "Model"].contains(className) {
            guard nesting < Self.maximumNesting else {
                throw json.error(.graph, "models are nested more than \(Self.maximumNesting) deep",
                                 fix: "CNNCalc follows nested models to a depth of \(Self.maximumNesting); flatten the model")
            }
            nesting += 1
            defer { nesting -= 1 }
            let innerOwner = node == 0 ? owner.map { $0 + name + "/" } : prefix + name + "/"
            let outputs = try expand(model: json, prefix: prefix + callName + "/", inputs: inputs,
                                     frozen: layerFrozen, owner: innerOwner)
            guard outputs.count == 1 else {
                throw json.error(.graph, "a nested model with \(outputs.count) outputs is not supported",
                                 fix: "CNNCalc follows nested models with one output")
            }
            return outputs[0]
        }
        if className == "Lambda" || (Self.isCustom(json) && !KerasLayerMapping.supportedClasses.contains(className)) {
            var layer = Layer(
                name: prefix + callName,
                kind: try declaredShapeLayer(json, className: className, callName: prefix + callName,
                                             inputCount: inputs.count, isCustom: className != "Lambda"),
                inputs: inputs, location: json.location)
            layer.isTrainable = !layerFrozen
            add(layer)
            return layer.name
        }
        guard KerasLayerMapping.supportedClasses.contains(className) else {
            let list = "CNNCalc reads these Keras classes: \(KerasLayerMapping.supportedClasses.joined(separator: ", "))"
            let suggestion = EditDistance.didYouMean(className, among: KerasLayerMapping.supportedClasses)
            throw try json.field("class_name").error(
                .unknownLayer, "unknown layer class '\(className)'", fix: suggestion ?? list)
        }
        var configWithName = config
        configWithName.layerName = name
        let kind = try KerasLayerMapping.kind(
            className: className, config: configWithName, inputRank: try Self.inputRank(of: json), layout: layout)
        var inputs = inputs
        if case .multiHeadAttention = kind, inputs.count == 3 {
            // Keras calls attention as (query, value, key); CNNCalc reads (query, key, value).
            inputs = [inputs[0], inputs[2], inputs[1]]
        }
        var layer = Layer(name: prefix + callName, kind: kind, inputs: inputs, location: json.location)
        layer.isTrainable = !layerFrozen
        if node > 0 {
            layer.sharesLearnablesWith = prefix + name
        } else if let owner {
            layer.sharesLearnablesWith = owner + name
        }
        add(layer)
        return layer.name
    }

    private mutating func add(_ layer: Layer) {
        layers.append(layer)
    }

    private func resolve(_ reference: TensorReference, prefix: String) throws(CNNCalcError) -> String {
        guard let calls = produced[prefix + reference.layer] else {
            throw reference.json.error(
                .graph, "the input '\(reference.layer)' is not a layer listed before this one in the model",
                fix: "list every layer after the layers it is called on; check the name")
        }
        guard let name = calls[reference.node] else {
            throw reference.json.error(.graph, "'\(reference.layer)' has no call number \(reference.node)")
        }
        guard reference.tensor == 0 else {
            throw reference.json.error(.graph, "output \(reference.tensor) of '\(reference.layer)' is used, but CNNCalc follows one output per layer")
        }
        return name
    }

    /// The references of `input_layers` or `output_layers`: `["a", 0, 0]` or `[["a", 0, 0], ...]`.
    static func references(_ json: KerasJSON) throws(CNNCalcError) -> [TensorReference] {
        let elements = try json.array()
        if let first = elements.first, first.isString {
            return [try reference(json)]
        }
        var result: [TensorReference] = []
        for element in elements { result.append(try reference(element)) }
        return result
    }

    /// One `["name", node, tensor]` (tf.keras adds a fourth element, the call's keyword arguments).
    static func reference(_ json: KerasJSON) throws(CNNCalcError) -> TensorReference {
        let parts = try json.array()
        guard parts.count >= 3 else {
            throw json.error(.syntax, "expected a reference [\"layer\", node, tensor], found a list of \(parts.count)")
        }
        return TensorReference(layer: try parts[0].string(), node: try parts[1].int(), tensor: try parts[2].int(), json: json)
    }

    /// The keyword arguments of a call that are inputs, in the order of MultiHeadAttention's
    /// `call(query, value, key)`; masks and flags are not inputs.
    static let tensorKeywords = ["inputs", "query", "value", "key"]

    /// The tensors one call of a layer reads, in order: positional arguments first, then keyword ones.
    static func inboundReferences(_ node: KerasJSON) throws(CNNCalcError) -> [TensorReference] {
        if node.isObject {
            // Keras 3: {"args": [...], "kwargs": {...}} holding __keras_tensor__ objects.
            var result: [TensorReference] = []
            if let args = try node.optional("args") { try collectTensors(args, into: &result) }
            if let kwargs = try node.optional("kwargs") {
                for key in tensorKeywords {
                    if let value = try kwargs.optional(key) { try collectTensors(value, into: &result) }
                }
            }
            return result
        }
        // tf.keras 2.x: [["name", node, tensor, {kwargs}], ...].
        var result: [TensorReference] = []
        for element in try node.array() {
            result.append(try reference(element))
            let parts = try element.array()
            if parts.count >= 4, parts[3].isObject {
                for key in tensorKeywords {
                    if let value = try parts[3].optional(key), let list = value.value.arrayValue, list.count >= 3, list[0].stringValue != nil {
                        result.append(try reference(value))
                    }
                }
            }
        }
        return result
    }

    private static func collectTensors(_ json: KerasJSON, into result: inout [TensorReference]) throws(CNNCalcError) {
        if json.isArray {
            for element in try json.array() { try collectTensors(element, into: &result) }
        } else if json.isObject {
            if try json.optional("class_name")?.string() == "__keras_tensor__" {
                result.append(try reference(json.field("config").field("keras_history")))
            }
        }
    }

    /// The rank, batch axis included, of a layer's first input as its `build_config` records it.
    static func inputRank(of layer: KerasJSON) throws(CNNCalcError) -> Int? {
        guard let shape = try layer.optional("build_config")?.optional("input_shape"),
              let dimensions = shape.value.arrayValue else { return nil }
        if let first = dimensions.first?.arrayValue { return first.count }
        return dimensions.count
    }

    /// Whether a layer's config says `trainable: false`.
    static func isFrozen(_ config: KerasJSON) throws(CNNCalcError) -> Bool {
        try config.optional("trainable")?.bool() == false
    }

    /// The value of the first of `keys` present in `json`.
    static func first(_ json: KerasJSON, _ keys: [String]) throws(CNNCalcError) -> KerasJSON? {
        for key in keys {
            if let value = try json.optional(key) { return value }
        }
        return nil
    }

    static func name(of layer: KerasJSON) throws(CNNCalcError) -> String {
        if let name = try layer.optional("name") { return try name.string() }
        return try layer.field("config").field("name").string()
    }

    private mutating func input(_ config: KerasJSON, name: String) throws(CNNCalcError) -> Input {
        guard let shape = try Self.first(config, ["batch_shape", "batch_input_shape"]) else {
            throw try config.field("batch_shape").error(.syntax, "the input has no shape")
        }
        return try input(shape: shape, name: name)
    }

    /// An input from a Keras shape with its batch axis, `[null, 28, 28, 1]`; an axis of open size
    /// (`null` after the batch) is the open size `name:axis`.
    private mutating func input(shape json: KerasJSON, name: String) throws(CNNCalcError) -> Input {
        let elements = try json.array()
        guard elements.count >= 2 else {
            throw json.error(.badArgument, "expected the batch axis and at least one more, found \(elements.count) axes")
        }
        var sizes: [Int] = []
        for (axis, element) in elements.enumerated().dropFirst() {
            sizes.append(try size(element, name: "\(name):\(axis)", origin: "axis \(axis) of the input '\(name)'"))
        }
        return Input(try shape(sizes, at: json, what: "an input"), layout: layout)
    }

    /// A Keras size: a positive number, or for `null` the number given to the open size `name`.
    private mutating func size(_ element: KerasJSON, name: String, origin: String) throws(CNNCalcError) -> Int {
        guard element.isNull else { return try element.positiveInt() }
        if !openSizes.contains(where: { $0.name == name }) {
            openSizes.append(OpenSize(name: name, placeholder: "None", origin: origin))
        }
        if let size = sizes[name] { return size }
        guard discovering else {
            throw element.error(.badArgument, "\(origin) has no size (None)",
                                fix: "analyse the model alone, which keeps the size open, or give it a number: cnncalc --dim \(name)=50")
        }
        return 1
    }

    /// The shape of Keras sizes without the batch: a vector, a sequence, or a feature map in the model's layout.
    private func shape(_ sizes: [Int], at json: KerasJSON, what: String) throws(CNNCalcError) -> TensorShape {
        switch sizes.count {
        case 1: return .vector(features: sizes[0])
        case 2 where layout == .channelsLast: return .sequence(steps: sizes[0], features: sizes[1])
        case 2: return .featureMap(spatial: [sizes[1]], channels: sizes[0])
        case 3, 4:
            if layout == .channelsFirst {
                return .featureMap(spatial: try SpatialSizes(sizes.dropFirst()), channels: sizes[0])
            }
            return .featureMap(spatial: try SpatialSizes(sizes.dropLast()), channels: sizes[sizes.count - 1])
        default:
            throw json.error(.badArgument, "\(what) of \(sizes.count) axes is not supported", fix: "CNNCalc reads shapes of 1 to 4 axes besides the batch")
        }
    }

    /// A `Lambda` or custom layer kept as an opaque layer with the `output_shape` its config
    /// declares (without the batch; `null` axes are open sizes `name:axis`). Its cost is unknown; a
    /// `Lambda` holds no weights, while a custom layer's weights are not in the config, which the
    /// report then warns about.
    mutating func declaredShapeLayer(
        _ json: KerasJSON, className: String, callName: String, inputCount: Int, isCustom: Bool
    ) throws(CNNCalcError) -> LayerKind {
        let config = try json.field("config")
        let what = isCustom ? "this is a custom layer (class \(className)) that" : "this Lambda layer"
        let remedy = isCustom
            ? "replace it with built-in layers, or have its get_config() return its output_shape (its weights are then not counted)"
            : "give it its shape, Lambda(function, output_shape=(...)), or replace it with built-in layers"
        guard let shapeJSON = try config.optional("output_shape") else {
            throw json.error(.unknownLayer, "\(what) does not declare its output_shape, and CNNCalc does not run Python code", fix: remedy)
        }
        let isFunction = try config.optional("output_shape_type")?.string() == "function"
        guard !isFunction, let elements = shapeJSON.value.arrayValue, !elements.contains(where: { $0.arrayValue != nil }) else {
            throw shapeJSON.error(.badArgument, "\(what) computes its output_shape with a function, which CNNCalc does not run",
                                  fix: "give the shape as a tuple, output_shape=(...), without the batch axis")
        }
        var sizes: [Int] = []
        for (index, element) in try shapeJSON.array().enumerated() {
            sizes.append(try size(element, name: "\(callName):\(index + 1)",
                                  origin: "axis \(index + 1) of the output_shape of '\(callName)'"))
        }
        var layer = OpaqueOperator(
            operatorName: className, inputCount: inputCount,
            declaredOutputShape: try shape(sizes, at: shapeJSON, what: "an output_shape"))
        layer.learnablesAreKnown = !isCustom
        return .opaque(layer)
    }

    /// Whether a layer's class comes from the user's code rather than Keras: its `module` is not a
    /// Keras module (`null` or `__main__` for a registered or unregistered custom class).
    static func isCustom(_ layer: KerasJSON) -> Bool {
        guard let object = layer.value.objectValue, let module = object["module"] else { return false }
        guard let name = module.stringValue else { return true }
        return !(name.hasPrefix("keras") || name.hasPrefix("tf_keras"))
    }
}
