import Foundation

/// Protobuf wire bytes written by hand, for the tensor values the lite schema cannot hold.
///
/// A model's bytes followed by ``graph(initializers:nodes:)`` are one model whose graph has these
/// tensors and nodes too: protobuf merges a message field that appears twice.
enum WireBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
        return bytes
    }

    static func key(_ field: Int, _ wireType: Int) -> [UInt8] {
        varint(UInt64(field << 3 | wireType))
    }

    static func varintField(_ field: Int, _ value: Int64) -> [UInt8] {
        key(field, 0) + varint(UInt64(bitPattern: value))
    }

    static func bytesField(_ field: Int, _ bytes: [UInt8]) -> [UInt8] {
        key(field, 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func stringField(_ field: Int, _ text: String) -> [UInt8] {
        bytesField(field, Array(text.utf8))
    }

    /// Little-endian int64 values, as `raw_data` holds them.
    static func raw(_ values: [Int64]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    }

    /// A `TensorProto`: dims (packed), data type, name, then `data`, fields already encoded.
    static func tensor(_ name: String, dims: [Int64], type: Int64 = 7, data: [UInt8]) -> [UInt8] {
        bytesField(1, dims.flatMap { varint(UInt64(bitPattern: $0)) }) + varintField(2, type) + stringField(8, name) + data
    }

    /// A `Constant` node named `name` whose `value` tensor is `tensor`, giving `output`.
    static func constant(_ name: String, output: String, tensor: [UInt8]) -> [UInt8] {
        let attribute = stringField(1, "value") + bytesField(5, tensor) + varintField(20, 4)
        return stringField(2, output) + stringField(3, name) + stringField(4, "Constant") + bytesField(5, attribute)
    }

    /// A `ModelProto` field 7 (the graph) holding `initializers` (field 5) and `nodes` (field 1).
    static func graph(initializers: [[UInt8]] = [], nodes: [[UInt8]] = []) -> [UInt8] {
        bytesField(7, nodes.flatMap { bytesField(1, $0) } + initializers.flatMap { bytesField(5, $0) })
    }
}
