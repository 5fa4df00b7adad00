import CNNCalc
import CNNCalcTestSupport
import Testing

/// Small networks of the convolution, resampling, reshaping, normalization and activation
/// families, run in PyTorch and Keras by `Scripts/generate_layer_fixtures.py`
/// (`Tests/Fixtures/layers.json`), compared row by row: shapes, counts and every tensor.
struct FrameworkLayerNetwork: Decodable, Sendable, CustomTestStringConvertible {
    struct Tensor: Decodable, Sendable, Equatable { var name: String; var shape: [Int] }
    struct PyTorchRow: Decodable, Sendable {
        var outputShape: [Int]; var parameters: Int; var buffers: Int; var bufferElementsAll: Int; var tensors: [Tensor]
    }
    struct KerasRow: Decodable, Sendable {
        var outputShape: [Int]; var parameters: Int; var trainable: Int; var nonTrainable: Int; var tensors: [Tensor]
    }
    struct Row: Decodable, Sendable { var name: String; var pytorch: PyTorchRow?; var keras: KerasRow? }

    var name: String
    var cnn: String
    var layers: [Row]
    var testDescription: String { name }

    struct File: Decodable { var networks: [FrameworkLayerNetwork] }

    /// The networks of these layer families; the fixture's sequence, attention and merge networks are tested elsewhere.
    static let families: Set<String> = [
        "deconv2d", "deconv1d", "deconv3d", "depthwise-separable", "depthwise-separable-1d", "grouped-pointwise",
        "resample-2d", "reshape-permute-hwc", "reshape-permute-chw", "resample-1d", "resample-3d",
        "normalization-2d", "normalization-1d-3d", "normalization-1d", "normalization-sequence", "activations",
        "prelu", "prelu-chw-1d",
    ]
    static let all = Fixtures.decode(File.self, from: "layers.json").networks.filter { families.contains($0.name) }
}

@Suite struct FrameworkLayerTests {
    private func reports(_ network: FrameworkLayerNetwork, _ convention: Convention) throws -> [String: LayerReport] {
        let report = try Analyzer(options: AnalysisOptions(convention: convention))
            .analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
        #expect(report.layers.count == network.layers.count)
        return Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
    }

    @Test func everyFamilyNetworkIsInTheFixture() {
        #expect(Set(FrameworkLayerNetwork.all.map(\.name)) == FrameworkLayerNetwork.families)
    }

    /// The network as a PyTorch user writes it: a transposed convolution without padding is
    /// `padding=0`, PyTorch's default, rather than Keras' `valid`. The two differ when the stride
    /// exceeds the kernel span: `deconv 6 2 stride=3` on 7 gives `(7-1)*3 + 2 = 20` in PyTorch
    /// and `(7-1)*3 + max(2, 3) = 21` in Keras, and the fixture has both.
    private func pytorchText(_ text: String) -> String {
        text.split(separator: "\n").map { line in
            let kind = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            let transposed = ["deconv", "convtranspose"].contains { kind.hasPrefix($0) }
            return transposed && !line.contains("padding=") ? line + " padding=0" : String(line)
        }.joined(separator: "\n")
    }

    @Test("shapes, counts and tensors equal PyTorch's", arguments: FrameworkLayerNetwork.all)
    func matchesPyTorch(_ network: FrameworkLayerNetwork) throws {
        var network = network
        network.cnn = pytorchText(network.cnn)
        let reports = try reports(network, .pytorch)
        for row in network.layers {
            guard let expected = row.pytorch else { continue }
            let layer = try #require(reports[row.name], "no layer \(row.name)")
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == expected.outputShape, "\(network.name).\(row.name)")
            #expect(layer.parameterCount == expected.parameters, "\(network.name).\(row.name)")
            let floatState = layer.learnables.filter { $0.role == .state && $0.name != "num_batches_tracked" }
            #expect(try floatState.map { try $0.elementCount() }.reduce(0, +) == expected.buffers, "\(network.name).\(row.name)")
            #expect(layer.stateCount == expected.bufferElementsAll, "\(network.name).\(row.name)")
            let tensors = layer.learnables.map { FrameworkLayerNetwork.Tensor(name: $0.name, shape: $0.shape) }
            #expect(tensors == expected.tensors, "\(network.name).\(row.name)")
        }
    }

    @Test("shapes, counts and tensors equal Keras'", arguments: FrameworkLayerNetwork.all)
    func matchesKeras(_ network: FrameworkLayerNetwork) throws {
        let reports = try reports(network, .keras)
        for row in network.layers {
            guard let expected = row.keras else { continue }
            let layer = try #require(reports[row.name], "no layer \(row.name)")
            #expect(layer.outputShape.dimensions(in: .channelsLast) == expected.outputShape, "\(network.name).\(row.name)")
            #expect(layer.parameterCount == expected.parameters, "\(network.name).\(row.name)")
            #expect(layer.trainableCount == expected.trainable, "\(network.name).\(row.name)")
            #expect(layer.nonTrainableCount == expected.nonTrainable, "\(network.name).\(row.name)")
            let tensors = layer.learnables.map { FrameworkLayerNetwork.Tensor(name: $0.name, shape: $0.shape) }
            #expect(tensors == expected.tensors, "\(network.name).\(row.name)")
        }
    }

    @Test("every derivation computes the number it shows", arguments: FrameworkLayerNetwork.all)
    func derivationsAreArithmeticallyTrue(_ network: FrameworkLayerNetwork) throws {
        for convention in Convention.allCases {
            let report = try Analyzer(options: AnalysisOptions(convention: convention))
                .analyze(try CNNTextReader.network(from: network.cnn, source: network.name + ".cnn"))
            for layer in report.layers {
                for layout in Layout.allCases {
                    let derivation = layer.derivation(layout: layout)
                    if !derivation.parameterFormula.isEmpty {
                        #expect(ArithmeticEvaluator.evaluate(derivation.parameterFormula) == .init(layer.parameterCount),
                                "\(layer.name) (\(convention)): \(derivation.parameterFormula)")
                    }
                    for line in derivation.outputSteps + derivation.parameterSteps + derivation.costSteps
                    where line.contains(" = ") && !line.hasPrefix("rule") {
                        #expect(ArithmeticEvaluator.mismatch(in: line) == nil, "\(layer.name) (\(convention)): \(line)")
                    }
                }
            }
        }
    }
}
