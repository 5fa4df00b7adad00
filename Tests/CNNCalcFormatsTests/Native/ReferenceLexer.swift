@testable import CNNCalcFormats
import CNNCalcCore

/// The `.cnn` lexer as first written, a `Character` at a time with every token kept: the
/// reference that ``LexerTests`` compares the byte lexer with.
struct ReferenceLexer {
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
    static func statements(in text: String, source: String) throws(CNNCalcError) -> [[Token]] {
        var lexer = ReferenceLexer(source: source)
        var characters = Substring(text)
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

    private static func codePoint(of character: Character) -> String {
        let value = character.unicodeScalars.first?.value ?? 0
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
