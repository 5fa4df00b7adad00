import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing
@testable import CNNCalcONNX

/// Graphs written here, without value_info unless a test says so: what the inference does when the file
/// disagrees, when a size is named, when an operator cannot be inferred, and at the limits.
@Suite struct ONNXShapeInferenceTests {
    static let fix = "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator"

    func read(_ data: Data, symbolSizes: [String: Int] = [:]) throws -> ONNXModel {
        try ONNXReader.model(from: data, source: "model.onnx", symbolSizes: symbolSizes)
    }

    /// The file declares `N x 4 x 6` for a Transpose whose perm gives `N x 6 x 4`: the file's shape is used,
    /// and the disagreement is listed.
    @Test func declaredShapeWinsOverTheInferredOne() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6])],
            nodes: [TestGraph.node("Transpose", "t", inputs: ["x"], outputs: ["y"], attributes: [TestGraph.ints("perm", [0, 2, 1])])],
            valueInfo: [TestGraph.valueInfo("y", ["N", 4, 6])])
        let model = try read(data)
        #expect(model.tensorDims["y"] == [.named("N"), .size(4), .size(6)])
        #expect(model.shapeConflicts == [ONNXModel.ShapeConflict(
            tensor: "y", node: "t", declared: [.named("N"), .size(4), .size(6)], inferred: [.named("N"), .size(6), .size(4)])])
        let report = try Analyzer().analyze(model.network)
        #expect(report.layers.last?.outputShape.dimensions(in: .channelsFirst) == [4, 6])
    }

    /// An axis the file leaves unknown (or names with a symbol no input has) is filled in from the inputs.
    @Test func unknownDeclaredAxesAreFilledIn() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6])],
            nodes: [TestGraph.node("Transpose", "t", inputs: ["x"], outputs: ["y"], attributes: [TestGraph.ints("perm", [0, 2, 1])])],
            valueInfo: [TestGraph.valueInfo("y", ["unk__0", "unk__1", 4])])
        let model = try read(data)
        #expect(model.tensorDims["y"] == [.named("N"), .size(6), .size(4)])
        #expect(model.shapeConflicts.isEmpty)
    }

    /// `symbolSizes` gives named sizes: an input of `N x 3 x height x width` reads with both given.
    @Test func symbolSizesFixNamedSizes() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("image", ["N", 3, "height", "width"])],
            nodes: [TestGraph.node("Flatten", "f", inputs: ["image"], outputs: ["y"], attributes: [TestGraph.int("axis", 2)])])
        let model = try read(data, symbolSizes: ["height": 8, "width": 6])
        #expect(model.tensorDims["y"] == [.symbol("N", factor: 3), .size(48)])
        let report = try Analyzer().analyze(model.network)
        #expect(report.layers.map { $0.outputShape.dimensions(in: .channelsFirst) } == [[3, 8, 6], [3, 48]])
        // Binding the batch too makes it a fixed size everywhere.
        let fixed = try read(data, symbolSizes: ["height": 8, "width": 6, "N": 2])
        #expect(fixed.tensorDims["y"] == [.size(6), .size(48)])
        // Without them, the input is refused as before.
        #expect(throws: CNNCalcError(
            .badArgument, "model.onnx: input 'image' has an open size 'height' on axis 2, and this reading needs a number for every size but the batch (axis 0)",
            fix: "give it one (cnncalc model.onnx --dim height=N, which also reports with it open; symbolSizes in the library), or export with a fixed size")) {
            try read(data, symbolSizes: ["width": 6])
        }
        #expect(throws: CNNCalcError(.badArgument, "the size 0 given for 'height' is not positive", fix: "give each named size a whole number of at least 1")) {
            try read(data, symbolSizes: ["height": 0])
        }
    }

    /// An operator of another domain has no rule; the file's declared shape after it is used all the same.
    @Test func declaredShapesResumeAfterAnUnknownOperator() throws {
        let nodes = [
            TestGraph.node("Foo", "foo", inputs: ["x"], outputs: ["f"], domain: "com.example"),
            TestGraph.node("Transpose", "t", inputs: ["f"], outputs: ["y"]),
        ]
        let declared = try read(try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])], nodes: nodes, valueInfo: [TestGraph.valueInfo("f", ["N", 4, 2])]))
        #expect(declared.uninferredNodes.isEmpty)
        #expect(declared.tensorDims["y"] == [.size(2), .size(4), .named("N")])

        let undeclared = try read(try TestGraph.serialized(inputs: [TestGraph.valueInfo("x", ["N", 4])], nodes: nodes))
        let reason = "CNNCalc has no shape rule for operators of the domain 'com.example'"
        #expect(undeclared.uninferredNodes == [ONNXModel.UninferredNode(node: "foo", operatorName: "Foo", reason: reason)])
        #expect(undeclared.tensorDims["y"] == nil)
        #expect(throws: CNNCalcError(.shape, "CNNCalc cannot infer the output shape of this Foo node: \(reason)", fix: Self.fix, layerName: "foo")) {
            try Analyzer().analyze(undeclared.network)
        }
    }

    /// A node whose shape input CNNCalc cannot compute names that node; the layer after it says where its unknown shape comes from.
    @Test func unknownShapesNameTheirCause() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])],
            nodes: [
                TestGraph.node("MakeShape", "make", inputs: ["k"], outputs: ["s"], domain: "com.example"),
                TestGraph.node("Add", "add", inputs: ["x", "s"], outputs: ["y"]),
            ],
            initializers: [TestGraph.initializer("k", [2], type: 7)])
        let model = try read(data)
        let reason = "CNNCalc has no shape rule for operators of the domain 'com.example'"
        #expect(model.uninferredNodes == [ONNXModel.UninferredNode(node: "make", operatorName: "MakeShape", reason: reason)])
        #expect(throws: CNNCalcError(
            .shape, "CNNCalc cannot infer the output shape of this Add node: it depends on node 'make' (MakeShape), whose output shape CNNCalc cannot infer: \(reason)",
            fix: Self.fix, layerName: "add")) {
            try Analyzer().analyze(model.network)
        }
    }

    @Test(arguments: [
        ("NonZero", "the number of non-zero values depends on the data"),
        ("Unknown", "CNNCalc has no shape rule for the operator Unknown"),
    ]) func operatorsWithoutARuleAreNamed(_ op: String, _ reason: String) throws {
        let model = try read(try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])], nodes: [TestGraph.node(op, "n", inputs: ["x"], outputs: ["y"])]))
        #expect(model.uninferredNodes == [ONNXModel.UninferredNode(node: "n", operatorName: op, reason: reason)])
    }

    /// Reshape's target comes from the Shape of its own output's successor: a cycle, with no shapes declared.
    @Test func cycleThroughAShapeSubgraph() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6])],
            nodes: [
                TestGraph.node("Reshape", "r", inputs: ["x", "s"], outputs: ["y"]),
                TestGraph.node("Relu", "a", inputs: ["y"], outputs: ["z"]),
                TestGraph.node("Shape", "sh", inputs: ["z"], outputs: ["s"]),
            ])
        let model = try read(data)
        #expect(model.tensorDims["y"] == nil)
        #expect(throws: CNNCalcError(
            .shape, "CNNCalc cannot infer the output shape of this Reshape node: it is on a cycle of the graph, or after one",
            fix: Self.fix, layerName: "r")) {
            try Analyzer().analyze(model.network)
        }
    }

    @Test func shapeInputNothingProduces() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6])],
            nodes: [TestGraph.node("Reshape", "r", inputs: ["x", "ghost"], outputs: ["y"])])
        #expect(throws: CNNCalcError(
            .graph, "model.onnx: node 'r' (Reshape) reads 'ghost', which no node produces and which is neither a graph input nor an initializer",
            fix: "check that the model was saved whole (onnx.checker.check_model finds this too)")) {
            try read(data)
        }
    }

    /// Negative pads crop: 5 - 1 - 1 = 3 rows, 5 + 0 - 2 = 3 columns.
    @Test func negativePadsCrop() throws {
        let pads = WireBytes.tensor("pads", dims: [8], data: WireBytes.bytesField(9, WireBytes.raw([0, 0, -1, 0, 0, 0, -1, -2])))
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 3, 5, 5])],
            nodes: [TestGraph.node("Pad", "p", inputs: ["x", "pads"], outputs: ["y"])]) + Data(WireBytes.graph(initializers: [pads]))
        #expect(try read(data).tensorDims["y"] == [.named("N"), .size(3), .size(3), .size(3)])
    }

    /// Without axes, Squeeze removes the axes of size 1; the batch, a named size, stays (as onnx's shape inference keeps it).
    @Test func squeezeWithoutAxesKeepsTheBatch() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 1, 4, 1])],
            nodes: [TestGraph.node("Squeeze", "s", inputs: ["x"], outputs: ["y"])])
        #expect(try read(data).tensorDims["y"] == [.named("N"), .size(4)])
    }

    /// Six axes with the batch: inferred, but more than a CNNCalc shape holds.
    @Test func moreAxesThanAShapeHolds() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 2, 3, 4])],
            nodes: [TestGraph.node("Unsqueeze", "u", inputs: ["x"], outputs: ["y"], attributes: [TestGraph.ints("axes", [2, 3])])])
        let model = try read(data)
        #expect(model.tensorDims["y"] == [.named("N"), .size(2), .size(1), .size(1), .size(3), .size(4)])
        #expect(throws: CNNCalcError(
            .shape, "CNNCalc cannot infer the output shape of this Unsqueeze node: its output N x 2 x 1 x 1 x 3 x 4 has 5 axes besides the batch; CNNCalc represents at most 4 (channels and 3 spatial axes)",
            fix: Self.fix, layerName: "u")) {
            try Analyzer().analyze(model.network)
        }
    }

    /// A file that declares a billion values for a shape vector of 2: its values are not folded (which would
    /// walk the billion), and the disagreement is listed.
    @Test func inconsistentDeclarationsAreNotFolded() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])],
            nodes: [
                TestGraph.node("Shape", "shape", inputs: ["x"], outputs: ["s"]),
                TestGraph.node("Gather", "g", inputs: ["s", "none"], outputs: ["t"], attributes: [TestGraph.int("axis", 1)]),
                TestGraph.node("Reshape", "r", inputs: ["x", "t"], outputs: ["y"]),
            ],
            initializers: [TestGraph.initializer("none", [0], type: 7)],
            valueInfo: [TestGraph.valueInfo("s", [1_000_000_000, 4])])
        let model = try read(data)
        #expect(model.shapeConflicts.map(\.tensor) == ["s"])
        #expect(model.tensorDims["t"] == [.size(1_000_000_000), .size(0)])
        #expect(model.uninferredNodes.map(\.node) == ["r"])
    }

    /// A Sub with one input (which onnx.checker refuses) and a ConvTranspose whose kernel_shape has one size
    /// for two spatial axes: errors, not crashes.
    @Test func malformedNodesAreErrors() throws {
        let values = WireBytes.tensor("k", dims: [2], data: WireBytes.bytesField(9, WireBytes.raw([0, -1])))
        let sub = try read(try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4])],
            nodes: [
                TestGraph.node("Sub", "bad", inputs: ["k"], outputs: ["s"]),
                TestGraph.node("Reshape", "r", inputs: ["x", "s"], outputs: ["y"]),
            ]) + Data(WireBytes.graph(initializers: [values])))
        #expect(sub.uninferredNodes.map(\.reason) == [
            "its target shape 's' is not known: node 'bad' computes it with Sub, whose values CNNCalc does not compute",
        ])
        let deconv = try read(try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 3, 8, 8])],
            nodes: [TestGraph.node("ConvTranspose", "up", inputs: ["x", "w"], outputs: ["y"], attributes: [TestGraph.ints("kernel_shape", [3])])],
            initializers: [TestGraph.initializer("w", [3, 2, 3, 3], type: 1)]))
        #expect(deconv.uninferredNodes == [ONNXModel.UninferredNode(
            node: "up", operatorName: "ConvTranspose",
            reason: "kernel_shape, strides, dilations, output_padding and pads do not match its 2 spatial axes")])
        #expect(throws: CNNCalcError.self) { try Analyzer().analyze(deconv.network) }
    }

    /// The declared fixtures keep their file shapes, and the inference agrees with every one of them.
    @Test(arguments: ["plain_cnn.onnx", "residual_bn.onnx", "depthwise.onnx", "lstm.onnx", "gru.onnx", "transformer.onnx", "tied.onnx", "assorted.onnx"])
    func declaredFixturesAgreeWithTheInference(_ file: String) throws {
        let model = try ONNXReader.model(atPath: Fixtures.directory.appendingPathComponent("onnx/\(file)").path)
        #expect(model.shapeConflicts.isEmpty)
        #expect(model.uninferredNodes.isEmpty)
    }
}
