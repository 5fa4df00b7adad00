/// Text made safe for XML and HTML: for element content and for attribute values in double quotes.
///
/// Layer names come from model files and may hold anything, so `&`, `<`, `>`, `"` and `'` become
/// entity references, and the characters XML 1.0 forbids (control characters other than tab,
/// line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD.
public enum XMLText {
    /// `text` escaped for element content or a double-quoted attribute value.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` cut to at most `limit` characters, ending in `…` when it was cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
