import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What Lasagne 0.1 and nolearn 0.6.1 reported for the snippets in `Tests/Fixtures/lasagne`
/// (`expected.json`, written by `Scripts/generate_lasagne_fixtures.py`).
struct LasagneExpectations: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var name: String
        var `class`: String
        var outputShape: [Int]
        var parameters: Int
        var trainable: Int
        var tensorShapes: [[Int]]
    }

    struct Network: Decodable, Sendable {
        var layers: [Row]
        var totalParameters: Int
        var trainableParameters: Int
        var nolearnGreeting: String
        var nolearnTable: String
    }

    var networks: [String: Network]

    static let all = Fixtures.decode(LasagneExpectations.self, from: "lasagne/expected.json")
}

/// One snippet and what Lasagne says about it.
struct LasagneFixture: Sendable, CustomTestStringConvertible {
    var file: String
    var expected: LasagneExpectations.Network
    var testDescription: String { file }

    static let all = LasagneExpectations.all.networks.keys.sorted().map {
        LasagneFixture(file: $0, expected: LasagneExpectations.all.networks[$0]!)
    }

    func report() throws -> NetworkReport {
        let text = try String(contentsOf: Fixtures.directory.appendingPathComponent("lasagne/\(file)"), encoding: .utf8)
        let network = try LasagneReader.network(from: text, source: file)
        return try Analyzer(options: AnalysisOptions(convention: .lasagne)).analyze(network)
    }
}

/// CNNCalc's report of every snippet equals what the real Lasagne and nolearn report.
@Suite struct LasagneFixtureTests {
    @Test(arguments: LasagneFixture.all)
    func everyLayerMatchesLasagne(_ fixture: LasagneFixture) throws {
        let report = try fixture.report()
        #expect(report.layers.map(\.name) == fixture.expected.layers.map(\.name))
        for (row, expected) in zip(report.layers, fixture.expected.layers) {
            #expect(row.outputShape.dimensions(in: .channelsFirst) == expected.outputShape, "\(row.name) shape")
            #expect(row.parameterCount == expected.parameters, "\(row.name) parameters")
            #expect(row.trainableCount == expected.trainable, "\(row.name) trainable")
            let shapes = row.learnables.map(\.shape).sorted { $0.lexicographicallyPrecedes($1) }
            let expectedShapes = expected.tensorShapes.sorted { $0.lexicographicallyPrecedes($1) }
            if expected.class == "NINLayer" || expected.class == "RecurrentLayer" {
                // NIN's W is (channels, units) in Lasagne, a 1x1 kernel here; the plain recurrent
                // layer's two W are kept by Lasagne as one name: the counts are compared instead.
                #expect(Self.elements(shapes) == Self.elements(expectedShapes), "\(row.name) tensor sizes")
            } else {
                #expect(shapes == expectedShapes, "\(row.name) tensors")
            }
        }
        #expect(report.totals.parameters == fixture.expected.totalParameters)
        #expect(report.totals.trainable == fixture.expected.trainableParameters)
    }

    private static func elements(_ shapes: [[Int]]) -> Int {
        var total = 0
        for shape in shapes { total += shape.reduce(1, *) }
        return total
    }

    @Test(arguments: LasagneFixture.all)
    func nolearnStyleEqualsNolearnsOwnTable(_ fixture: LasagneFixture) throws {
        let rendered = NolearnRenderer().render(try fixture.report())
        let expected = fixture.expected.nolearnGreeting + "\n## Layer information\n\n" + fixture.expected.nolearnTable + "\n\n"
        #expect(rendered == expected)
    }

    @Test func theSeedNetworkIsTheBuiltInExample() throws {
        let nolearn = try LasagneFixture.all.first { $0.file == "nolearn_mnist.py" }!.report()
        let builtIn = try Analyzer(options: AnalysisOptions(convention: .lasagne))
            .analyze(try CNNTextReader.network(from: BuiltInExample.text, source: BuiltInExample.sourceName))
        #expect(nolearn.layers.map(\.outputShape) == builtIn.layers.map(\.outputShape))
        #expect(nolearn.layers.map(\.parameterCount) == builtIn.layers.map(\.parameterCount))
        #expect(nolearn.totals.parameters == 217_706)
    }
}
