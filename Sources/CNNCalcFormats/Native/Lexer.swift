import CNNCalcCore

/// Splits `.cnn` text into statements, each a list of tokens with their locations.
///
/// Statements end at a line break (`\n`, `\r\n` or `\r`) or a `;`. A `#` starts a
/// comment that runs to the end of the line, so a `;` inside a comment is ignored.
/// Tokens are separated by spaces, tabs or other blank characters. Control and
/// invisible formatting characters outside comments are errors, because they would
/// make a token look different from what it is. Columns count characters from 1.
struct Lexer {
    private let source: String
    private var statements: [[Token]] = []
    private var tokens: [Token] = []
    private var word = ""
    private var wordStart: SourceLocation?
    private var line = 1
    private var column = 0
    private var isInComment = false

    private init(source: String) {
        self.source = source
    }

    /// The non-empty statements of `text`, in order.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for a control or invisible character.
    static func statements(in text: String, source: String) throws(CNNCalcError) -> [[Token]] {
        var lexer = Lexer(source: source)
        var characters = Substring(text)
        // Editors that save a byte order mark do not count it as a column.
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        for character in characters {
            try lexer.read(character)
        }
        lexer.endStatement()
        return lexer.statements
    }

    private mutating func read(_ character: Character) throws(CNNCalcError) {
        column += 1
        if character == "\n" || character == "\r\n" || character == "\r" {
            endStatement()
            isInComment = false
            line += 1
            column = 0
            return
        }
        if isInComment { return }
        // Printable ASCII other than the three that mean something: no Unicode tables needed.
        if let ascii = character.asciiValue, ascii > 32, ascii < 127, ascii != 35, ascii != 59 {
            if word.isEmpty { wordStart = SourceLocation(source: source, line: line, column: column) }
            word.append(character)
            return
        }
        switch character {
        case "#":
            endStatement()
            isInComment = true
        case ";":
            endStatement()
        case _ where character.isWhitespace:
            endWord()
        case _ where Self.isInvisible(character):
            let what = character.unicodeScalars.first?.properties.generalCategory == .control ? "control" : "invisible"
            throw CNNCalcError(
                .syntax, "unexpected \(what) character \(Self.codePoint(of: character))",
                fix: "delete it: a .cnn file holds only printable text",
                location: SourceLocation(source: source, line: line, column: column))
        default:
            if word.isEmpty { wordStart = SourceLocation(source: source, line: line, column: column) }
            word.append(character)
        }
    }

    private mutating func endWord() {
        guard let wordStart, !word.isEmpty else { return }
        tokens.append(Token(text: word, location: wordStart))
        word = ""
        self.wordStart = nil
    }

    private mutating func endStatement() {
        endWord()
        if !tokens.isEmpty { statements.append(tokens) }
        tokens = []
    }

    private static func isInvisible(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate: return true
        default: return false
        }
    }

    /// `U+0000`: the code point of a character's first scalar, for messages.
    private static func codePoint(of character: Character) -> String {
        let value = character.unicodeScalars.first?.value ?? 0
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
