/// A bounds-checked reader of protobuf's wire format over a range of bytes, for the few fields
/// the generated decoder is told to skip (the values of small tensors).
///
/// Every read checks the remaining bytes first: a varint longer than 10 bytes or cut by the end,
/// a length past the end of the enclosing message, or a group (wire types 3 and 4, which ONNX
/// never writes) throws a ``WireError`` with the byte offset. Nothing is allocated from a length
/// read in the file; callers bound any count they keep.
struct WireReader {
    /// The wire types of protobuf.
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var position: Int
    /// The offset just past the last byte of the message being read.
    let end: Int

    /// A reader of `range` (offsets into `bytes`), which must lie inside `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "the range lies inside the buffer")
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    func failure(_ problem: String) -> WireError {
        WireError(offset: position, problem: problem)
    }

    /// The next varint, at most 10 bytes.
    mutating func varint() throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            guard position < end else { throw WireError(offset: start, problem: "a varint is cut by the end of its message") }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw WireError(offset: start, problem: "a varint is longer than 10 bytes") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// The next field's number and wire type, or `nil` at the end of the message.
    mutating func field() throws(WireError) -> (number: UInt64, type: WireType)? {
        guard !isAtEnd else { return nil }
        let start = position
        let key = try varint()
        guard let type = WireType(rawValue: UInt8(key & 7)), key >> 3 != 0 else {
            throw WireError(offset: start, problem: "field key \(key) has no valid wire type or number")
        }
        return (key >> 3, type)
    }

    /// The range of the next length-delimited value, checked against the end of the message.
    mutating func lengthDelimited() throws(WireError) -> Range<Int> {
        let start = position
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw WireError(offset: start, problem: "a length of \(length) bytes runs past the end of its message")
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// Eight little-endian bytes.
    mutating func fixed64() throws(WireError) -> UInt64 {
        try fixed(8)
    }

    /// Four little-endian bytes.
    mutating func fixed32() throws(WireError) -> UInt32 {
        UInt32(truncatingIfNeeded: try fixed(4))
    }

    private mutating func fixed(_ count: Int) throws(WireError) -> UInt64 {
        guard end - position >= count else { throw failure("a \(count)-byte value is cut by the end of its message") }
        var value: UInt64 = 0
        for index in 0..<count {
            value |= UInt64(bytes[position + index]) << (8 * UInt64(index))
        }
        position += count
        return value
    }

    /// Skips the value of a field of wire type `type`.
    mutating func skip(_ type: WireType) throws(WireError) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup, .endGroup: throw failure("a group field, which ONNX does not use")
        }
    }

    /// The UTF-8 text of `range`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// A malformed protobuf value: where it is and what is wrong.
struct WireError: Error, Hashable {
    /// The byte offset of the value in the file.
    var offset: Int
    /// What is wrong with it.
    var problem: String
}
