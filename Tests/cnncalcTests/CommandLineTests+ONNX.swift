import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc model.onnx`: the report of the file's nodes, counted as PyTorch does unless told otherwise.
extension CommandLineTests {
    static let onnxFixtures = Fixtures.directory.appendingPathComponent("onnx")

    @Test func onnxFileIsCountedAsPyTorchByDefault() throws {
        let result = try run([Self.onnxFixtures.appendingPathComponent("plain_cnn.onnx").path])
        #expect(result.status == 0)
        // The weights are in plain_cnn.onnx.data, which is not even present: only dims are read.
        #expect(result.stderr == "note: 8 initializers keep their values in plain_cnn.onnx.data, which CNNCalc does not open: only dims are needed (conv1.weight, conv1.bias, conv2.weight, conv2.bias, fc1.weight, ...)\n")
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
        #expect(result.stderr.hasPrefix("note: ReduceMax has no CNNCalc layer kind (1 node: /ReduceMax); its shape is the file's or inferred from its inputs, its parameters are its stored tensors\n"))
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

/// `cnncalc model.onnx` for a model with a named size besides the batch: kept open, or given by `--dim`.
extension CommandLineTests {
    static var openONNX: String { onnxFixtures.appendingPathComponent("open/sequence_conv.onnx").path }

    @Test func onnxNamedSizesStayOpen() throws {
        let result = try run([Self.openONNX])
        #expect(result.status == 0)
        #expect(result.stdout.contains("3  /valid/Conv      conv 5     16 x seq-4       1,296  1,280·seq - 5,120"))
        #expect(result.stdout.contains("Total MACs:               2,288·seq - 10,112\n"))
        #expect(result.stdout.contains("Open sizes: seq; counts that depend on them are written in them."))
        #expect(result.stderr == "note: Transpose has no CNNCalc layer kind (1 node: /Transpose); its shape is the file's or inferred from its inputs, its parameters are its stored tensors\n")
    }

    @Test func onnxDimGivesANamedSizeANumber() throws {
        let result = try run([Self.openONNX, "--dim", "seq=20"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("seq"))
        // onnx's reference runtime gives /valid/Conv 16x16 and /dilated/Conv 12x12 for 20 steps.
        #expect(result.stdout.contains("3  /valid/Conv      conv 5     16x16        1,296"))
        #expect(result.stdout.contains("5  /dilated/Conv    conv 3     12x12          588"))
        // 2,288*20 - 10,112, the open report's total at 20 steps.
        #expect(result.stdout.contains("Total MACs:               35,648\n"))
    }

    @Test func onnxDimForTheBatchPointsToBatch() throws {
        let result = try run([Self.openONNX, "--dim", "batch=8"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: 'batch' is the batch axis of \(Self.openONNX); the report is for one example; leave out --dim batch=...; use --batch N to size activation memory for a batch of N\n")
    }

    @Test func onnxDimNamingNoOpenSizeSuggestsOne() throws {
        let result = try run([Self.openONNX, "--dim", "sq=20"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: 'sq' is not an open size of the model; did you mean 'seq'?\n")
    }
}
