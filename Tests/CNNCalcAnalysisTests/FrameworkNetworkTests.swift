import CNNCalc
import CNNCalcTestSupport
import Testing

/// Whole networks run in PyTorch and Keras by `Scripts/generate_network_fixtures.py`
/// (`Tests/Fixtures/networks.json`), compared layer by layer.
struct FrameworkNetwork: Decodable, Sendable, CustomTestStringConvertible {
    struct PyTorchRow: Decodable, Sendable { var outputShape: [Int]; var parameters: Int; var buffers: Int }
    struct KerasRow: Decodable, Sendable { var outputShape: [Int]; var parameters: Int; var trainable: Int; var nonTrainable: Int }
    struct Row: Decodable, Sendable { var name: String; var pytorch: PyTorchRow?; var keras: KerasRow? }
    struct PyTorchTotals: Decodable, Sendable { var parameters: Int; var buffers: Int }
    struct KerasTotals: Decodable, Sendable { var parameters: Int; var trainable: Int; var nonTrainable: Int }
    struct Totals: Decodable, Sendable { var pytorch: PyTorchTotals?; var keras: KerasTotals? }

    var name: String
    var cnn: String
    var layers: [Row]
    var totals: Totals
    var testDescription: String { name }

    struct File: Decodable { var networks: [FrameworkNetwork] }
    static let all = Fixtures.decode(File.self, from: "networks.json").networks
}

@Suite struct FrameworkNetworkTests {
    private func analyze(_ network: FrameworkNetwork) throws -> [String: LayerReport] {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
        #expect(report.layers.count == network.layers.count)
        return Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
    }

    @Test("in PyTorch's convention, parameters and buffers equal PyTorch's", arguments: FrameworkNetwork.all)
    func matchesPyTorchConvention(_ network: FrameworkNetwork) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch))
            .analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
        for (layer, row) in zip(report.layers, network.layers) {
            guard let expected = row.pytorch else { continue }
            #expect(layer.name == row.name)
            #expect(layer.parameterCount == expected.parameters, "\(row.name)")
            // The fixture leaves out the integer num_batches_tracked buffer.
            let floatBuffers = layer.learnables.filter { $0.role == .state && $0.name != "num_batches_tracked" }
            #expect(try floatBuffers.map { try $0.elementCount() }.reduce(0, +) == expected.buffers, "\(row.name)")
        }
    }

    @Test("shapes and counts equal PyTorch's", arguments: FrameworkNetwork.all)
    func matchesPyTorch(_ network: FrameworkNetwork) throws {
        let reports = try analyze(network)
        for row in network.layers {
            guard let expected = row.pytorch else { continue }
            let layer = try #require(reports[row.name], "no layer \(row.name)")
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == expected.outputShape, "\(row.name)")
            // PyTorch keeps batch-norm statistics as buffers; CNNCalc counts them as non-trainable parameters.
            #expect(layer.trainableCount == expected.parameters, "\(row.name)")
            #expect(layer.nonTrainableCount == expected.buffers, "\(row.name)")
        }
    }

    @Test("shapes and counts equal Keras'", arguments: FrameworkNetwork.all.filter { $0.totals.keras != nil })
    func matchesKeras(_ network: FrameworkNetwork) throws {
        let reports = try analyze(network)
        for row in network.layers {
            guard let expected = row.keras else { continue }
            let layer = try #require(reports[row.name], "no layer \(row.name)")
            #expect(layer.outputShape.dimensions(in: .channelsLast) == expected.outputShape, "\(row.name)")
            #expect(layer.parameterCount == expected.parameters, "\(row.name)")
            #expect(layer.trainableCount == expected.trainable, "\(row.name)")
            #expect(layer.nonTrainableCount == expected.nonTrainable, "\(row.name)")
        }
    }

    @Test("totals equal the frameworks'", arguments: FrameworkNetwork.all)
    func totals(_ network: FrameworkNetwork) throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
        if let keras = network.totals.keras {
            #expect(report.totals.parameters == keras.parameters)
            #expect(report.totals.trainable == keras.trainable)
            #expect(report.totals.nonTrainable == keras.nonTrainable)
        }
        if let pytorch = network.totals.pytorch {
            #expect(report.totals.trainable == pytorch.parameters)
            #expect(report.totals.nonTrainable == pytorch.buffers)
        }
    }

    @Test("every derivation computes the number it shows", arguments: FrameworkNetwork.all)
    func derivationsAreArithmeticallyTrue(_ network: FrameworkNetwork) throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
        for layer in report.layers {
            for layout in Layout.allCases {
                let derivation = layer.derivation(layout: layout)
                if !derivation.parameterFormula.isEmpty {
                    #expect(ArithmeticEvaluator.evaluate(derivation.parameterFormula) == .init(layer.parameterCount),
                            "\(layer.name): \(derivation.parameterFormula)")
                }
                for line in derivation.outputSteps + derivation.parameterSteps + derivation.costSteps where line.contains(" = ") && !line.hasPrefix("rule:") {
                    #expect(ArithmeticEvaluator.mismatch(in: line) == nil, "\(layer.name)")
                }
            }
        }
    }

    @Test func fixturesCoverEveryLayerKind() throws {
        var kinds: Set<String> = []
        for network in FrameworkNetwork.all {
            let report = try Analyzer().analyze(try CNNTextReader.network(from: network.cnn, source: network.name))
            kinds.formUnion(report.layers.map { $0.layer.kind.kindName })
        }
        for kind in ["input", "conv", "maxpool", "avgpool", "globalavgpool", "globalmaxpool", "dense", "flatten",
                     "dropout", "relu", "softmax", "batchnorm", "add", "concat"] {
            #expect(kinds.contains(kind), "no fixture network has a \(kind) layer")
        }
    }
}
