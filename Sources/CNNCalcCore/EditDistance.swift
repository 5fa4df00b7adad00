/// Suggestions for a misspelt name: the known names closest to it by edit distance.
public enum EditDistance {
    /// The Levenshtein distance between two strings, compared by character.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to `limit` candidates within a distance of about a third of the name's length, nearest first.
    public static func suggestions(for name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let lowered = name.lowercased()
        let threshold = max(2, lowered.count / 3)
        let scored = candidates.map { (candidate: $0, distance: distance(lowered, $0.lowercased())) }
            .filter { $0.distance <= threshold || $0.candidate.lowercased().hasPrefix(lowered) && lowered.count >= 3 }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        var seen: Set<String> = []
        return scored.map(\.candidate).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// ` did you mean 'a' or 'b'?`-style text, or an empty string when nothing is close.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        let close = suggestions(for: name, among: candidates)
        guard !close.isEmpty else { return nil }
        let quoted = close.map { "'\($0)'" }
        if quoted.count == 1 { return "did you mean \(quoted[0])?" }
        return "did you mean \(quoted.dropLast().joined(separator: ", ")) or \(quoted.last ?? "")?"
    }
}
