/// Numbers as reports print them.
public enum NumberFormatting {
    /// Digits grouped in thousands with commas: `217706` → `217,706`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        result.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }
}

extension NumberFormatting {
    /// A count in at most four significant figures with a unit suffix for large values:
    /// `9,248` stays as it is, `460800` → `460.8K`, `1589760` → `1.59M`, `4100000000` → `4.10G`.
    public static func humanized(_ value: Int) -> String {
        let magnitude = Double(value.magnitude)
        guard magnitude >= 100_000 else { return grouped(value) }
        let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")]
        let (scale, suffix) = units.first { magnitude >= $0.0 } ?? (1, "")
        let scaled = magnitude / scale
        let digits = scaled >= 100 ? 1 : 2
        return (value < 0 ? "-" : "") + fixed(scaled, fractionDigits: digits) + suffix
    }

    /// `value` with exactly `fractionDigits` digits after the point, rounded half up.
    public static func fixed(_ value: Double, fractionDigits: Int) -> String {
        var factor = 1.0
        for _ in 0..<fractionDigits { factor *= 10 }
        let scaled = Int((value * factor).rounded())
        let whole = scaled / Int(factor)
        let fraction = scaled % Int(factor)
        guard fractionDigits > 0 else { return String(whole) }
        let fractionText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: fractionDigits - fractionText.count) + fractionText
    }

    /// Bytes with a binary unit: `870,824 B (850.4 KiB)`.
    public static func bytes(_ value: Int) -> String {
        let units: [(Double, String)] = [(1_099_511_627_776, "TiB"), (1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
        guard let (scale, unit) = units.first(where: { Double(value) >= $0.0 }) else { return "\(grouped(value)) B" }
        return "\(grouped(value)) B (\(fixed(Double(value) / scale, fractionDigits: 1)) \(unit))"
    }
}
