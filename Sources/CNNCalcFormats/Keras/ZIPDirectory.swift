#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcZlib

/// The files of a ZIP archive held in memory, read defensively: every offset and size in the
/// directory is checked against the data, and a file is inflated with a bounded input and output.
///
/// A damaged `.keras` file must give an error, never a crash or a hang, so the directory is read
/// here, every offset checked, and zlib (the inflate every ZIP tool uses) only inflates: from the
/// file's compressed bytes and no further, into at most the size the directory states.
struct ZIPDirectory {
    /// One file of the archive.
    struct Entry {
        var name: String
        /// 0 stored, 8 deflated.
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where the file's (compressed) bytes start.
        var dataOffset: Int
    }

    /// Why an archive cannot be read.
    enum Problem: Error {
        /// The directory or a local header is damaged or lies outside the data.
        case damaged
        /// The file uses a method other than stored or deflate, or ZIP64.
        case unsupported
        /// The file unpacks to more than the limit.
        case tooLarge
    }

    let data: Data
    let entries: [Entry]

    /// Reads the directory of `data`.
    init(_ data: Data) throws(Problem) {
        self.data = data
        let bytes = [UInt8](data)
        guard let end = Self.endOfDirectory(in: bytes) else { throw .damaged }
        let entryCount = Int(Self.uint16(bytes, end + 10))
        let directorySize = Int(Self.uint32(bytes, end + 12))
        let directoryOffset = Int(Self.uint32(bytes, end + 16))
        guard directoryOffset + directorySize <= end else { throw .damaged }
        var entries: [Entry] = []
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            guard cursor + 46 <= directoryOffset + directorySize, Self.uint32(bytes, cursor) == 0x0201_4B50 else { throw .damaged }
            let method = Self.uint16(bytes, cursor + 10)
            let crc32 = Self.uint32(bytes, cursor + 16)
            let compressedSize = Int(Self.uint32(bytes, cursor + 20))
            let uncompressedSize = Int(Self.uint32(bytes, cursor + 24))
            let nameLength = Int(Self.uint16(bytes, cursor + 28))
            let extraLength = Int(Self.uint16(bytes, cursor + 30))
            let commentLength = Int(Self.uint16(bytes, cursor + 32))
            let localOffset = Int(Self.uint32(bytes, cursor + 42))
            guard cursor + 46 + nameLength <= directoryOffset + directorySize else { throw .damaged }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            cursor += 46 + nameLength + extraLength + commentLength
            guard cursor <= directoryOffset + directorySize else { throw .damaged }
            guard localOffset + 30 <= bytes.count, Self.uint32(bytes, localOffset) == 0x0403_4B50 else { throw .damaged }
            let dataOffset = localOffset + 30 + Int(Self.uint16(bytes, localOffset + 26)) + Int(Self.uint16(bytes, localOffset + 28))
            guard dataOffset + compressedSize <= bytes.count else { throw .damaged }
            entries.append(Entry(name: name, method: method, crc32: crc32, compressedSize: compressedSize,
                                 uncompressedSize: uncompressedSize, dataOffset: dataOffset))
        }
        self.entries = entries
    }

    /// The entry named `name`, if any.
    subscript(name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The unpacked contents of `entry`, at most `limit` bytes, checked against its CRC-32. Inflation stops as
    /// soon as the output passes the size the header claims, so memory stays within `limit` whatever the stream holds.
    func contents(of entry: Entry, limit: Int) throws(Problem) -> Data {
        guard entry.uncompressedSize <= limit else { throw .tooLarge }
        let start = data.startIndex + entry.dataOffset
        let compressed = data[start..<(start + entry.compressedSize)]
        switch entry.method {
        case 0:
            guard Self.crc32(compressed) == entry.crc32 else { throw .damaged }
            return Data(compressed)
        case 8:
            let output = try Self.inflate(compressed, size: entry.uncompressedSize)
            guard Self.crc32(output) == entry.crc32 else { throw .damaged }
            return output
        default:
            throw .unsupported
        }
    }

    /// The raw deflate stream `compressed` unpacked, which must end within the bytes given and
    /// unpack to exactly `size` bytes: a stream that stops early, runs on, or unpacks to more (a
    /// damaged archive, or a bomb that understates its size) is `.damaged`, and inflation stops
    /// as soon as the output would pass `size`.
    private static func inflate(_ compressed: Data, size: Int) throws(Problem) -> Data {
        // 0xFFFFFFFF marks a ZIP64 size, which this reader does not follow.
        guard size < Int(UInt32.max), compressed.count < Int(UInt32.max) else { throw .unsupported }
        var output = [UInt8](repeating: 0, count: size + 1)
        var input = [UInt8](compressed)
        var stream = z_stream()
        // Negative window bits: a raw deflate stream, as ZIP stores it, with no zlib header.
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged
        }
        defer { inflateEnd(&stream) }
        let status = input.withUnsafeMutableBufferPointer { inputBytes in
            output.withUnsafeMutableBufferPointer { outputBytes in
                stream.next_in = inputBytes.baseAddress
                stream.avail_in = uInt(inputBytes.count)
                stream.next_out = outputBytes.baseAddress
                // One byte more than the stated size: a stream that fills it unpacks to too much.
                stream.avail_out = uInt(outputBytes.count)
                return CNNCalcZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw .damaged }
        return Data(output[..<size])
    }

    /// The CRC-32 of `bytes`, as ZIP stores it.
    private static func crc32(_ bytes: some DataProtocol) -> UInt32 {
        var checksum: uLong = CNNCalcZlib.crc32(0, nil, 0)
        for region in bytes.regions {
            region.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                checksum = CNNCalcZlib.crc32(checksum, base.assumingMemoryBound(to: Bytef.self), uInt(buffer.count))
            }
        }
        return UInt32(truncatingIfNeeded: checksum)
    }

    /// The position of the end-of-central-directory record: its signature, searched from the end
    /// over the longest comment a ZIP file may carry.
    private static func endOfDirectory(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if uint32(bytes, position) == 0x0605_4B50 { return position }
            position -= 1
        }
        return nil
    }

    private static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
