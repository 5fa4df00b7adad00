import CNNCalc
import CNNCalcTestSupport
import Testing

/// The sequence, attention and merge rows of `Tests/Fixtures/layers.json`, written by
/// `Scripts/generate_layer_fixtures.py` from PyTorch and Keras, compared layer by layer.
struct FrameworkSequenceNetwork: Decodable, Sendable, CustomTestStringConvertible {
    struct Tensor: Decodable, Sendable { var name: String; var shape: [Int]; var kind: String?; var trainable: Bool? }
    struct PyTorchRow: Decodable, Sendable {
        var outputShape: [Int]; var parameters: Int; var buffers: Int; var tensors: [Tensor]
    }
    struct KerasRow: Decodable, Sendable {
        var outputShape: [Int]; var parameters: Int; var trainable: Int; var nonTrainable: Int; var tensors: [Tensor]
    }
    struct Row: Decodable, Sendable { var name: String; var pytorch: PyTorchRow?; var keras: KerasRow? }

    var name: String
    var cnn: String
    var layers: [Row]
    var testDescription: String { name }

    struct File: Decodable { var networks: [FrameworkSequenceNetwork] }
    static let all = Fixtures.decode(File.self, from: "layers.json").networks
}

@Suite struct FrameworkSequenceLayerTests {
    /// The `.cnn` kinds this suite checks.
    static let kinds: Set<String> = [
        "embedding", "rnn", "lstm", "gru", "mha", "transformer",
        "add", "subtract", "multiply", "average", "maximum", "minimum", "concat", "matmul",
    ]

    /// Networks that must be readable and compared here; the others join as soon as every kind they use is known.
    static let required: Set<String> = ["embedding-recurrent", "simple-rnn", "lstm", "gru", "transformer", "merge-map"]

    /// Every spelling of those kinds in the fixtures' `.cnn` texts.
    static let keywords: Set<String> = kinds.union([
        "multiheadattention", "attention", "transformerencoder", "encoderlayer", "bmm", "dot", "cat", "concatenate", "simplernn",
    ])

    /// The networks with at least one layer of those kinds (`name: kind ...` lines).
    static let networks = FrameworkSequenceNetwork.all.filter { network in
        network.cnn.split(separator: "\n").contains { line in
            let words = line.split(separator: " ")
            return words.count > 1 && keywords.contains(words[1].lowercased())
        }
    }

    /// The reports of `network` in `convention`, or `nil` when it uses a kind this build does not know yet.
    private func reports(_ network: FrameworkSequenceNetwork, _ convention: Convention) throws -> [String: LayerReport]? {
        let parsed: Network
        do {
            parsed = try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn")
        } catch {
            let unknownKind = error.kind == .unknownLayer || error.problem.hasPrefix("unknown option")
            #expect(unknownKind && !Self.required.contains(network.name), "\(network.name): \(error)")
            return nil
        }
        let report = try Analyzer(options: AnalysisOptions(convention: convention)).analyze(parsed)
        return Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
    }

    private func isChecked(_ layer: LayerReport) -> Bool { Self.kinds.contains(layer.layer.kind.kindName) }

    @Test("in PyTorch's convention, shapes, counts and tensors equal PyTorch's", arguments: networks)
    func matchesPyTorch(_ network: FrameworkSequenceNetwork) throws {
        guard let reports = try reports(network, .pytorch) else { return }
        for row in network.layers {
            guard let expected = row.pytorch, let layer = reports[row.name], isChecked(layer) else { continue }
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == expected.outputShape, "\(row.name)")
            #expect(layer.parameterCount == expected.parameters, "\(row.name)")
            #expect(layer.stateCount == expected.buffers, "\(row.name)")
            let tensors = layer.learnables.map { "\($0.name) \($0.shape)" }
            #expect(tensors == expected.tensors.map { "\($0.name) \($0.shape)" }, "\(row.name)")
        }
    }

    @Test("in Keras' convention, shapes, counts and tensors equal Keras'", arguments: networks)
    func matchesKeras(_ network: FrameworkSequenceNetwork) throws {
        guard let reports = try reports(network, .keras) else { return }
        for row in network.layers {
            guard let expected = row.keras, let layer = reports[row.name], isChecked(layer) else { continue }
            #expect(layer.outputShape.dimensions(in: .channelsLast) == expected.outputShape, "\(row.name)")
            #expect(layer.parameterCount == expected.parameters, "\(row.name)")
            #expect(layer.trainableCount == expected.trainable, "\(row.name)")
            #expect(layer.nonTrainableCount == expected.nonTrainable, "\(row.name)")
            // Keras records each variable's own name; CNNCalc writes its path inside the layer (`forward_lstm/kernel`).
            let tensors = layer.learnables.map { "\($0.name.split(separator: "/").last ?? "") \($0.shape)" }
            #expect(tensors == expected.tensors.map { "\($0.name) \($0.shape)" }, "\(row.name)")
        }
    }

    @Test func everyRequiredNetworkIsCompared() throws {
        let names = Set(Self.networks.map(\.name))
        #expect(Self.required.isSubset(of: names))
        var compared = 0
        for network in Self.networks where Self.required.contains(network.name) {
            let reports = try #require(try reports(network, .pytorch))
            compared += network.layers.filter { row in reports[row.name].map(isChecked) ?? false }.count
        }
        #expect(compared >= 30)
    }
}
