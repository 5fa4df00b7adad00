/// How the format compares its keywords: kinds, option keys, activations and layouts.
enum Keyword {
    /// `text` lowercased and without `_` or `-`: `Max_Pool2d`, `maxpool2d` and `max-pool2d`
    /// all become `maxpool2d`, and `ceil_mode` becomes `ceilmode`.
    static func normalized(_ text: String) -> String {
        // ASCII alone, the common case, a byte at a time (read in place, which the `utf8` view
        // does not); most keywords are already normal. `nil` for other characters.
        let isNormal: Bool? = text.utf8.withContiguousStorageIfAvailable(isNormalASCII) ?? isNormalASCII(Array(text.utf8))
        guard let isNormal else { return String(text.lowercased().filter { $0 != "_" && $0 != "-" }) }
        if isNormal { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if let normal = normalASCII(byte) { bytes.append(normal) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ASCII `byte` as a normal keyword has it: lowercased, or `nil` for `_` and `-`, which
    /// normalizing drops.
    static func normalASCII(_ byte: UInt8) -> UInt8? {
        if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { return nil }
        return byte &- UInt8(ascii: "A") < 26 ? byte + 32 : byte
    }

    /// Whether the UTF-8 `bytes` are ASCII already normal, or `nil` when they are not ASCII alone.
    private static func isNormalASCII(_ bytes: some Collection<UInt8>) -> Bool? {
        var isNormal = true
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if normalASCII(byte) != byte { isNormal = false }
        }
        return isNormal
    }
}
