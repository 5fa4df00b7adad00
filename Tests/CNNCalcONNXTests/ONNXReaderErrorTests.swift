import CNNCalc
import CNNCalcTestSupport
import Foundation
import SwiftProtobuf
import Testing
@testable import CNNCalcONNX

/// Files that are not ONNX models, and graphs that cannot be a network: one clear error each.
@Suite struct ONNXReaderErrorTests {
    static let plainCNN = Fixtures.directory.appendingPathComponent("onnx/plain_cnn.onnx")

    func readError(_ data: Data, source: String = "model.onnx") -> CNNCalcError? {
        #expect(throws: CNNCalcError.self) { try ONNXReader.model(from: data, source: source) }
        do {
            _ = try ONNXReader.model(from: data, source: source)
            return nil
        } catch {
            return error
        }
    }

    static let fix = "check that the file is complete and was saved by onnx.save or torch.onnx.export"

    @Test func truncatedFile() throws {
        let whole = try Data(contentsOf: Self.plainCNN)
        let error = try #require(readError(whole.prefix(1000)))
        #expect(error.kind == .input)
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: truncated); \(Self.fix)")
    }

    @Test func textFile() throws {
        let error = try #require(readError(Data("hello, not a model\n".utf8)))
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: malformed); \(Self.fix)")
    }

    @Test func emptyFile() throws {
        let error = try #require(readError(Data()))
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: no graph); \(Self.fix)")
    }

    @Test func missingFile() throws {
        #expect(throws: CNNCalcError(.input, "nothing/here.onnx does not exist", fix: "check the path")) {
            try ONNXReader.model(atPath: "nothing/here.onnx")
        }
    }

    @Test func directoryIsRefusedByItsType() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-dir-\(UUID().uuidString).onnx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CNNCalcError(.input, "\(folder.path) is a directory", fix: "give an .onnx file inside it")) {
            try ONNXReader.model(atPath: folder.path)
        }
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-fifo-\(UUID().uuidString).onnx").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Through a symbolic link too: the type is the file's the link points at.
        let link = path + ".link.onnx"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        for given in [path, link] {
            #expect(throws: CNNCalcError(.input, "\(given) is not a regular file", fix: "give an .onnx file saved by onnx.save or torch.onnx.export")) {
                try ONNXReader.model(atPath: given)
            }
        }
    }

    @Test func cycle() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])],
            nodes: [
                TestGraph.node("Add", "a", inputs: ["x", "c"], outputs: ["b"]),
                TestGraph.node("Relu", "r", inputs: ["b"], outputs: ["c"]),
            ])
        let error = try #require(readError(data))
        #expect(error.kind == .graph)
        #expect(error.description == "model.onnx: node 'a': the nodes a -> r -> a form a cycle; check the model with onnx.checker.check_model")
    }

    @Test func graphWithoutInputs() throws {
        let data = try TestGraph.serialized(inputs: [], nodes: [TestGraph.node("Constant", "c", inputs: [], outputs: ["k"])])
        let error = try #require(readError(data))
        #expect(error.kind == .graph)
        #expect(error.description == "model.onnx: the graph has no inputs besides its initializers, so no data flows through it; export the model with its example input as a graph input")
    }

    @Test func inputNothingProduces() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])],
            nodes: [TestGraph.node("Add", "sum", inputs: ["x", "ghost"], outputs: ["y"])])
        let error = try #require(readError(data))
        #expect(error.kind == .graph)
        #expect(error.description == "model.onnx: node 'sum' (Add) reads 'ghost', which no node produces and which is neither a graph input nor an initializer; check that the model was saved whole (onnx.checker.check_model finds this too)")
    }

    @Test func symbolicSizeOtherThanTheBatch() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("image", ["N", 3, "height", 32])],
            nodes: [TestGraph.node("Relu", "r", inputs: ["image"], outputs: ["y"])])
        let error = try #require(readError(data))
        #expect(error.kind == .badArgument)
        #expect(error.description == "model.onnx: input 'image' has an open size 'height' on axis 2, and this reading needs a number for every size but the batch (axis 0); give it one (cnncalc model.onnx --dim height=N, which also reports with it open; symbolSizes in the library), or export with a fixed size")
    }

    @Test func operatorWithoutShapeStopsWithItsName() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 8])],
            nodes: [TestGraph.node("Einsum", "mix", inputs: ["x"], outputs: ["y"])])
        let model = try ONNXReader.model(from: data, source: "model.onnx")
        #expect(model.uninferredNodes == [ONNXModel.UninferredNode(node: "mix", operatorName: "Einsum", reason: "it has no equation")])
        #expect(throws: CNNCalcError(
            .shape, "CNNCalc cannot infer the output shape of this Einsum node: it has no equation",
            fix: "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator",
            layerName: "mix")) {
            try Analyzer().analyze(model.network)
        }
    }
}
