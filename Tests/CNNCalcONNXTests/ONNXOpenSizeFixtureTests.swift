import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What `Scripts/generate_onnx_open_size_fixtures.py` recorded for models whose inputs leave sizes other than the batch open.
struct OpenSizeONNXModels: Decodable {
    struct Tensor: Decodable, Sendable {
        var tensor: String
        var node: String
        var opType: String
        var output: Int
        /// From onnx's reference evaluator, running the file on a batch of 1 and of 2.
        var batch1: [Int]
        var batch2: [Int]

        /// The dims of one example: the axis that is 1 for a batch of 1 and 2 for a batch of 2 goes.
        var exampleDims: [Int] {
            var one = batch1
            if let axis = one.indices.first(where: { one[$0] == 1 && batch2[$0] == 2 }) { one.remove(at: axis) }
            return one
        }
    }

    struct Run: Decodable, Sendable {
        /// The open sizes of this run, by name.
        var sizes: [String: Int]
        var tensors: [Tensor]
    }

    struct Model: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var parameters: Int
        var buffers: Int
        var openSizes: [String]
        var runs: [Run]

        var testDescription: String { file }
        var url: URL { Fixtures.directory.appendingPathComponent("onnx/open").appendingPathComponent(file) }
    }

    var models: [Model]
}

/// ONNX models with open sizes besides the batch (`seq`, `height`, `width`): every shape and count is checked
/// against onnx's reference runtime at several sizes, and PyTorch's parameter count.
@Suite struct ONNXOpenSizeFixtureTests {
    static let models = Fixtures.decode(OpenSizeONNXModels.self, from: "onnx/open/expected.json").models
    static let options = AnalysisOptions(convention: .pytorch)

    func openReport(_ document: ONNXDocument, bindings: [String: Int] = [:]) throws -> NetworkReport {
        try OpenSizeAnalysis.report(openSizes: document.openSizes, bindings: bindings, options: Self.options) { sizes throws(CNNCalcError) in
            try document.model(symbolSizes: sizes).network
        }
    }

    @Test(arguments: models) func theInputsNamedAxesAfterTheBatchAreOpen(_ model: OpenSizeONNXModels.Model) throws {
        let document = try ONNXReader.document(atPath: model.url.path)
        #expect(document.openSizes.map(\.name) == model.openSizes)
        #expect(document.openSizes.allSatisfy { $0.origin.contains("of the input 'input'") })
        #expect(document.batchSymbols == ["batch"])
    }

    // Expected: every node output's shape from onnx's reference evaluator, at each run's sizes and a batch of 1 and 2.
    @Test(arguments: models) func givenSizesEveryTensorHasTheRuntimeShape(_ model: OpenSizeONNXModels.Model) throws {
        let document = try ONNXReader.document(atPath: model.url.path)
        for run in model.runs {
            let onnx = try document.model(symbolSizes: run.sizes)
            #expect(onnx.uninferredNodes.isEmpty)
            for tensor in run.tensors {
                let dims = try #require(onnx.tensorDims[tensor.tensor], "\(tensor.tensor) has no shape at \(run.sizes)")
                #expect(ONNXInferenceFixtureTests.sizes(dims, batch: 1) == tensor.batch1, "\(tensor.tensor) at \(run.sizes) is \(dims)")
                #expect(ONNXInferenceFixtureTests.sizes(dims, batch: 2) == tensor.batch2, "\(tensor.tensor) at \(run.sizes) is \(dims)")
            }
        }
    }

    // Expected: sum(p.numel() for p in model.parameters()) and the same over model.buffers() (a BatchNorm's
    // num_batches_tracked included, which CNNCalc counts under PyTorch's convention though no export writes it).
    @Test(arguments: models) func countsWithTheSizesOpenMatchPyTorch(_ model: OpenSizeONNXModels.Model) throws {
        let report = try openReport(try ONNXReader.document(atPath: model.url.path))
        let open = try #require(report.openSizes)
        #expect(open.sizes.map(\.name) == model.openSizes)
        #expect(report.totals.parameters == model.parameters)
        #expect(report.totals.state == model.buffers)
    }

    /// Each layer's shape with the sizes open is a polynomial in them (or unknown, never a stand-in's number);
    /// every polynomial gives the runtime's size at every run's sizes.
    @Test(arguments: models) func openShapesGiveTheRuntimeShapeAtEverySize(_ model: OpenSizeONNXModels.Model) throws {
        let report = try openReport(try ONNXReader.document(atPath: model.url.path))
        let open = try #require(report.openSizes)
        var exact = 0
        for (index, layer) in report.layers.enumerated() {
            let sizes = open.outputShape(ofLayer: index).sizes(in: .channelsFirst)
            for run in model.runs {
                guard let tensor = run.tensors.first(where: { $0.node == layer.layer.name && $0.output == 0 }) else { continue }
                let expected = tensor.exampleDims
                try #require(sizes.count == expected.count, "\(layer.layer.name): \(sizes.count) axes, the runtime has \(expected)")
                for (axis, value) in sizes.enumerated() {
                    guard case .exact(let polynomial) = value else { continue }
                    #expect(polynomial.value(for: run.sizes) == expected[axis], "\(layer.layer.name) axis \(axis) at \(run.sizes)")
                    exact += 1
                }
            }
        }
        #expect(exact > 0)
    }

    /// The sequence models' shapes are all exact; only the image model's stride-2 convolution and what follows are not.
    @Test func onlyAStridedWindowLeavesASizeUnknown() throws {
        for model in Self.models {
            let report = try openReport(try ONNXReader.document(atPath: model.url.path))
            let open = try #require(report.openSizes)
            let unknown = report.layers.indices.filter { index in
                open.outputShape(ofLayer: index).sizes.contains { if case .unknown = $0 { true } else { false } }
            }.map { report.layers[$0].layer.name }
            if model.file == "image_any_size.onnx" {
                #expect(unknown == ["/features/features.5/Conv", "/features/features.6/Relu"])
            } else {
                #expect(unknown.isEmpty, "\(model.file): \(unknown)")
            }
        }
    }

    /// Costs with the sizes open equal, at each run's sizes, the costs of the model read at those sizes.
    @Test(arguments: models) func openCostsEqualTheCostsAtGivenSizes(_ model: OpenSizeONNXModels.Model) throws {
        let document = try ONNXReader.document(atPath: model.url.path)
        let open = try #require(try openReport(document).openSizes)
        for run in model.runs {
            let fixed = try Analyzer(options: Self.options).analyze(try document.model(symbolSizes: run.sizes).network)
            for (index, layer) in fixed.layers.enumerated() {
                guard case .exact(let macs)? = open.macs(ofLayer: index) else { continue }
                #expect(macs.value(for: run.sizes) == layer.cost?.macs, "\(layer.layer.name) at \(run.sizes)")
            }
        }
    }

    /// Binding every open size gives the ordinary report of the model read at those sizes.
    @Test func bindingEverySizeGivesTheOrdinaryReport() throws {
        let model = try #require(Self.models.first { $0.file == "sequence_conv.onnx" })
        let document = try ONNXReader.document(atPath: model.url.path)
        let bound = try openReport(document, bindings: ["seq": 20])
        #expect(bound.openSizes == nil)
        #expect(bound == (try Analyzer(options: Self.options).analyze(try document.model(symbolSizes: ["seq": 20]).network)))
    }

    /// Without a number for an open size, reading the model names the size and the way to give it.
    @Test func aModelNeedsEveryOpenSize() throws {
        let model = try #require(Self.models.first { $0.file == "image_any_size.onnx" })
        let document = try ONNXReader.document(atPath: model.url.path)
        let error = try #require(throws: CNNCalcError.self) { try document.model(symbolSizes: ["height": 32]) }
        #expect(error.description.contains("has an open size 'width' on axis 3"))
    }
}
