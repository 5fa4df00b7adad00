import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What `model.summary()` reported for one fixture model (`Tests/Fixtures/keras/expected.json`,
/// and `applications/expected.json`, written by `Scripts/generate_keras_fixtures.py` with Keras 3.15.1, and `tf_keras/expected.json`,
/// written by `Scripts/generate_tf_keras_fixtures.py` with tf_keras 2.21.0).
struct KerasSummary: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var name: String
        var `class`: String
        /// The output shape without the batch axis (`nil` for an axis Keras shows as `None`), or
        /// `nil` where Keras shows "multiple".
        var outputShape: [Int?]?
        var parameters: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            `class` = try container.decode(String.self, forKey: .class)
            parameters = try container.decode(Int.self, forKey: .parameters)
            outputShape = try? container.decode([Int?].self, forKey: .outputShape)
        }

        enum CodingKeys: String, CodingKey { case name, `class`, outputShape, parameters }
    }

    var layers: [Row]
    var total: Int
    var trainable: Int
    var nonTrainable: Int
}

struct KerasExpectations: Decodable, Sendable {
    var models: [String: KerasSummary]
}

/// One fixture file and what Keras says about it.
struct KerasFixture: Sendable, CustomTestStringConvertible {
    var file: String
    var summary: KerasSummary
    var testDescription: String { file }

    static let keras3 = Fixtures.decode(KerasExpectations.self, from: "keras/expected.json")
    static let tfKeras = Fixtures.decode(KerasExpectations.self, from: "keras/tf_keras/expected.json")
    static let applications = Fixtures.decode(KerasExpectations.self, from: "keras/applications/expected.json")

    static let all: [KerasFixture] =
        keras3.models.keys.sorted().flatMap { name in
            ["json", "keras"].map { KerasFixture(file: "keras/\(name).\($0)", summary: keras3.models[name]!) }
        }
        + tfKeras.models.keys.sorted().map { KerasFixture(file: "keras/tf_keras/\($0).json", summary: tfKeras.models[$0]!) }
        + applications.models.keys.sorted().map {
            KerasFixture(file: "keras/applications/\($0).keras", summary: applications.models[$0]!)
        }
}

/// CNNCalc's report of every fixture model equals Keras' own `model.summary()`.
@Suite struct KerasFixtureTests {
    /// The report of a fixture, its open sizes (`None` axes) kept open.
    static func report(_ fixture: KerasFixture) throws -> NetworkReport {
        let url = Fixtures.directory.appendingPathComponent(fixture.file)
        let model = try KerasReader.model(from: try Data(contentsOf: url), source: fixture.file)
        return try OpenSizeAnalysis.report(openSizes: model.openSizes, options: AnalysisOptions(convention: .keras)) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }
    }

    /// Layer `name`'s output shape as Keras writes it: `nil` for an axis that depends on an open size (`None`).
    static func shape(_ report: NetworkReport, _ name: String) -> [Int?]? {
        guard let index = report.layers.firstIndex(where: { $0.name == name }) else { return nil }
        guard let open = report.openSizes else { return report.layers[index].outputShape.dimensions(in: report.inputLayout) }
        return open.outputShape(ofLayer: index).sizes(in: report.inputLayout).map(\.fixed)
    }

    @Test(arguments: KerasFixture.all)
    func totalsEqualKerasSummary(_ fixture: KerasFixture) throws {
        let report = try Self.report(fixture)
        #expect(report.totals.parameters == fixture.summary.total)
        #expect(report.totals.trainable == fixture.summary.trainable)
        #expect(report.totals.nonTrainable == fixture.summary.nonTrainable)
    }

    @Test(arguments: KerasFixture.all)
    func everyLayerEqualsKerasSummary(_ fixture: KerasFixture) throws {
        let report = try Self.report(fixture)
        let rows = Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
        var matched: Set<String> = []
        for expected in fixture.summary.layers {
            if ["Sequential", "Functional"].contains(expected.class) {
                // A nested model is expanded into its layers, `outer/inner`; their counts add up to its row.
                let inner = report.layers.filter { $0.name.hasPrefix(expected.name + "/") }
                #expect(!inner.isEmpty, "\(expected.name) is not expanded")
                #expect(inner.map(\.parameterCount).reduce(0, +) == expected.parameters, "\(expected.name)")
                if let shape = expected.outputShape, let last = inner.last {
                    #expect(Self.shape(report, last.name) == shape, "\(expected.name)")
                }
                matched.formUnion(inner.map(\.name))
                // A nested model called again has a copy of its layers per call, reusing the first call's weights.
                let calls = report.layers.filter { $0.name.hasPrefix(expected.name + " (call ") }
                #expect(calls.allSatisfy { $0.parameterCount == 0 && $0.layer.sharesLearnablesWith != nil })
                #expect(calls.isEmpty == (expected.outputShape != nil), "\(expected.name): one row set per call")
                matched.formUnion(calls.map(\.name))
                continue
            }
            guard let row = rows[expected.name] else {
                Issue.record("no row named \(expected.name)")
                continue
            }
            matched.insert(row.name)
            #expect(row.parameterCount == expected.parameters, "\(expected.name)")
            if let shape = expected.outputShape {
                #expect(Self.shape(report, row.name) == shape, "\(expected.name)")
            } else {
                // Keras shows "multiple" for a layer called more than once: CNNCalc has a row per call,
                // and only the first counts the weights.
                let calls = report.layers.filter { $0.name.hasPrefix(expected.name + " (call ") }
                #expect(!calls.isEmpty, "\(expected.name) is shared but has one row")
                #expect(calls.allSatisfy { $0.parameterCount == 0 && $0.layer.sharesLearnablesWith == expected.name })
                matched.formUnion(calls.map(\.name))
            }
        }
        // Keras leaves a Sequential model's input out of model.layers; every other row is matched.
        let unmatched = report.layers.filter { !matched.contains($0.name) }
        #expect(unmatched.allSatisfy { if case .input = $0.layer.kind { true } else { false } },
                "rows Keras does not show: \(unmatched.map(\.name))")
    }

    @Test func archiveAndJSONGiveTheSameNetwork() throws {
        for name in KerasFixture.keras3.models.keys.sorted() {
            let json = try Data(contentsOf: Fixtures.directory.appendingPathComponent("keras/\(name).json"))
            let archive = try Data(contentsOf: Fixtures.directory.appendingPathComponent("keras/\(name).keras"))
            let fromJSON = try KerasReader.model(from: json, source: "m").network(sizes: ["tokens:1": 7, "image:1": 8, "image:2": 9, "signal:1": 10])
            let fromArchive = try KerasReader.model(from: archive, source: "m").network(sizes: ["tokens:1": 7, "image:1": 8, "image:2": 9, "signal:1": 10])
            #expect(fromJSON.layers.map(\.name) == fromArchive.layers.map(\.name), "\(name)")
            #expect(fromJSON.layers.map(\.kind) == fromArchive.layers.map(\.kind), "\(name)")
        }
    }

    @Test func frozenLayerCountsAsNonTrainable() throws {
        let fixture = try #require(KerasFixture.all.first { $0.file == "keras/frozen_layer.json" })
        let report = try Self.report(fixture)
        let frozen = try #require(report.layers.first { $0.name == "frozen_dense" })
        // (64 + 1) * 32 = 2,080 weights, none trainable.
        #expect(frozen.layer.isTrainable == false)
        #expect(frozen.trainableCount == 0)
        #expect(frozen.nonTrainableCount == 2_080)
    }

    @Test func channelsFirstModelKeepsItsLayout() throws {
        let fixture = try #require(KerasFixture.all.first { $0.file == "keras/frozen_layer.json" })
        let report = try Self.report(fixture)
        #expect(report.inputLayout == .channelsFirst)
        let conv = try #require(report.layers.first { $0.name == "conv_cf" })
        #expect(conv.outputShape == .featureMap(spatial: [8, 8], channels: 4))
    }

    @Test func nestedModelCalledTwiceSharesItsWeights() throws {
        let fixture = try #require(KerasFixture.all.first { $0.file == "keras/siamese.keras" })
        let report = try Self.report(fixture)
        let second = try #require(report.layers.first { $0.name == "encoder (call 2)/conv" })
        #expect(second.layer.sharesLearnablesWith == "encoder/conv")
        #expect(second.inputNames == ["right"])
        // The frozen conv inside the encoder: (3*3*1 + 1) * 4 = 40 non-trainable, counted once.
        #expect(report.totals.nonTrainable == 40)
    }

    @Test func nestedModelLayersArePrefixed() throws {
        let fixture = try #require(KerasFixture.all.first { $0.file == "keras/nested_model.keras" })
        let report = try Self.report(fixture)
        #expect(report.layers.map(\.name) == [
            "features", "block/conv2d_3", "block/batch_normalization", "block/re_lu", "flatten", "out",
        ])
        #expect(report.layers[1].inputNames == ["features"])
    }
}
