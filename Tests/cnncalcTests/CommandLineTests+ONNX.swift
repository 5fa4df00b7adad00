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
        #expect(result.stderr == "note: ReduceMax has no CNNCalc layer kind (1 node: /ReduceMax); its shape is the file's or inferred from its inputs, its parameters are its stored tensors\n")
        #expect(result.stdout.contains("Total MACs:               278,176 (partial)"))
    }

    /// A model saved without value_info: every shape is inferred, the Reshape's from the shape subgraph of view().
    @Test func onnxShapesAreInferredWithoutValueInfo() throws {
        let path = Self.onnxFixtures.appendingPathComponent("inferred/view_flatten_legacy.onnx").path
        let explain = try run([path, "--explain"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("/Reshape: Reshape <- /Relu\n"))
        #expect(explain.stdout.contains("    output: 512, inferred: Reshape to [batch, -1]\n"))
        let table = try run([path])
        #expect(table.stdout.contains("Total parameters:          5,444\n"))
    }

    /// NonZero's output depends on the data: the analysis stops there, naming it and why.
    @Test func onnxShapeThatCannotBeInferredStopsWithItsReason() throws {
        let result = try run([Self.onnxFixtures.appendingPathComponent("inferred/nonzero.onnx").path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: nonzero: CNNCalc cannot infer the output shape of this NonZero node: the number of non-zero values depends on the data; fix: store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator\n")
    }

    @Test func truncatedONNXFileFails() throws {
        let whole = try Data(contentsOf: Self.onnxFixtures.appendingPathComponent("plain_cnn.onnx"))
        let file = try temporaryFile("model.onnx", contents: whole.prefix(1000))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path) is not a valid ONNX model (protobuf: truncated); check that the file is complete and was saved by onnx.save or torch.onnx.export\n")
    }

    @Test func onnxDepthGroupsTheRowsIntoModules() throws {
        let path = Self.onnxFixtures.appendingPathComponent("residual_bn.onnx").path
        let result = try run([path, "--depth", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("23 layers in 22 rows to depth 2, shapes per example"))
        #expect(result.stdout.contains("16-17  /block2/shortcut         2 layers       32x16x16         576  139.3K  278.5K\n"))
        #expect(result.stdout.contains("Total parameters:             19,994"))
        let json = try run([path, "--depth", "1", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"groups\" : ["))
        #expect(!(try run([path, "--format", "json"])).stdout.contains("\"groups\""))
    }

    @Test func depthIsAUsageErrorWithExplainCompareOrANegativeValue() throws {
        let path = Self.onnxFixtures.appendingPathComponent("residual_bn.onnx").path
        let explain = try run([path, "--depth", "1", "--explain"])
        #expect(explain.status == 2)
        #expect(explain.stdout.isEmpty)
        #expect(explain.stderr.contains("Error: --depth groups the table and the JSON; --explain shows every layer, so use one or the other\n"))
        let compare = try run([path, "--depth", "1", "--compare"])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("Error: --compare prints its own table; use it without --depth\n"))
        let negative = try run([path, "--depth=-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("Error: --depth must be between 0 and 1,000, not -1\n"))
    }
}
