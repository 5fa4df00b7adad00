import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc model.onnx`: the report of the file's nodes, counted as PyTorch does unless told otherwise.
extension CommandLineTests {
    static let onnxFixtures = Fixtures.directory.appendingPathComponent("onnx")

    @Test func onnxFileIsCountedAsPyTorchByDefault() throws {
        let result = try run([Self.onnxFixtures.appendingPathComponent("plain_cnn.onnx").path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("/conv1/Conv"))
        #expect(result.stdout.contains("Total parameters:           6,346"))
        #expect(result.stdout.contains("Counted as PyTorch counts"))
    }

    @Test func onnxConventionCanBeChosen() throws {
        let result = try run([Self.onnxFixtures.appendingPathComponent("residual_bn.onnx").path, "--convention", "keras"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Non-trainable parameters:        288"))
        #expect(result.stdout.contains("Counted as Keras counts"))
    }

    @Test func onnxOperatorsWithoutAFormulaAreNamed() throws {
        let result = try run([Self.onnxFixtures.appendingPathComponent("depthwise.onnx").path])
        #expect(result.status == 0)
        #expect(result.stderr == "note: ReduceMax has no CNNCalc layer kind (1 node: /ReduceMax); its shape is the file's, its parameters are its stored tensors\n")
        #expect(result.stdout.contains("Total MACs:               278,176 (partial)"))
    }

    @Test func truncatedONNXFileFails() throws {
        let whole = try Data(contentsOf: Self.onnxFixtures.appendingPathComponent("plain_cnn.onnx"))
        let file = try temporaryFile("model.onnx", contents: whole.prefix(1000))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path) is not a valid ONNX model (protobuf: truncated); check that the file is complete and was saved by onnx.save or torch.onnx.export\n")
    }
}
