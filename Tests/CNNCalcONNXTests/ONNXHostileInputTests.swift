import CNNCalc
import CNNCalcTestSupport
import Foundation
import SwiftProtobuf
import Testing
@testable import CNNCalcONNX

/// Files built to hurt a reader: sizes that claim more than the file holds, recursion, absurd dims.
/// Each gives one error or a report, at once and in little memory.
@Suite struct ONNXHostileInputTests {
    static let fix = "check that the file is complete and was saved by onnx.save or torch.onnx.export"

    /// A protobuf varint.
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value, bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    /// A length-delimited field: its key, its length, its bytes.
    static func field(_ number: UInt64, _ bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    func readError(_ data: Data) -> CNNCalcError? {
        do {
            let model = try ONNXReader.model(from: data, source: "model.onnx")
            _ = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
            return nil
        } catch {
            return error
        }
    }

    /// Inputs the fuzzer found (`Scripts/fuzz.sh onnx`), kept in `Tests/Fixtures/fuzz/onnx/`: each
    /// once trapped, and now gives its error.
    @Test(arguments: [
        // A ConvTranspose whose `strides` attribute has no values: the message's example indexed it.
        ("conv-transpose-empty-strides.onnx", "/up/ConvTranspose: stride has no size but the input 8x8 has 2 spatial axes; give 2 sizes like 1x1 or a single number"),
    ])
    func fuzzerFinding(_ name: String, _ message: String) throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("fuzz/onnx/\(name)"))
        let error = try #require(readError(data))
        #expect(error.description == message)
    }

    @Test func graphClaimingFourGigabytesIsMalformed() throws {
        // ModelProto.graph (field 7) says it is 4 GiB long; 3 bytes follow.
        let data = Data(Self.varint(7 << 3 | 2) + Self.varint(1 << 32) + [0x0A, 0x01, 0x41])
        let error = try #require(readError(data))
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: malformed); \(Self.fix)")
    }

    @Test func nodeClaimingFourGigabytesInsideAGraphIsMalformed() throws {
        // A well-formed graph field whose one node (GraphProto.node, field 1) claims 4 GiB.
        let node = Self.varint(1 << 3 | 2) + Self.varint(0xFFFF_FFFF) + Array("Relu".utf8)
        let data = Data(Self.field(7, node))
        let error = try #require(readError(data))
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: malformed); \(Self.fix)")
    }

    @Test func subgraphsNestedTenThousandDeepAreRefused() throws {
        // graph { node { attribute { g: graph { node { attribute { g: ... } } } } } }, 10,000 deep.
        var graph: [UInt8] = Self.field(1, Self.field(4, Array("Relu".utf8)))
        for _ in 0..<10_000 {
            let attribute = Self.field(1, Array("then_branch".utf8)) + Self.field(6, graph)
            graph = Self.field(1, Self.field(4, Array("If".utf8)) + Self.field(5, attribute))
        }
        let error = try #require(readError(Data(Self.field(7, graph))))
        #expect(error.description == "model.onnx is not a valid ONNX model (protobuf: nested too deeply); \(Self.fix)")
    }

    @Test func localFunctionCallingItselfIsNotExpanded() throws {
        // model.functions holds 'Again' (domain 'local'), whose one node calls 'Again'; the graph calls it too.
        var model = Onnxlite_ModelProto()
        model.irVersion = 8
        model.graph.name = "test"
        model.graph.input = [TestGraph.valueInfo("x", ["N", 4])]
        model.graph.node = [TestGraph.node("Again", "call", inputs: ["x"], outputs: ["y"], domain: "local")]
        var function = Onnxlite_FunctionProto()
        function.name = "Again"
        function.domain = "local"
        function.input = ["a"]
        function.output = ["b"]
        function.node = [TestGraph.node("Again", "inner", inputs: ["a"], outputs: ["b"], domain: "local")]
        model.functions = [function]
        let error = try #require(readError(try model.serializedData()))
        #expect(error.description == "call: CNNCalc cannot infer the output shape of this Again node: CNNCalc has no shape rule for operators of the domain 'local'; "
            + "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator")
    }

    @Test(arguments: [
        (Int(1) << 62, "x: the output 4611686018427387904x4 has an axis of 4611686018427387904, larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; check the sizes for a typo; no real network is this large"),
        (Int(1) << 40 + 1, "x: the output 1099511627777x4 has an axis of 1099511627777, larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; check the sizes for a typo; no real network is this large"),
        (0, "model.onnx: input 'x' has the size 0 on axis 1; a size is at least 1; check the model with onnx.checker.check_model, or export it again"),
        (-3, "model.onnx: input 'x' has the size -3 on axis 1; a size is at least 1; check the model with onnx.checker.check_model, or export it again"),
    ])
    func inputSizeOutOfRangeIsOneError(size: Int, expected: String) throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", size, 4])],
            nodes: [TestGraph.node("Relu", "r", inputs: ["x"], outputs: ["y"])])
        let error = try #require(readError(data))
        #expect(error.description == expected)
    }

    @Test func productOfSizesBeyondSixtyFourBitsIsOneError() throws {
        // Four sizes of 2^20 each: 2^80 values.
        let size = 1 << 20
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", size, size, size, size])],
            nodes: [TestGraph.node("Flatten", "f", inputs: ["x"], outputs: ["y"])])
        let error = try #require(readError(data))
        #expect(error.description == "x: the size of a 1048576x1048576x1048576x1048576 tensor is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; "
            + "check the sizes for a typo; no real network is this large")
    }
}
