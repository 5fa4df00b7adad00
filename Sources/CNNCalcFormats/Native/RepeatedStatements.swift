/// The statement texts a reader has read before, each a range of the text's bytes, found by
/// their bytes without making a `String` of them.
///
/// An open-addressing table of a fixed size: a text is looked for, and kept, only within a
/// few slots of where its hash puts it, so a lookup costs a bounded number of comparisons
/// whatever the texts are. A text that finds no free slot there is not kept; it is read
/// again where it is written, as any statement is.
struct RepeatedStatements {
    /// Where a lookup ended: the index of the text found, or the free slot to keep it in.
    enum Lookup {
        /// The text was kept as the `index`th.
        case found(Int)
        /// The text is not kept; `slot`, when there is one, can keep it.
        case missing(slot: Int?)
    }

    /// The most slots a lookup reads.
    private static let probeLimit = 32

    private let bytes: [UInt8]
    /// For each slot, the index of the text kept there plus one, or 0 when it is free.
    private var slots: [Int32]
    /// The texts kept, in the order kept.
    private var ranges: [Range<Int>] = []
    private let mask: Int
    /// The most texts kept.
    let limit: Int

    /// A table for at most `limit` texts of `bytes`.
    init(bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = limit
        var size = 16
        while size < 2 * limit { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of texts kept.
    var count: Int { ranges.count }

    /// Looks for the text `range` of the bytes.
    func lookup(_ range: Range<Int>) -> Lookup {
        bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[range])
            var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
            for _ in 0..<Self.probeLimit {
                let entry = Int(slots[slot])
                if entry == 0 { return .missing(slot: slot) }
                let kept = ranges[entry - 1]
                if kept.count == text.count,
                   text.elementsEqual(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[kept])) {
                    return .found(entry - 1)
                }
                slot = (slot + 1) & mask
            }
            return .missing(slot: nil)
        }
    }

    /// Keeps the text `range` in `slot`, a free slot ``lookup(_:)`` gave for it, as the ``count``th.
    mutating func keep(_ range: Range<Int>, in slot: Int) {
        ranges.append(range)
        slots[slot] = Int32(ranges.count)
    }

    /// A hash of `text`, eight bytes at a time.
    private static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
        var hash = UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= text.count {
            hash = mix(hash ^ text.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < text.count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < text.count {
                word |= UInt64(text[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = mix(hash ^ word)
        }
        return hash ^ (hash >> 29)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 32
        return value &* 0xC4CE_B9FE_1A85_EC53
    }
}
