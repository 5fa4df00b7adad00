import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What `Scripts/generate_onnx_fixtures.py` recorded from PyTorch and onnx for each exported model.
struct ExpectedONNXModels: Decodable {
    struct Model: Decodable, Sendable, CustomTestStringConvertible {
        struct Node: Decodable, Sendable {
            var name: String
            var opType: String
            /// Sizes, or the batch symbol, as onnx.shape_inference.infer_shapes gives them.
            var outputShape: [Dimension]?
        }

        enum Dimension: Decodable, Sendable, Equatable {
            case size(Int)
            case symbol(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let size = try? container.decode(Int.self) {
                    self = .size(size)
                } else {
                    self = .symbol(try container.decode(String.self))
                }
            }
        }

        var file: String
        var parameters: Int
        var buffers: Int
        var dynamicBatch: Bool
        var nodes: [Node]
        var external: [String]
        var constants: [String]

        var testDescription: String { file }
        var url: URL { Fixtures.directory.appendingPathComponent("onnx").appendingPathComponent(file) }

        /// The node's output dims for one example: without the batch axis, as the reader drops it.
        func exampleDims(of node: Node) -> [Int]? {
            guard var dims = node.outputShape else { return nil }
            let batch: Dimension = dynamicBatch ? .symbol("batch") : .size(1)
            if let axis = dims.firstIndex(of: batch) { dims.remove(at: axis) }
            var sizes: [Int] = []
            for dim in dims {
                guard case .size(let size) = dim else { return nil }
                sizes.append(size)
            }
            return sizes
        }
    }

    var models: [Model]
}

@Suite struct ONNXFixtureTests {
    static let models = Fixtures.decode(ExpectedONNXModels.self, from: "onnx/expected.json").models

    func analyze(_ model: ExpectedONNXModels.Model, _ convention: Convention = .pytorch) throws -> (ONNXModel, NetworkReport) {
        let onnx = try ONNXReader.model(atPath: model.url.path)
        return (onnx, try Analyzer(options: AnalysisOptions(convention: convention)).analyze(onnx.network))
    }

    // Expected: sum(p.numel() for p in model.parameters()) and the same over model.buffers(), from PyTorch.
    @Test(arguments: models) func parametersAndBuffersMatchPyTorch(_ model: ExpectedONNXModels.Model) throws {
        let (_, report) = try analyze(model)
        #expect(report.totals.parameters == model.parameters)
        #expect(report.totals.trainable == model.parameters)
        #expect(report.totals.state == model.buffers)
    }

    // Expected: the first output of every node, from onnx.shape_inference.infer_shapes.
    @Test(arguments: models) func outputShapesMatchONNXShapeInference(_ model: ExpectedONNXModels.Model) throws {
        let (_, report) = try analyze(model)
        let nodes = Dictionary(model.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var compared = 0
        for layer in report.layers {
            if case .input = layer.layer.kind { continue }
            let node = try #require(nodes[layer.layer.name], "layer \(layer.layer.name) is not a node of \(model.file)")
            var expected = try #require(model.exampleDims(of: node), "\(node.name) has no inferred shape")
            if ["LSTM", "GRU", "RNN"].contains(node.opType), expected.count == 3 {
                // ONNX's Y is steps x directions x units; CNNCalc's recurrent layers give steps x (directions*units).
                expected = [expected[0], expected[1] * expected[2]]
            }
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == expected, "\(model.file): \(node.name) (\(node.opType))")
            compared += 1
        }
        #expect(compared > 0)
    }

    @Test(arguments: models) func storedTensorsAreListed(_ model: ExpectedONNXModels.Model) throws {
        let (onnx, _) = try analyze(model)
        #expect(onnx.externalTensors.sorted() == model.external)
        #expect(onnx.constants.map(\.name).sorted() == model.constants)
    }

    /// The weights are in `<name>.onnx.data`, which is not committed: a copy of the model alone reads the same.
    @Test(arguments: models) func readsWithoutTheExternalDataFile(_ model: ExpectedONNXModels.Model) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnncalc-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent(model.file)
        try FileManager.default.copyItem(at: model.url, to: copy)
        let alone = try ONNXReader.model(atPath: copy.path)
        let original = try ONNXReader.model(atPath: model.url.path)
        #expect(alone.network == original.network)
        #expect(!alone.externalTensors.isEmpty)
    }

    @Test func batchNormalizationStatisticsAreNonTrainableInKeras() throws {
        let model = try #require(Self.models.first { $0.file == "residual_bn.onnx" })
        let (_, keras) = try analyze(model, .keras)
        // Six BatchNorm layers over 16+16+16+32+32+32 = 144 channels: moving mean and variance, 2*144.
        #expect(keras.totals.trainable == 19_994)
        #expect(keras.totals.nonTrainable == 288)
        #expect(keras.totals.parameters == 20_282)
        #expect(keras.totals.state == 0)
    }

    @Test func tiedWeightsCountOnce() throws {
        let model = try #require(Self.models.first { $0.file == "tied.onnx" })
        let (_, report) = try analyze(model)
        let second = try #require(report.layers.first { $0.layer.name == "/shared_1/Gemm" })
        #expect(second.layer.sharesLearnablesWith == "/shared/Gemm")
        #expect(second.parameterCount == 0)
        // The reused layer still does its arithmetic: 24*24 MACs.
        #expect(second.cost?.macs == 576)
    }

    @Test func operatorsWithoutAFormulaKeepTheirShapeAndTensors() throws {
        let model = try #require(Self.models.first { $0.file == "gru.onnx" })
        let (onnx, report) = try analyze(model)
        #expect(onnx.opaqueOperators.map(\.operator) == ["Transpose", "Reshape", "Gather"])
        let reshape = try #require(report.layers.first { $0.layer.name == "/gru/Reshape" })
        // The file's value_info: [10, batch, 32].
        #expect(reshape.outputShape == .sequence(steps: 10, features: 32))
        #expect(reshape.cost == .zero)
        #expect(report.totals.uncostedLayers.isEmpty)
    }

    @Test func recurrentNodesAreCountedByConvention() throws {
        let model = try #require(Self.models.first { $0.file == "lstm.onnx" })
        let (_, pytorch) = try analyze(model)
        let lstm = try #require(pytorch.layers.first { $0.layer.name == "/lstm/LSTM" })
        // PyTorch: weight_ih_l0 [128, 20], weight_hh_l0 [128, 32], bias_ih_l0 and bias_hh_l0 [128]: 4h(n+h) + 8h.
        #expect(lstm.learnables.map(\.shape) == [[128, 20], [128, 32], [128], [128]])
        #expect(lstm.parameterCount == 6_912)
        // steps * directions * 4 gates * units * (features + units) = 12*1*4*32*(20+32)
        #expect(lstm.cost?.macs == 79_872)
        let (_, keras) = try analyze(model, .keras)
        // Keras keeps one bias: 4*32*(20+32) + 4*32.
        #expect(keras.layers.first { $0.layer.name == "/lstm/LSTM" }?.parameterCount == 6_784)

        let gruModel = try #require(Self.models.first { $0.file == "gru.onnx" })
        let (_, gru) = try analyze(gruModel)
        let layer = try #require(gru.layers.first { $0.layer.name == "/gru/GRU" })
        // Bidirectional, linear_before_reset: 2 * (3*16*(8+16) + 6*16).
        #expect(layer.parameterCount == 2_496)
        #expect(layer.outputShape == .sequence(steps: 10, features: 32))
    }

    @Test func depthwiseConvolutionsAreRecognizedByTheirGroups() throws {
        let model = try #require(Self.models.first { $0.file == "depthwise.onnx" })
        let (_, report) = try analyze(model)
        let kinds = report.layers.map(\.layer.kind.kindName)
        #expect(kinds.filter { $0 == "depthwiseconv" }.count == 2)
        let dw1 = try #require(report.layers.first { $0.layer.name == "/dw1/Conv" })
        // groups 8 over 8 channels, 16 filters: multiplier 2, (3*3+1)*8*2 parameters.
        guard case .depthwiseConvolution(let layer) = dw1.layer.kind else {
            Issue.record("dw1 is \(dw1.layer.kind.kindName)")
            return
        }
        #expect(layer.multiplier == 2)
        #expect(dw1.parameterCount == 160)
    }

    @Test func sequenceLinearLayersFoldTheirBiasAdd() throws {
        let model = try #require(Self.models.first { $0.file == "transformer.onnx" })
        let (_, report) = try analyze(model)
        let dense = report.layers.filter { if case .dense = $0.layer.kind { true } else { false } }
        // in_proj (16 -> 48), out_proj (16 -> 16), linear1 (16 -> 32), linear2 (32 -> 16), head (16 -> 6), each with a bias.
        #expect(dense.map(\.parameterCount) == [816, 272, 544, 528, 102])
    }
}

extension ONNXFixtureTests {
    @Test func explainSaysWhoHoldsTiedWeights() throws {
        let model = try #require(Self.models.first { $0.file == "tied.onnx" })
        let (_, report) = try analyze(model)
        let second = try #require(report.layers.first { $0.layer.name == "/shared_1/Gemm" })
        let derivation = second.derivation(layout: .channelsFirst)
        #expect(derivation.parameterSteps == ["none of its own: it reuses the weights of '/shared/Gemm', counted there"])
        #expect(derivation.parameterFormula == "")
    }
}

extension ONNXFixtureTests {
    /// `plain_cnn_inline.onnx` is `plain_cnn.onnx` with its 25,384 weight bytes inside, in raw_data.
    @Test func weightsInsideTheFileAreSkipped() throws {
        let folder = Fixtures.directory.appendingPathComponent("onnx")
        let inline = try ONNXReader.model(atPath: folder.appendingPathComponent("plain_cnn_inline.onnx").path)
        let external = try ONNXReader.model(atPath: folder.appendingPathComponent("plain_cnn.onnx").path)
        #expect(inline.network == external.network)
        #expect(inline.externalTensors.isEmpty)
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(inline.network)
        #expect(report.totals.parameters == 6_346)
    }
}

extension ONNXFixtureTests {
    @Test func resizeBecomesUpsamplingByTheDeclaredFactor() throws {
        let model = try #require(Self.models.first { $0.file == "assorted.onnx" })
        let (_, report) = try analyze(model)
        let resize = try #require(report.layers.first { $0.layer.name == "/Resize" })
        // interpolate(scale_factor=2.0, mode="nearest") on 8x8x8: value_info gives 8x16x16.
        #expect(resize.layer.kind == .upsampling(Upsampling(.scale([2, 2]), mode: .nearest, spatialRank: 2)))
        #expect(resize.cost == .zero)
        let transposed = try #require(report.layers.first { $0.layer.name == "/up/ConvTranspose" })
        // ConvTranspose2d(8, 6, 3, stride=2, padding=1, output_padding=1) on 8x8: (8-1)*2 - 2 + 3 + 1 = 16.
        #expect(transposed.outputShape == .featureMap(spatial: [16, 16], channels: 6))
        #expect(transposed.parameterCount == (3 * 3 * 8 + 1) * 6)
    }
}
