import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What `Scripts/generate_onnx_fixtures.py inferred` recorded for the models saved without any shape but the input's.
struct InferredONNXModels: Decodable {
    /// One axis as onnx.shape_inference.infer_shapes gives it: a size, a name, or nothing.
    enum Dimension: Decodable, Sendable, Equatable {
        case size(Int)
        case symbol(String)
        case unknown

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .unknown
            } else if let size = try? container.decode(Int.self) {
                self = .size(size)
            } else {
                self = .symbol(try container.decode(String.self))
            }
        }
    }

    struct Tensor: Decodable, Sendable {
        var tensor: String
        var node: String
        var opType: String
        var output: Int
        /// From onnx.shape_inference.infer_shapes(data_prop=True); `nil` when it gives no shape.
        var onnx: [Dimension]?
        /// From onnx's reference evaluator, running the file on a batch of 1 and of 2.
        var batch1: [Int]?
        var batch2: [Int]?

        /// The dims of one example as CNNCalc shows them: the axis that is 1 for a batch of 1 and 2 for a
        /// batch of 2 is the batch, and goes; an axis that is a multiple of the batch keeps its size for a batch of 1.
        var exampleDims: [Int]? {
            guard var one = batch1, let two = batch2, one.count == two.count else { return nil }
            if let axis = one.indices.first(where: { one[$0] == 1 && two[$0] == 2 }) { one.remove(at: axis) }
            return one
        }
    }

    struct Model: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var model: String
        var exporter: String
        var parameters: Int
        var buffers: Int
        var graphOutputs: [String]
        /// PyTorch's output shapes, per output: for a batch of 1, then of 2.
        var pytorchOutputs: [[[Int]]]
        var tensors: [Tensor]

        var testDescription: String { file }
        var url: URL { Fixtures.directory.appendingPathComponent("onnx/inferred").appendingPathComponent(file) }
    }

    var models: [Model]
}

/// Models without value_info: CNNCalc infers every shape, compared with onnx's reference runtime and with PyTorch.
@Suite struct ONNXInferenceFixtureTests {
    static let models = Fixtures.decode(InferredONNXModels.self, from: "onnx/inferred/expected.json").models
    /// Graphs of single operators written with onnx.helper, at opsets 18 and 9.
    static let operatorModels = Fixtures.decode(InferredONNXModels.self, from: "onnx/inferred/operators.json").models

    func read(_ model: InferredONNXModels.Model) throws -> (ONNXModel, NetworkReport) {
        let onnx = try ONNXReader.model(atPath: model.url.path)
        return (onnx, try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(onnx.network))
    }

    /// The sizes of `dims` for a batch of `batch`.
    static func sizes(_ dims: [ONNXDimension], batch: Int) -> [Int]? {
        var sizes: [Int] = []
        for dim in dims {
            switch dim {
            case .size(let size): sizes.append(size)
            case .symbol("batch", let factor): sizes.append(factor * batch)
            default: return nil
            }
        }
        return sizes
    }

    // Expected: sum(p.numel() for p in model.parameters()) and the same over model.buffers(), from PyTorch.
    @Test(arguments: models) func parametersAndBuffersMatchPyTorch(_ model: InferredONNXModels.Model) throws {
        let (_, report) = try read(model)
        #expect(report.totals.parameters == model.parameters)
        #expect(report.totals.trainable == model.parameters)
        #expect(report.totals.state == model.buffers)
    }

    // Expected: every node output's shape when onnx's reference evaluator runs the file on a batch of 1 and of 2.
    @Test(arguments: models + operatorModels) func everyTensorHasTheShapeTheRuntimeGives(_ model: InferredONNXModels.Model) throws {
        let (onnx, _) = try read(model)
        #expect(onnx.uninferredNodes.isEmpty)
        #expect(onnx.shapeConflicts.isEmpty)
        var compared = 0
        for tensor in model.tensors {
            guard let one = tensor.batch1, let two = tensor.batch2 else { continue }
            let dims = try #require(onnx.tensorDims[tensor.tensor], "\(tensor.tensor) (\(tensor.opType)) has no shape")
            #expect(Self.sizes(dims, batch: 1) == one, "\(tensor.tensor) (\(tensor.opType)) is \(dims)")
            #expect(Self.sizes(dims, batch: 2) == two, "\(tensor.tensor) (\(tensor.opType)) is \(dims)")
            compared += 1
        }
        #expect(compared == model.tensors.count)
    }

    /// onnx.shape_inference.infer_shapes' dims for `tensor`, when it knows every axis (sizes and the input's
    /// 'batch') and its own reference runtime agrees with them.
    static func onnxDims(_ tensor: InferredONNXModels.Tensor) -> [ONNXDimension]? {
        guard let expected = tensor.onnx else { return nil }
        var dims: [ONNXDimension] = []
        for dim in expected {
            switch dim {
            case .size(let size): dims.append(.size(size))
            case .symbol("batch"): dims.append(.named("batch"))
            default: return nil
            }
        }
        guard sizes(dims, batch: 1) == tensor.batch1, sizes(dims, batch: 2) == tensor.batch2 else { return nil }
        return dims
    }

    // Expected: onnx.shape_inference.infer_shapes, wherever it knows every axis and its runtime agrees.
    @Test(arguments: models + operatorModels) func shapesONNXInfersAreTheSame(_ model: InferredONNXModels.Model) throws {
        let (onnx, _) = try read(model)
        var compared = 0
        for tensor in model.tensors {
            guard let dims = Self.onnxDims(tensor) else { continue }
            #expect(onnx.tensorDims[tensor.tensor] == dims, "\(tensor.tensor) (\(tensor.opType))")
            compared += 1
        }
        #expect(compared > 0)
    }

    // Expected: the shapes PyTorch's forward gives, for a batch of 1 and of 2.
    @Test(arguments: models) func graphOutputsHavePyTorchsShapes(_ model: InferredONNXModels.Model) throws {
        let (onnx, _) = try read(model)
        #expect(model.graphOutputs.count == model.pytorchOutputs.count)
        for (output, shapes) in zip(model.graphOutputs, model.pytorchOutputs) {
            let dims = try #require(onnx.tensorDims[output])
            #expect(Self.sizes(dims, batch: 1) == shapes[0], "\(output)")
            #expect(Self.sizes(dims, batch: 2) == shapes[1], "\(output)")
        }
    }

    // Expected: the reference runtime's shape of the layer's tensor, without the batch axis.
    @Test(arguments: models + operatorModels) func everyLayerShowsItsTensorsShape(_ model: InferredONNXModels.Model) throws {
        let (onnx, report) = try read(model)
        let byTensor = Dictionary(model.tensors.map { ($0.tensor, $0) }, uniquingKeysWith: { first, _ in first })
        let firstOutput = Dictionary(model.tensors.map { ($0.node, $0) }, uniquingKeysWith: { first, _ in first })
        let outputLayers = Set(onnx.outputLayers)
        for layer in report.layers {
            if case .input = layer.layer.kind { continue }
            let tensor = try #require(outputLayers.contains(layer.layer.name) ? byTensor[layer.layer.name] : firstOutput[layer.layer.name],
                                      "layer \(layer.layer.name) has no tensor in \(model.file)")
            var expected = try #require(tensor.exampleDims)
            if case .recurrent = layer.layer.kind, expected.count == 3 {
                // ONNX's Y is steps x directions x units; CNNCalc's recurrent layers give steps x (directions*units).
                expected = [expected[0], expected[1] * expected[2]]
            }
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == expected, "\(model.file): \(layer.layer.name) (\(tensor.opType))")
        }
    }
}

extension ONNXInferenceFixtureTests {
    /// An LSTM's `Y_h` and `Y_c` are layers of their own, fed by the LSTM's layer, counting nothing.
    @Test(arguments: ["lstm_state_legacy.onnx", "lstm_state_dynamo.onnx"]) func secondOutputsAreLayersOfTheirOwn(_ file: String) throws {
        let model = try #require(Self.models.first { $0.file == file })
        let (onnx, report) = try read(model)
        let states = model.tensors.filter { $0.opType == "LSTM" && $0.output > 0 }
        // Two LSTM nodes (one per layer), each with Y_h and Y_c read.
        #expect(states.count == 4)
        #expect(onnx.outputLayers.sorted() == states.map(\.tensor).sorted())
        for state in states {
            let layer = try #require(report.layers.first { $0.layer.name == state.tensor })
            #expect(layer.layer.inputs == [state.node])
            #expect(layer.layer.kind.kindName == (state.output == 1 ? "LSTM Y_h" : "LSTM Y_c"))
            #expect(layer.parameterCount == 0)
            #expect(layer.cost == .zero)
            // directions x batch x units: 2 x 32 per example.
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == [2, 32])
        }
        #expect(onnx.opaqueOperators.allSatisfy { !$0.operator.hasPrefix("LSTM") })
    }

    /// A reshape fed by the shape subgraph of view(x.size(0), -1): its -1 is 8*8*8 = 512, whatever the batch.
    @Test func viewOfTheBatchFoldsItsShapeSubgraph() throws {
        let model = try #require(Self.models.first { $0.file == "view_flatten_legacy.onnx" })
        let (onnx, report) = try read(model)
        #expect(onnx.tensorDims["/Reshape_output_0"] == [.named("batch"), .size(512)])
        let reshape = try #require(report.layers.first { $0.layer.name == "/Reshape" })
        #expect(reshape.outputShape == .vector(features: 512))
        #expect(reshape.derivation(layout: .channelsFirst).outputSteps == ["output: 512, inferred: Reshape to [batch, -1]"])
        // The Shape, Gather, Unsqueeze and Concat nodes make no layer.
        #expect(!report.layers.contains { ["Shape", "Gather", "Unsqueeze", "Concat"].contains($0.layer.kind.kindName) })
    }

    /// The README's example: the batch given a size is a fixed size everywhere.
    @Test func symbolSizesFixTheBatch() throws {
        let model = try #require(Self.models.first { $0.file == "view_flatten_legacy.onnx" })
        let named = try ONNXReader.model(atPath: model.url.path)
        #expect(named.tensorDims["/Reshape_output_0"] == [.symbol("batch", factor: 1), .size(512)])
        let eight = try ONNXReader.model(atPath: model.url.path, symbolSizes: ["batch": 8])
        #expect(eight.tensorDims["/Reshape_output_0"] == [.size(8), .size(512)])
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(eight.network)
        #expect(report.layers.first { $0.layer.name == "/Reshape" }?.outputShape == .vector(features: 512))
        #expect(report.totals.parameters == model.parameters)
    }

    /// PyTorch's attention merges the batch with the 2 heads: 2*batch, which is 2 for one example.
    @Test func mergedBatchAxesStayMultiplesOfTheBatch() throws {
        let model = try #require(Self.models.first { $0.file == "encoder_legacy.onnx" })
        let (onnx, report) = try read(model)
        #expect(onnx.tensorDims["/encoder/self_attn/Reshape_3_output_0"] == [.size(10), .symbol("batch", factor: 2), .size(8)])
        let scores = try #require(report.layers.first { $0.layer.name == "/encoder/self_attn/Softmax" })
        #expect(scores.outputShape.dimensions(in: .channelsFirst) == [2, 10, 10])
    }
}

extension ONNXInferenceFixtureTests {
    /// MaxPool(kernel 2, stride 2, pads 1, ceil_mode) on 7 values: the fifth window would start in the right
    /// padding, so it is dropped, as PyTorch and onnx's reference runtime do (4 values); onnx's shape
    /// inference keeps it (5).
    @Test func ceilModeDropsALastWindowThatStartsInThePadding() throws {
        let model = try #require(Self.operatorModels.first { $0.file == "operators_opset18.onnx" })
        let tensor = try #require(model.tensors.first { $0.tensor == "maxpool2_out" })
        #expect(tensor.batch1 == [1, 2, 4, 4])
        #expect(tensor.onnx == [.symbol("batch"), .size(2), .size(5), .size(5)])
        let (onnx, report) = try read(model)
        #expect(onnx.tensorDims["maxpool2_out"] == [.named("batch"), .size(2), .size(4), .size(4)])
        let layer = try #require(report.layers.first { $0.layer.name == "maxpool2" })
        #expect(layer.outputShape == .featureMap(spatial: [4, 4], channels: 2))
    }
}
