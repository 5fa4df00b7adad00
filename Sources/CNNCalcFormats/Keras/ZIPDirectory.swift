#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import ZIPFoundation

/// The files of a ZIP archive held in memory, read defensively: every offset and size in the
/// directory is checked against the data, and a file is inflated with a bounded input.
///
/// ZIPFoundation's `Archive` trusts a damaged archive too far: on Linux its in-memory file traps
/// when an offset points past the end (a range with `lowerBound > upperBound`), and its inflate
/// loop never ends when a deflate stream stops early. A damaged `.keras` file must give an error,
/// never a crash or a hang, so the directory is read here and ZIPFoundation only inflates, from
/// a provider that refuses to read past the file's compressed bytes.
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
            guard Data(compressed).crc32(checksum: 0) == entry.crc32 else { throw .damaged }
            return Data(compressed)
        case 8:
            var output = Data()
            do {
                let crc = try Data.decompress(
                    size: Int64(entry.compressedSize), bufferSize: 16 * 1024, skipCRC32: false,
                    provider: { position, size in
                        // Asking past the compressed bytes means the stream never ended.
                        guard position < Int64(entry.compressedSize) else { throw Problem.damaged }
                        let from = compressed.startIndex + Int(position)
                        return Data(compressed[from..<min(from + size, compressed.endIndex)])
                    },
                    consumer: { chunk in
                        // A stream that unpacks to more than its header says is a damaged archive, or a bomb.
                        guard output.count + chunk.count <= entry.uncompressedSize else { throw Problem.damaged }
                        output.append(chunk)
                    })
                guard crc == entry.crc32 else { throw Problem.damaged }
            } catch let problem as Problem {
                throw problem
            } catch {
                throw .damaged
            }
            return output
        default:
            throw .unsupported
        }
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
