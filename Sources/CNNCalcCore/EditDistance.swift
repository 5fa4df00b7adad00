/// Suggestions for a misspelt name: the known names closest to it by edit distance.
public enum EditDistance {
    /// Names longer than this are not compared: no typo of a layer name is that long, and the
    /// cost of a comparison grows with the product of the lengths.
    public static let longestComparedName = 64

    /// The optimal-string-alignment distance between two strings: insertions, deletions,
    /// substitutions and swaps of neighbouring characters each cost 1.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidates nearest to `name`, in their given order, compared after `normalize`.
    ///
    /// Only the nearest are suggested: those at the smallest edit distance when it is at most
    /// `max(1, (length - 1) / 2)` (`convv` gives `conv`, `relux` gives `relu` and not also `elu`),
    /// or else those that start with the name (`batch` gives `batchnorm`). A name too short or
    /// too unlike every candidate gets none, so that `lstm` is not taken for `sum`.
    public static func suggestions(
        for name: String, among candidates: [String], normalize: (String) -> String = { $0.lowercased() }
    ) -> [String] {
        let name = normalize(name)
        guard !name.isEmpty, name.count <= longestComparedName else { return [] }
        let threshold = max(1, (name.count - 1) / 2)
        var best = threshold
        var nearest: [String] = []
        for candidate in candidates {
            let normalized = normalize(candidate)
            guard normalized.count <= longestComparedName + threshold else { continue }
            let distance = distance(name, normalized)
            if distance > best { continue }
            if distance < best {
                best = distance
                nearest.removeAll()
            }
            if !nearest.contains(candidate) { nearest.append(candidate) }
        }
        if !nearest.isEmpty || name.count < 2 { return nearest }
        return candidates.filter { normalize($0).hasPrefix(name) }
    }

    /// `did you mean 'a' or 'b'?` for a misspelt name, or `nil` when nothing is near enough.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        let close = suggestions(for: name, among: candidates).prefix(3)
        guard !close.isEmpty else { return nil }
        let quoted = close.map { "'\($0)'" }
        if quoted.count == 1 { return "did you mean \(quoted[0])?" }
        return "did you mean \(quoted.dropLast().joined(separator: ", ")) or \(quoted.last ?? "")?"
    }
}
