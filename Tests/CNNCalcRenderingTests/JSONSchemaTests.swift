import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `Schemas/report.schema.json` against what `--format json` writes, for networks from every reader.
@Suite struct JSONSchemaTests {
    static let schemaURL = Fixtures.repositoryRoot.appendingPathComponent("Schemas/report.schema.json")

    static let schema: JSONValue = {
        do {
            return try JSONValue.parse(String(contentsOf: schemaURL, encoding: .utf8))
        } catch {
            preconditionFailure("cannot read \(schemaURL.path): \(error)")
        }
    }()

    /// The networks whose JSON is checked: the built-in example, a residual net, ONNX and Keras
    /// fixtures, a torchvision model, and reports with groups, a batch, another type and a frozen layer.
    static let reports: [(name: String, json: String)] = {
        do {
            var reports: [(String, String)] = [
                ("example", JSONRenderer().render(RenderingTests.example)),
                ("residual", JSONRenderer().render(RenderingTests.residual)),
                ("residual_bn.onnx depth 2", JSONRenderer(options: RenderOptions(depth: 2)).render(RenderingTests.residualONNX)),
            ]
            for name in ["residual_bn", "assorted", "lstm", "transformer", "tied"] {
                let model = try ONNXReader.model(atPath: Fixtures.directory.appendingPathComponent("onnx/\(name).onnx").path)
                let report = try Analyzer(options: AnalysisOptions(convention: .pytorch, batchSize: 4)).analyze(model.network)
                reports.append(("\(name).onnx", JSONRenderer(options: RenderOptions(dataType: .fp16, optimizer: .sgd)).render(report)))
            }
            for name in ["residual_net", "frozen_layer", "siamese", "cross_attention"] {
                let url = Fixtures.directory.appendingPathComponent("keras/\(name).keras")
                let network = try KerasReader.network(from: Data(contentsOf: url), source: url.lastPathComponent)
                reports.append(("\(name).keras", JSONRenderer().render(try Analyzer().analyze(network))))
            }
            // Models with open sizes: nulls in shapes, expressions beside the counts.
            for file in ["keras/open_sequence.keras", "keras/open_image.json", "keras/causal_stack.keras", "keras/tf_keras/tfk_open_causal.json"] {
                let report = try OpenSizeRenderingTests.report(file)
                reports.append(("\(file) (open)", JSONRenderer().render(report)))
                reports.append(("\(file) (open, depth 1)", JSONRenderer(options: RenderOptions(depth: 1)).render(report)))
            }
            let resnet = try String(contentsOf: Fixtures.directory.appendingPathComponent("torchvision/resnet50.cnn"), encoding: .utf8)
            let network = try CNNTextReader.network(from: resnet, source: "resnet50.cnn")
            reports.append(("resnet50.cnn", JSONRenderer().render(try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(network))))
            return reports
        } catch {
            preconditionFailure("a network of the schema tests does not analyse: \(error)")
        }
    }()

    /// The residual network's JSON (the example's is `RenderingTests.exampleJSON`).
    @Test func residualJSONGolden() {
        expectGolden(JSONRenderer().render(RenderingTests.residual), named: "residual.json")
    }

    @Test func theSchemaUsesOnlyWhatTheValidatorChecks() throws {
        _ = try JSONSchemaValidator(schema: Self.schema)
    }

    @Test(arguments: reports.map(\.name))
    func everyReportMatchesTheSchema(_ name: String) throws {
        let validator = try JSONSchemaValidator(schema: Self.schema)
        let json = try JSONValue.parse(Self.reports.first { $0.name == name }!.json)
        let errors = validator.errors(in: json)
        #expect(errors.isEmpty, "\(name): \(errors.prefix(10).joined(separator: "\n"))")
    }

    /// Every object in the schema forbids fields it does not list, so a field the renderer adds
    /// without describing it fails ``everyReportMatchesTheSchema``.
    @Test func everyObjectOfTheSchemaIsClosed() throws {
        func objects(_ node: JSONValue, path: String) -> [(String, JSONValue)] {
            guard let members = node.objectValue else { return [] }
            var found: [(String, JSONValue)] = members["type"]?.stringValue == "object" ? [(path, node)] : []
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                if let children = value.objectValue {
                    if key == "properties" || key == "$defs" {
                        for (name, child) in children.sorted(by: { $0.key < $1.key }) { found += objects(child, path: "\(path)/\(key)/\(name)") }
                    } else {
                        found += objects(value, path: "\(path)/\(key)")
                    }
                }
            }
            return found
        }
        let found = objects(Self.schema, path: "#")
        #expect(found.count == 10)
        for (path, object) in found {
            #expect(object["additionalProperties"] == .bool(false), "\(path) does not forbid other fields")
            let properties = Set(object["properties"]?.objectValue?.keys.map { $0 } ?? [])
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(required.isSubset(of: properties), "\(path) requires fields it does not describe")
        }
    }

    /// The schema describes the JSON exactly: over the reports above, every object at a place in
    /// the document has, between them, every field the schema lists there and no other.
    @Test func theSchemaListsExactlyTheFieldsTheReportsUse() throws {
        var seen: [String: Set<String>] = [:]
        func collect(_ value: JSONValue, path: String) {
            switch value {
            case .object(let members):
                seen[path, default: []].formUnion(members.keys)
                for (key, member) in members { collect(member, path: path + "." + key) }
            case .array(let elements):
                for element in elements { collect(element, path: path + "[]") }
            default:
                break
            }
        }
        for report in Self.reports { collect(try JSONValue.parse(report.json), path: "$") }
        #expect(seen.count == 10, "places with objects: \(seen.keys.sorted())")
        for (path, keys) in seen.sorted(by: { $0.key < $1.key }) {
            let node = try #require(schemaNode(at: path), "the schema has nothing at \(path)")
            let listed = Set(node["properties"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(keys == listed, "\(path): emitted but not described \(keys.subtracting(listed).sorted()), described but never emitted \(listed.subtracting(keys).sorted())")
        }
    }

    /// The schema's node for a path such as `$.layers[].derivation`, following `$ref`s.
    private func schemaNode(at path: String) -> JSONValue? {
        func resolved(_ node: JSONValue?) -> JSONValue? {
            guard let node, let reference = node["$ref"]?.stringValue else { return node }
            return resolved(Self.schema["$defs"]?[String(reference.dropFirst("#/$defs/".count))])
        }
        var node: JSONValue? = Self.schema
        for part in path.dropFirst(2).split(separator: ".") {
            var name = String(part)
            var arrays = 0
            while name.hasSuffix("[]") {
                name.removeLast(2)
                arrays += 1
            }
            node = resolved(resolved(node)?["properties"]?[name])
            for _ in 0..<arrays { node = resolved(node?["items"]) }
        }
        return resolved(node)
    }

    @Test func theSchemasEnumerationsAreTheLibrarysValues() throws {
        let properties = try #require(Self.schema["properties"])
        func values(_ node: JSONValue?) -> Set<String> { Set(node?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []) }
        #expect(values(properties["layout"]) == Set(Layout.allCases.map(\.rawValue)))
        #expect(values(properties["convention"]) == Set(Convention.allCases.map(\.rawValue)))
        #expect(values(properties["dataType"]) == Set(DataType.allCases.map(\.rawValue)))
        let definitions = try #require(Self.schema["$defs"])
        #expect(values(definitions["memory"]?["properties"]?["optimizer"]) == Set(Optimizer.allCases.map(\.rawValue)))
        #expect(values(definitions["learnable"]?["properties"]?["role"]) == Set(Learnable.Role.allCases.map(\.rawValue)))
        #expect(properties["schemaVersion"]?["const"] == .integer(ReportSchema(RenderingTests.example, layout: .channelsFirst).schemaVersion))
    }

    @Test func theValidatorRejectsAnUndescribedFieldAWrongTypeAndAMissingField() throws {
        let validator = try JSONSchemaValidator(schema: Self.schema)
        var text = JSONRenderer().render(RenderingTests.example)
        text = text.replacingOccurrences(of: "\"batchSize\" : 1,", with: "\"batchSize\" : 1, \"colour\" : \"red\",")
        text = text.replacingOccurrences(of: "\"outputShape\" : [\n        1,", with: "\"outputShape\" : [\n        \"1\",")
        text = text.replacingOccurrences(of: "\"uncostedLayers\" : [\n\n    ]", with: "\"uncostedLayer\" : [\n\n    ]")
        let errors = validator.errors(in: try JSONValue.parse(text))
        #expect(errors.contains("$.colour: a field the schema does not describe"))
        #expect(errors.contains("$.layers[0].outputShape[0]: expected integer or null, found \"1\""))
        #expect(errors.contains("$.totals: the required field uncostedLayers is missing"))
        #expect(errors.contains("$.totals.uncostedLayer: a field the schema does not describe"))
        #expect(errors.count == 4, "\(errors)")
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try JSONSchemaValidator(schema: try JSONValue.parse(#"{"type": "object", "patternProperties": {}}"#))
        }
    }

    @Test func layerWeightBytesSumToTheWeightMemory() throws {
        for report in Self.reports {
            let json = try JSONValue.parse(report.json)
            let layers = try #require(json["layers"]?.arrayValue)
            let sum = layers.compactMap { $0["weightBytes"]?.intValue }.reduce(0, +)
            #expect(layers.allSatisfy { $0["weightBytes"] != nil })
            #expect(sum == json["memory"]?["weightBytes"]?.intValue, "\(report.name)")
        }
    }

    @Test func theNetworksReceptiveFieldIsTheWidestLayerField() throws {
        let json = try JSONValue.parse(JSONRenderer().render(RenderingTests.example))
        let field = try #require(json["totals"]?["receptiveField"])
        #expect(field["layer"] == .string("maxpool2"))
        #expect(field["size"] == .array([.integer(12), .integer(12)]))
        #expect(field["jump"] == .array([.integer(4), .integer(4)]))
        let layers = try #require(json["layers"]?.arrayValue)
        #expect(layers[1]["derivation"]?["receptiveField"] == .string("5x5 (jump 1x1, start 2x2)"))
        // A network of vectors has no local field, and the JSON leaves the entry out.
        let vectors = try Analyzer().analyze(try CNNTextReader.network(from: "input 784; dense 10", source: "-e"))
        #expect(try JSONValue.parse(JSONRenderer().render(vectors))["totals"]?["receptiveField"] == nil)
    }
}
