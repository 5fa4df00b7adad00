import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Keras models with axes of open size (`None`): the open sizes they declare, and that every
/// count written in them is the count an analysis with real sizes gives. (The shapes with `None`
/// are compared with `model.summary()` in ``KerasFixtureTests``.)
@Suite struct KerasOpenSizeTests {
    static func model(_ file: String) throws -> KerasModel {
        try KerasReader.model(from: try Data(contentsOf: Fixtures.directory.appendingPathComponent(file)), source: file)
    }

    static func report(_ model: KerasModel, bindings: [String: Int] = [:]) throws -> NetworkReport {
        try OpenSizeAnalysis.report(openSizes: model.openSizes, bindings: bindings) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }
    }

    @Test(arguments: [
        ("keras/open_sequence.keras", ["tokens:1"]),
        ("keras/open_image.json", ["image:1", "image:2"]),
        ("keras/causal_stack.keras", ["signal:1"]),
        ("keras/tf_keras/tfk_open_sequence.json", ["embedding_input:1"]),
        // The Lambda's output_shape (None, 6) opens a size of its own.
        ("keras/tf_keras/tfk_open_causal.json", ["signal:1", "double:1"]),
        ("keras/plain_cnn.keras", []),
    ])
    func openSizesAreNamedByInputAndAxis(file: String, names: [String]) throws {
        let model = try Self.model(file)
        #expect(model.openSizes.map(\.name) == names)
        #expect(model.openSizes.allSatisfy { $0.placeholder == "None" })
    }

    static let openFixtures = [
        "keras/open_sequence.keras", "keras/open_image.json", "keras/causal_stack.keras",
        "keras/tf_keras/tfk_open_sequence.json", "keras/tf_keras/tfk_open_causal.json",
    ]

    /// Every exact count of the open report, at the sizes `sizes`, is the count of the report
    /// made with those sizes: for every layer's output sizes, MACs and FLOPs, and the totals.
    @Test(arguments: openFixtures)
    func exactCountsEqualTheCountsAtRealSizes(file: String) throws {
        let model = try Self.model(file)
        let open = try #require(try Self.report(model).openSizes)
        var exactDependent = 0
        for base in [7, 32, 101] {
            let sizes = Dictionary(uniqueKeysWithValues: model.openSizes.enumerated().map { ($1.name, base + 2 * $0) })
            let numeric = try Self.report(model, bindings: sizes)
            #expect(numeric.openSizes == nil)
            for (index, layer) in numeric.layers.enumerated() {
                let checks: [(OpenValue?, Int?)] = open.outputShape(ofLayer: index).sizes.enumerated().map {
                    ($1, layer.outputShape.dimensions(in: .channelsLast)[$0])
                } + [(open.macs(ofLayer: index), layer.cost?.macs), (open.flops(ofLayer: index), layer.cost?.flops)]
                for (value, expected) in checks {
                    guard case .exact(let polynomial)? = value else { continue }
                    #expect(polynomial.value(for: sizes) == expected, "\(layer.name) at \(sizes)")
                    if polynomial.constant == nil { exactDependent += 1 }
                }
            }
            if open.unknownCostLayers.isEmpty, case .exact(let macs) = open.exactCost.macs {
                #expect(macs.value(for: sizes) == numeric.totals.cost.macs)
            }
            #expect(numeric.totals.parameters == (try Self.report(model)).totals.parameters)
        }
        // Not vacuous: every fixture has counts written in its open sizes.
        #expect(exactDependent > 0)
    }

    @Test func lstmCostIsLinearInTheLength() throws {
        let report = try Self.report(try Self.model("keras/open_sequence.keras"))
        let open = try #require(report.openSizes)
        // The first LSTM: every step does 4*64*(128+64) MACs.
        #expect(open.countText(try #require(open.macs(ofLayer: 2))) == "49,152·tokens:1")
        #expect(open.shapeText(open.outputShape(ofLayer: 2), layout: .channelsLast) == "None x 64")
        #expect(open.unknownCostLayers.isEmpty)
        #expect(open.countText(open.exactCost.macs) == "61,440·tokens:1 + 32")
    }

    static func json(input shape: String, _ layers: String) -> Data {
        Data("""
            {"class_name": "Functional", "config": {"name": "m", "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]],
             "layers": [{"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_shape": \(shape)}, "inbound_nodes": []},
             \(layers)]}}
            """.utf8)
    }

    static func layer(_ name: String, _ className: String, _ config: String, from source: String, module: String = "\"keras.layers\"") -> String {
        """
        {"module": \(module), "class_name": "\(className)", "name": "\(name)", "config": {"name": "\(name)"\(config.isEmpty ? "" : ", " + config)},
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["\(source)", 0, 0]}}], "kwargs": {}}]}
        """
    }

    @Test func denseAfterFlattenOfAnOpenAxisAsksForItsSize() throws {
        let model = try KerasReader.model(
            from: Self.json(input: "[null, null, 4]", Self.layer("f", "Flatten", "", from: "x") + ", " + Self.layer("d", "Dense", #""units": 3"#, from: "f")),
            source: "m.json")
        let error = #expect(throws: CNNCalcError.self) { try Self.report(model) }
        #expect(error?.description == "m.json: config.layers[2]: d: its weights depend on the open size x:1 (241,923 and 483,843 values with the stand-ins x:1=20160 and 40320), as a Dense layer after a Flatten of an open axis does; give it a number, e.g. --dim x:1=N, or pool the axis away before the layer")
        // With a size it is an ordinary model: (50*4+1)*3.
        #expect(try Self.report(model, bindings: ["x:1": 50]).totals.parameters == 603)
    }

    @Test func customLayerWithAnOutputShapeIsKeptAndWarnedAbout() throws {
        let model = try KerasReader.model(
            from: Self.json(input: "[null, 5, 3]", Self.layer("s", "Scale", #""output_shape": [5, 3]"#, from: "x", module: "null")
                            + ", " + Self.layer("d", "Dense", #""units": 2"#, from: "s")),
            source: "m.json")
        let report = try Self.report(model)
        let custom = try #require(report.layers.first { $0.name == "s" })
        #expect(custom.outputShape == .sequence(steps: 5, features: 3))
        #expect(custom.cost == nil)
        #expect(custom.warnings.map(\.description) == [
            "Scale is a custom layer whose weights the model file does not list; any it has are not counted in the parameters",
        ])
    }
}
