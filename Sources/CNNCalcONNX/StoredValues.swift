#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The values of the small tensors a model stores, read from the file's bytes on demand.
///
/// The generated decoder skips every tensor's data, so that weights are never copied. Shape
/// inference needs a few values all the same: the target of a `Reshape`, the `pads` of a `Pad`,
/// the `scales` of a `Resize`, the indices a `Gather` picks from a shape. This index finds, in one
/// pass over the graph's fields, where each initializer and each `Constant` (or
/// `ConstantOfShape`) node's `value` tensor lies in the file; it keeps only those byte ranges.
/// ``values(of:)`` then decodes one tensor when asked: integers or floating-point values
/// (`raw_data` little-endian, or the typed `int64_data`, `int32_data`, `float_data`, `double_data`
/// fields, packed or not) of at most ``maximumElements`` elements. Larger tensors, other types,
/// and values in external data files are not read.
///
/// The bytes stay in the memory-mapped `Data` the model was read from: no weight is copied, and
/// only the pages holding the tensors asked for are touched.
struct StoredValues {
    /// The largest tensor whose values are read.
    static let maximumElements = 4096

    private let data: Data
    /// Initializer name, the output of a `Constant` node, or ``fillKey(_:)`` of a `ConstantOfShape` node's output →
    /// the byte range of its `TensorProto`.
    private(set) var tensors: [String: Range<Int>] = [:]

    /// An index with nothing in it, for graphs built without a file.
    init() {
        data = Data()
    }

    /// Indexes the tensors of the model serialized in `data`.
    ///
    /// - Throws: ``WireError`` when the model's fields are malformed.
    init(model data: Data) throws(WireError) {
        self.data = data
        let found: Result<[String: Range<Int>], WireError> = data.withUnsafeBytes { buffer in
            var index: [String: Range<Int>] = [:]
            do throws(WireError) {
                try Self.scanModel(buffer, into: &index)
                return .success(index)
            } catch {
                return .failure(error)
            }
        }
        tensors = try found.get()
    }

    // MARK: - Finding the tensors

    private static func scanModel(_ buffer: UnsafeRawBufferPointer, into index: inout [String: Range<Int>]) throws(WireError) {
        var model = WireReader(buffer, range: 0..<buffer.count)
        while let (number, type) = try model.field() {
            if number == 7, type == .lengthDelimited {
                try scanGraph(buffer, range: try model.lengthDelimited(), into: &index)
            } else {
                try model.skip(type)
            }
        }
    }

    private static func scanGraph(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, into index: inout [String: Range<Int>]) throws(WireError) {
        var graph = WireReader(buffer, range: range)
        while let (number, type) = try graph.field() {
            switch (number, type) {
            case (1, .lengthDelimited):
                try scanNode(buffer, range: try graph.lengthDelimited(), into: &index)
            case (5, .lengthDelimited):
                let tensor = try graph.lengthDelimited()
                if let name = try tensorName(buffer, range: tensor), index[name] == nil { index[name] = tensor }
            default:
                try graph.skip(type)
            }
        }
    }

    /// A `Constant` or `ConstantOfShape` node: its `value` attribute's tensor, under the node's first output.
    private static func scanNode(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, into index: inout [String: Range<Int>]) throws(WireError) {
        var node = WireReader(buffer, range: range)
        var output: String?
        var opType = ""
        var domain = ""
        var attributes: [Range<Int>] = []
        while let (number, type) = try node.field() {
            switch (number, type) {
            case (2, .lengthDelimited):
                let text = node.string(try node.lengthDelimited())
                if output == nil { output = text }
            case (4, .lengthDelimited):
                opType = node.string(try node.lengthDelimited())
            case (7, .lengthDelimited):
                domain = node.string(try node.lengthDelimited())
            case (5, .lengthDelimited):
                attributes.append(try node.lengthDelimited())
            default:
                try node.skip(type)
            }
        }
        guard opType == "Constant" || opType == "ConstantOfShape", domain.isEmpty || domain == "ai.onnx",
              let output, !output.isEmpty else { return }
        let key = opType == "Constant" ? output : fillKey(output)
        guard index[key] == nil else { return }
        for attribute in attributes {
            var reader = WireReader(buffer, range: attribute)
            var name = ""
            var tensor: Range<Int>?
            while let (number, type) = try reader.field() {
                switch (number, type) {
                case (1, .lengthDelimited): name = reader.string(try reader.lengthDelimited())
                case (5, .lengthDelimited): tensor = try reader.lengthDelimited()
                default: try reader.skip(type)
                }
            }
            if name == "value", let tensor {
                index[key] = tensor
                return
            }
        }
    }

    /// The key of a `ConstantOfShape` node's fill value, apart from the names of tensors (which hold no NUL).
    static func fillKey(_ output: String) -> String {
        "\u{0}fill:" + output
    }

    private static func tensorName(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) throws(WireError) -> String? {
        var tensor = WireReader(buffer, range: range)
        var name: String?
        while let (number, type) = try tensor.field() {
            if number == 8, type == .lengthDelimited {
                name = tensor.string(try tensor.lengthDelimited())
            } else {
                try tensor.skip(type)
            }
        }
        return name
    }

    // MARK: - Reading one tensor

    /// Why a stored tensor's values cannot be read.
    enum Unreadable: Error, Hashable {
        case notStored
        case external
        case tooLarge(Int)
        case unsupportedType(Int32)
        case malformed(String)
    }

    /// The values of the stored tensor `name`.
    func values(of name: String) -> Result<DecodedTensor, Unreadable> {
        guard let range = tensors[name] else { return .failure(.notStored) }
        return data.withUnsafeBytes { buffer in
            do throws(WireError) {
                return try Self.decode(buffer, range: range)
            } catch {
                return .failure(.malformed("\(error.problem) (byte \(error.offset))"))
            }
        }
    }

    /// A decoded tensor: its dims and its values, integers or floating point.
    struct DecodedTensor: Hashable {
        var dims: [Int]
        var values: TensorValues
    }

    private static func decode(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) throws(WireError) -> Result<DecodedTensor, Unreadable> {
        var reader = WireReader(buffer, range: range)
        var dims: [Int] = []
        var dataType: Int32 = 0
        var raw: Range<Int>?
        var isExternal = false
        var integers: [Int64] = []
        var floats: [Double] = []
        var tooMany = false
        func keep<T>(_ value: T, in list: inout [T]) {
            if list.count <= maximumElements { list.append(value) } else { tooMany = true }
        }
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .varint):
                let dim = Int64(bitPattern: try reader.varint())
                if dims.count < 64 { dims.append(Int(dim)) } else { tooMany = true }
            case (1, .lengthDelimited):
                var packed = WireReader(buffer, range: try reader.lengthDelimited())
                while !packed.isAtEnd {
                    let dim = Int64(bitPattern: try packed.varint())
                    if dims.count < 64 { dims.append(Int(dim)) } else { tooMany = true }
                }
            case (2, .varint):
                dataType = Int32(truncatingIfNeeded: try reader.varint())
            case (5, .varint), (7, .varint), (11, .varint):
                // int32_data holds int32, int16, int8, uint16, uint8 and bool values, sign-extended to 64 bits;
                // int64_data int64 values; uint64_data uint32 and uint64 values.
                keep(Int64(bitPattern: try reader.varint()), in: &integers)
            case (5, .lengthDelimited), (7, .lengthDelimited), (11, .lengthDelimited):
                var packed = WireReader(buffer, range: try reader.lengthDelimited())
                while !packed.isAtEnd && !tooMany { keep(Int64(bitPattern: try packed.varint()), in: &integers) }
            case (4, .fixed32):
                keep(Double(Float(bitPattern: try reader.fixed32())), in: &floats)
            case (4, .lengthDelimited):
                var packed = WireReader(buffer, range: try reader.lengthDelimited())
                while !packed.isAtEnd && !tooMany { keep(Double(Float(bitPattern: try packed.fixed32())), in: &floats) }
            case (10, .fixed64):
                keep(Double(bitPattern: try reader.fixed64()), in: &floats)
            case (10, .lengthDelimited):
                var packed = WireReader(buffer, range: try reader.lengthDelimited())
                while !packed.isAtEnd && !tooMany { keep(Double(bitPattern: try packed.fixed64()), in: &floats) }
            case (9, .lengthDelimited):
                raw = try reader.lengthDelimited()
            case (14, .varint):
                isExternal = try reader.varint() == 1
            default:
                try reader.skip(type)
            }
        }
        if isExternal { return .failure(.external) }
        var count = 1
        for dim in dims {
            guard dim >= 0 else { return .failure(.malformed("a negative dim \(dim)")) }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { return .failure(.tooLarge(Int.max)) }
            count = product
        }
        guard count <= maximumElements, !tooMany else { return .failure(.tooLarge(count)) }
        let values: TensorValues
        switch dataType {
        case 7, 6, 5, 4, 3, 2, 9, 12, 13:
            if let raw {
                guard let decoded = integersFromRaw(buffer, raw, type: dataType, count: count) else {
                    return .failure(.malformed("raw_data holds \(raw.count) bytes for \(count) values"))
                }
                values = .ints(decoded.map { .size($0) })
            } else {
                guard integers.count == count else {
                    return .failure(.malformed("\(integers.count) values for \(count) elements"))
                }
                values = .ints(integers.map { .size(Int(dataType == 6 ? Int64(Int32(truncatingIfNeeded: $0)) : $0)) })
            }
        case 1, 11, 10, 16:
            if let raw {
                guard let decoded = floatsFromRaw(buffer, raw, type: dataType, count: count) else {
                    return .failure(.malformed("raw_data holds \(raw.count) bytes for \(count) values"))
                }
                values = .floats(decoded)
            } else if dataType == 10 || dataType == 16 {
                // float16 and bfloat16 values without raw_data are their bits in int32_data.
                guard integers.count == count else { return .failure(.malformed("\(integers.count) values for \(count) elements")) }
                values = .floats(integers.map { halfBits(UInt16(truncatingIfNeeded: $0), type: dataType) })
            } else {
                guard floats.count == count else { return .failure(.malformed("\(floats.count) values for \(count) elements")) }
                values = .floats(floats)
            }
        default:
            return .failure(.unsupportedType(dataType))
        }
        return .success(DecodedTensor(dims: dims, values: values))
    }

    private static func elementSize(_ type: Int32) -> Int {
        switch type {
        case 7, 13, 11: 8
        case 6, 12, 1: 4
        case 5, 4, 10, 16: 2
        default: 1
        }
    }

    private static func littleEndian(_ buffer: UnsafeRawBufferPointer, at offset: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<size { value |= UInt64(buffer[offset + index]) << (8 * UInt64(index)) }
        return value
    }

    private static func integersFromRaw(_ buffer: UnsafeRawBufferPointer, _ raw: Range<Int>, type: Int32, count: Int) -> [Int]? {
        let size = elementSize(type)
        guard raw.count == count * size else { return nil }
        return (0..<count).map { index in
            let bits = littleEndian(buffer, at: raw.lowerBound + index * size, size: size)
            switch type {
            case 7, 13: return Int(Int64(bitPattern: bits))
            case 6: return Int(Int32(truncatingIfNeeded: bits))
            case 5: return Int(Int16(truncatingIfNeeded: bits))
            case 3: return Int(Int8(truncatingIfNeeded: bits))
            default: return Int(bits)
            }
        }
    }

    private static func floatsFromRaw(_ buffer: UnsafeRawBufferPointer, _ raw: Range<Int>, type: Int32, count: Int) -> [Double]? {
        let size = elementSize(type)
        guard raw.count == count * size else { return nil }
        return (0..<count).map { index in
            let bits = littleEndian(buffer, at: raw.lowerBound + index * size, size: size)
            switch type {
            case 11: return Double(bitPattern: bits)
            case 1: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            default: return halfBits(UInt16(truncatingIfNeeded: bits), type: type)
            }
        }
    }

    /// A float16 (`type` 10) or bfloat16 (16) value from its bits.
    private static func halfBits(_ bits: UInt16, type: Int32) -> Double {
        if type == 16 { return Double(Float(bitPattern: UInt32(bits) << 16)) }
        let sign: Double = bits & 0x8000 == 0 ? 1 : -1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

/// The values of a small tensor, row-major: integers (sizes, indices, booleans as 0 and 1) or floating point.
///
/// Integers may be named sizes: the values of `Shape(x)` for an `x` of shape `batch x 3` are `batch, 3`.
enum TensorValues: Hashable {
    case ints([ONNXDimension])
    case floats([Double])

    var count: Int {
        switch self {
        case .ints(let values): values.count
        case .floats(let values): values.count
        }
    }
}
