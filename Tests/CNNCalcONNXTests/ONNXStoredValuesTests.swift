import CNNCalc
import Foundation
import Testing
@testable import CNNCalcONNX

/// The values of small stored tensors, read from the file's bytes: every encoding ONNX allows, and damaged
/// or hostile ones, which give a clear reason or error and never a crash or a large allocation.
@Suite struct ONNXStoredValuesTests {
    /// `x` of `N x 4 x 6` reshaped by the values of `shape`, whose tensor (or Constant node) is in `extra`.
    static func reshape(_ extra: [UInt8]) throws -> Data {
        try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6])],
            nodes: [TestGraph.node("Reshape", "r", inputs: ["x", "shape"], outputs: ["y"])]) + Data(extra)
    }

    struct Encoding: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var extra: [UInt8]
        var dims: [ONNXDimension]
    }

    static let encodings: [Encoding] = [
        Encoding(testDescription: "int64 raw_data", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [2], data: WireBytes.bytesField(9, WireBytes.raw([0, -1])))]),
                 dims: [.named("N"), .size(24)]),
        Encoding(testDescription: "packed int64_data", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [3], data: WireBytes.bytesField(7, [0, 3, 8].flatMap { WireBytes.varint($0) }))]),
                 dims: [.named("N"), .size(3), .size(8)]),
        Encoding(testDescription: "unpacked int64_data", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [3], data: [0, 8, 3].flatMap { WireBytes.varintField(7, $0) })]),
                 dims: [.named("N"), .size(8), .size(3)]),
        Encoding(testDescription: "int32_data with a negative value", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [3], type: 6, data: WireBytes.bytesField(5, [0, 12, -1].flatMap { WireBytes.varint(UInt64(bitPattern: $0)) }))]),
                 dims: [.named("N"), .size(12), .size(2)]),
        Encoding(testDescription: "a Constant node", extra: WireBytes.graph(nodes: [
            WireBytes.constant("c", output: "shape", tensor: WireBytes.tensor("", dims: [2], data: WireBytes.bytesField(9, WireBytes.raw([-1, 6]))))]),
                 dims: [.symbol("N", factor: 4), .size(6)]),
    ]

    @Test(arguments: encodings) func valuesAreReadInEveryEncoding(_ encoding: Encoding) throws {
        let model = try ONNXReader.model(from: try Self.reshape(encoding.extra), source: "model.onnx")
        #expect(model.uninferredNodes.isEmpty)
        #expect(model.tensorDims["y"] == encoding.dims)
    }

    struct Damage: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var extra: [UInt8]
        var reason: String
    }

    static let damages: [Damage] = [
        Damage(testDescription: "2^62 values", extra: WireBytes.graph(initializers: [WireBytes.tensor("shape", dims: [1 << 31, 1 << 31], data: [])]),
               reason: "'shape' holds 4611686018427387904 values; CNNCalc reads at most 4096"),
        Damage(testDescription: "a count beyond 64 bits", extra: WireBytes.graph(initializers: [WireBytes.tensor("shape", dims: [1 << 40, 1 << 40], data: [])]),
               reason: "'shape' holds too many values; CNNCalc reads at most 4096"),
        Damage(testDescription: "raw_data of the wrong length", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [2], data: WireBytes.bytesField(9, Array(repeating: 0, count: 12)))]),
               reason: "the stored values of 'shape' are malformed: raw_data holds 12 bytes for 2 values"),
        Damage(testDescription: "fewer values than the dims say", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [3], data: WireBytes.bytesField(7, [0, 4].flatMap { WireBytes.varint($0) }))]),
               reason: "the stored values of 'shape' are malformed: 2 values for 3 elements"),
        Damage(testDescription: "a negative dim", extra: WireBytes.graph(initializers: [WireBytes.tensor("shape", dims: [-3], data: [])]),
               reason: "the stored values of 'shape' are malformed: a negative dim -3"),
        Damage(testDescription: "values in an external file", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [2], data: WireBytes.varintField(14, 1))]),
               reason: "the values of 'shape' are in the external data file, which CNNCalc does not read"),
        Damage(testDescription: "strings", extra: WireBytes.graph(initializers: [
            WireBytes.tensor("shape", dims: [1], type: 8, data: WireBytes.stringField(6, "a"))]),
               reason: "the values of 'shape' have element type 8, which CNNCalc does not read"),
    ]

    @Test(arguments: damages) func damagedValuesAreReportedNotRead(_ damage: Damage) throws {
        let model = try ONNXReader.model(from: try Self.reshape(damage.extra), source: "model.onnx")
        let reason = "its target shape 'shape' is not known: \(damage.reason)"
        #expect(model.uninferredNodes == [ONNXModel.UninferredNode(node: "r", operatorName: "Reshape", reason: reason)])
        #expect(model.tensorDims["y"] == nil)
        #expect(throws: CNNCalcError(
            .shape, "CNNCalc cannot infer the output shape of this Reshape node: \(reason)",
            fix: "store the shapes in the file (in Python: onnx.shape_inference.infer_shapes), or replace the operator",
            layerName: "r")) {
            try Analyzer().analyze(model.network)
        }
    }

    /// A packed varint cut by the end of its field: the generated decoder skips the field whole, the values' reader stops at it.
    @Test func truncatedPackedVarint() throws {
        let data = try Self.reshape(WireBytes.graph(initializers: [WireBytes.tensor("shape", dims: [2], data: WireBytes.bytesField(7, [0x00, 0x80]))]))
        let model = try ONNXReader.model(from: data, source: "model.onnx")
        // The cut varint is the file's last byte.
        #expect(model.uninferredNodes.map(\.reason) == [
            "its target shape 'shape' is not known: the stored values of 'shape' are malformed: a varint is cut by the end of its message (byte \(data.count - 1))",
        ])
    }

    /// A target shape computed from the data of an example is not a constant CNNCalc can read.
    @Test func targetShapeFromData() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 4, 6]), TestGraph.valueInfo("t", ["N", 2])],
            nodes: [TestGraph.node("Reshape", "r", inputs: ["x", "t"], outputs: ["y"])])
        let model = try ONNXReader.model(from: data, source: "model.onnx")
        #expect(model.uninferredNodes.map(\.reason) == ["its target shape 't' is not known: 't' is computed from the data of an example, not from constants"])
    }
}

/// The index of stored tensors reads the file's fields itself: broken framing is an error with its byte offset.
@Suite struct StoredValuesFramingTests {
    static let cases: [(bytes: [UInt8], error: WireError)] = [
        // Field 7 (the graph) claiming 2^62 - 1 bytes.
        ([0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F], WireError(offset: 1, problem: "a length of 4611686018427387903 bytes runs past the end of its message")),
        // A key with its varint cut.
        // Field 7 claiming 2 bytes where 1 is left.
        ([0x3A, 0x02, 0x2A], WireError(offset: 1, problem: "a length of 2 bytes runs past the end of its message")),
        ([0x08] + Array(repeating: 0xFF, count: 11), WireError(offset: 1, problem: "a varint is longer than 10 bytes")),
        ([0x80], WireError(offset: 0, problem: "a varint is cut by the end of its message")),
        ([0x0B], WireError(offset: 1, problem: "a group field, which ONNX does not use")),
        ([0x00], WireError(offset: 0, problem: "field key 0 has no valid wire type or number")),
    ]

    @Test(arguments: 0..<6) func brokenFramingIsAnError(_ index: Int) {
        let expected = Self.cases[index].error
        do {
            _ = try StoredValues(model: Data(Self.cases[index].bytes))
            Issue.record("no error for case \(index)")
        } catch {
            #expect(error.offset == expected.offset)
            #expect(error.problem.hasPrefix(expected.problem), "\(error.problem)")
        }
    }

    /// The reader turns a framing error into one clear error naming the file.
    @Test func readerNamesTheFile() throws {
        // A valid empty graph followed by a graph field whose initializer claims more bytes than there are:
        // the generated decoder refuses it first.
        let data = try TestGraph.serialized(inputs: [TestGraph.valueInfo("x", ["N", 4])], nodes: []) + Data([0x3A, 0x03, 0x2A, 0x09, 0x00])
        #expect(throws: CNNCalcError(.input, "model.onnx is not a valid ONNX model (protobuf: truncated)",
                                     fix: "check that the file is complete and was saved by onnx.save or torch.onnx.export")) {
            try ONNXReader.model(from: data, source: "model.onnx")
        }
    }
}
