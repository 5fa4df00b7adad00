/// The index of each layer of a network by its name, as ``Network/init(layers:)`` resolves them.
///
/// It answers as a `[String: Int]` of the names would, names compared as Swift compares strings
/// (canonical equivalence), but keeps only a hash and an index per name, in one open-addressing
/// table, and reads the names from the layers themselves: a network of a million layers costs a
/// table of 16 MB and one memory access per name instead of three.
///
/// Names of ASCII alone, the common case, are hashed from their bytes (FNV-1a). A name of other
/// characters can equal a name of ASCII (the Kelvin sign `K` is `K`), so when any name is not ASCII
/// every name is hashed as `String` hashes it, which agrees with `==`.
struct LayerNameIndex {
    /// Each slot: 0 when empty, else the hash's upper 32 bits and the layer index + 1 in the lower 32.
    private var slots: [UInt64]
    private let mask: Int
    private let isASCII: Bool

    /// An empty index with room for the names of `layers`.
    init(for layers: [Layer]) {
        var capacity = 16
        while capacity < 2 * layers.count { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        // Every name it will be asked for, too: the inputs and the shared learnables.
        isASCII = layers.allSatisfy { layer in
            Self.isASCII(layer.name) && layer.inputs.allSatisfy(Self.isASCII)
                && layer.sharesLearnablesWith.map(Self.isASCII) ?? true
        }
    }

    /// Adds layer `index` under its name, or returns the index of the layer added before with that name.
    mutating func insert(_ index: Int, of layers: [Layer]) -> Int? {
        let (slot, tag, found) = probe(layers[index].name, in: layers)
        if let found { return found }
        slots[slot] = tag | UInt64(index + 1)
        return nil
    }

    /// The index of the layer named `name`, if any.
    func index(of name: String, in layers: [Layer]) -> Int? {
        // Every name asked for was seen to be ASCII when the index was made; any other is looked
        // for the slow way, since it may still equal an ASCII name.
        if isASCII && !Self.isASCII(name) {
            return layers.firstIndex { $0.name == name }
        }
        return probe(name, in: layers).found
    }

    /// Where `name` is: the index of the layer of that name, or the empty slot it would take and
    /// the tag it would be stored with.
    private func probe(_ name: String, in layers: [Layer]) -> (slot: Int, tag: UInt64, found: Int?) {
        let hash = hash(of: name)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let other = Int(slots[slot] & 0xFFFF_FFFF) - 1
            if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag && layers[other].name == name { return (slot, tag, other) }
            slot = (slot + 1) & mask
        }
        return (slot, tag, nil)
    }

    private static func isASCII(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 < 0x80 }
    }

    private func hash(of name: String) -> UInt64 {
        guard isASCII else { return UInt64(bitPattern: Int64(name.hashValue)) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // Mix the high bits down, so that the slot (low bits) and the tag (high bits) both vary.
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }
}
