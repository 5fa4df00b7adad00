/// Values found by a keyword written in any spelling ``Keyword/normalized(_:)`` accepts, without
/// making a `String` of the normal spelling.
///
/// An ASCII text, the common case, is found by a hash of its normal bytes, worked out as it is
/// read, then compared with the keyword byte by byte, each byte normalized again; any other
/// text is normalized as ``Keyword`` does it and looked up in a dictionary, so that the two
/// ways give the same answers.
struct KeywordTable<Value: Sendable>: Sendable {
    /// For each slot, the index of the keyword kept there plus one, or 0 when it is free.
    private var slots: [Int32]
    private let mask: Int
    /// The bytes of every keyword, one after the other; the `i`th starts at `starts[i]` and ends at `starts[i + 1]`.
    private var keywordBytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var values: [Value] = []
    private let dictionary: [String: Value]

    /// A table of `entries`, normal spellings with their values; the first of a repeated keyword wins.
    init(_ entries: [(keyword: String, value: Value)]) {
        dictionary = Dictionary(entries.map { ($0.keyword, $0.value) }, uniquingKeysWith: { first, _ in first })
        var size = 16
        while size < 4 * dictionary.count { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        var kept: Set<String> = []
        for (keyword, value) in entries where kept.insert(keyword).inserted {
            var hash = Self.seed
            for byte in keyword.utf8 { hash = Self.hash(hash, byte) }
            var slot = Int(truncatingIfNeeded: Self.finish(hash)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            keywordBytes.append(contentsOf: keyword.utf8)
            starts.append(keywordBytes.count)
            values.append(value)
            slots[slot] = Int32(values.count)
        }
    }

    /// The value of the keyword `text` spells, in any spelling.
    func value(for text: String) -> Value? {
        // A `String`'s bytes, read in place: its `utf8` view reads each byte through the string.
        let found: Value?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var hash = Self.seed
            var count = 0
            for byte in bytes {
                // Another character than ASCII: left to `Keyword`, which lowercases it as Unicode does.
                if byte >= 0x80 { return .none }
                guard let normal = Keyword.normalASCII(byte) else { continue }
                hash = Self.hash(hash, normal)
                count += 1
            }
            var slot = Int(truncatingIfNeeded: Self.finish(hash)) & mask
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return .some(nil) }
                if starts[entry] - starts[entry - 1] == count && matches(bytes, keyword: entry - 1) { return .some(values[entry - 1]) }
                slot = (slot + 1) & mask
            }
        } ?? nil
        if let found { return found }
        return dictionary[Keyword.normalized(text)]
    }

    /// Whether the ASCII `text`, normalized, is the `index`th keyword, whose length it has.
    private func matches(_ text: UnsafeBufferPointer<UInt8>, keyword index: Int) -> Bool {
        var offset = starts[index]
        for byte in text {
            guard let normal = Keyword.normalASCII(byte) else { continue }
            if keywordBytes[offset] != normal { return false }
            offset += 1
        }
        return true
    }


    // FNV-1a, with the high half folded into the low one that picks the slot.
    private static var seed: UInt64 { 0xCBF2_9CE4_8422_2325 }
    private static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    private static func finish(_ hash: UInt64) -> UInt64 { hash ^ (hash >> 32) }
}
