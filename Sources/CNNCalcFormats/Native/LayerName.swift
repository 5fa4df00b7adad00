import CNNCalcCore

/// The rule for layer names: a letter or `_`, then letters, digits, `_`, `.` or `-`.
///
/// Names such as `conv1`, `stem_bn` and `layer1.0.conv1` (PyTorch module paths) are
/// valid. A name is at most ``maximumLength`` characters, which keeps every message
/// that quotes or compares names short.
enum LayerName {
    /// The longest name accepted, in characters.
    static let maximumLength = 200

    /// Whether `text` is a valid layer name.
    static func isValid(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII alone: each byte is a character.
            guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
            return text.utf8.dropFirst().allSatisfy {
                isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            }
        }
        guard let first = text.first, isLetter(first) || first == "_" else { return false }
        return text.dropFirst().allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "." || $0 == "-" }
    }

    /// Checks that `token` is a valid name; `role` says where it was written, for the message.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` naming the token.
    static func validate(_ token: Token, role: String) throws(CNNCalcError) {
        guard token.count <= maximumLength else {
            throw CNNCalcError(
                .syntax, "the \(role) \(token.quoted) is too long",
                fix: "use at most \(maximumLength) characters", location: token.location)
        }
        guard isValid(token.text) else {
            throw CNNCalcError(
                .syntax, "\(token.quoted) is not a valid \(role)",
                fix: "a name starts with a letter or '_' and goes on with letters, digits, '_', '.' or '-'",
                location: token.location)
        }
    }

    /// Whether the ASCII byte `byte` is a letter.
    private static func isLetter(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte)
    }

    /// `character.isLetter`, answered without the Unicode tables for ASCII.
    private static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isLetter }
        // `asciiValue` maps "\r\n" to 10, which is not a letter either.
        return (65...90).contains(ascii) || (97...122).contains(ascii)
    }

    /// Whether `character` is one of the ASCII digits `0` to `9`.
    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        // `asciiValue` maps "\r\n" to 10, which is not a digit either.
        return (48...57).contains(ascii)
    }
}
