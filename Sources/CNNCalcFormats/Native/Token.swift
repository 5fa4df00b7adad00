import CNNCalcCore

/// A run of text in a `.cnn` file with the place where it starts.
struct Token: Hashable, Sendable {
    /// The characters of the token, as written.
    let text: String
    /// Whether the token is ASCII alone, where each byte is a character: then the functions
    /// below read bytes, and otherwise characters, which a combining mark can join to a `:`.
    let isASCII: Bool
    // Where the first character is, kept as its parts: a token is copied often, and a location
    // in a text has no `path`.
    private let source: String
    private let line: Int
    private let column: Int

    /// Where the first character is.
    var location: SourceLocation { SourceLocation(source: source, line: line, column: column) }

    /// A token of `text` that starts at `location`, a line and column of a text.
    init(text: String, location: SourceLocation) {
        self.init(text: text, location: location, isASCII: text.utf8.allSatisfy { $0 < 0x80 })
    }

    /// A token whose reader knows whether it is ASCII alone.
    init(text: String, location: SourceLocation, isASCII: Bool) {
        self.init(text: text, source: location.source, line: location.line, column: location.column, isASCII: isASCII)
    }

    /// A token of the text `source` names, at `line` and `column`.
    init(text: String, source: String, line: Int, column: Int, isASCII: Bool) {
        self.text = text
        self.isASCII = isASCII
        self.source = source
        self.line = line
        self.column = column
    }

    /// The location of the character `offset` characters into the token.
    func location(at offset: Int) -> SourceLocation {
        var location = location
        location.column += offset
        return location
    }

    /// The part of the token after its first `offset` characters, located where that part starts.
    func dropping(_ offset: Int) -> Token {
        if isASCII {
            return Token(text: String(Substring(text.utf8.dropFirst(offset))), location: location(at: offset), isASCII: true)
        }
        return Token(text: String(text.dropFirst(offset)), location: location(at: offset))
    }

    /// The first `count` characters of the token.
    func prefix(_ count: Int) -> Token {
        if isASCII { return Token(text: String(Substring(text.utf8.prefix(count))), location: location, isASCII: true) }
        return Token(text: String(text.prefix(count)), location: location)
    }

    /// The number of characters.
    var count: Int { isASCII ? text.utf8.count : text.count }

    /// The offset in characters of the first character that is `ascii` alone, if any.
    func offset(of ascii: UInt8) -> Int? {
        if isASCII { return text.utf8.firstIndex(of: ascii).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } }
        return text.firstIndex(of: Character(Unicode.Scalar(ascii))).map { text.distance(from: text.startIndex, to: $0) }
    }

    /// Whether the first character is `ascii` alone.
    func starts(with ascii: UInt8) -> Bool {
        isASCII ? text.utf8.first == ascii : text.first == Character(Unicode.Scalar(ascii))
    }

    /// The token in single quotes for a message, shortened when it is too long to read.
    var quoted: String { Token.quote(text) }

    /// `text` in single quotes, cut to its first 40 characters followed by `...` when longer.
    static func quote(_ text: String) -> String {
        let limit = 40
        guard text.count > limit else { return "'\(text)'" }
        return "'\(text.prefix(limit))...' (\(text.count) characters)"
    }
}
