import CNNCalcCore

/// A run of text in a `.cnn` file with the place where it starts.
struct Token: Hashable, Sendable {
    /// The characters of the token, as written.
    var text: String
    /// Where the first character is.
    var location: SourceLocation

    /// The location of the character `offset` characters into the token.
    func location(at offset: Int) -> SourceLocation {
        var location = location
        location.column += offset
        return location
    }

    /// The part of the token after its first `offset` characters, located where that part starts.
    func dropping(_ offset: Int) -> Token {
        Token(text: String(text.dropFirst(offset)), location: location(at: offset))
    }

    /// The first `count` characters of the token.
    func prefix(_ count: Int) -> Token {
        Token(text: String(text.prefix(count)), location: location)
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
