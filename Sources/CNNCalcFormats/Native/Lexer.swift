import CNNCalcCore

/// Splits `.cnn` text into statements, each a list of tokens with their locations.
///
/// Statements end at a line break (`\n`, `\r\n` or `\r`) or a `;`. A `#` starts a
/// comment that runs to the end of the line, so a `;` inside a comment is ignored.
/// Tokens are separated by spaces, tabs or other blank characters. Control and
/// invisible formatting characters outside comments are errors, because they would
/// make a token look different from what it is. Columns count characters from 1.
///
/// The text is read as UTF-8 bytes, one line at a time: a line break always ends a
/// character, so lines can be read apart. A line of ASCII alone, the common case, is read
/// a byte at a time; any other line is read a `Character` at a time, so that a combining
/// mark stays with the character before it and columns count what a reader sees.
///
/// Reading is two passes: ``check()`` reads the whole text and throws its first error,
/// then ``nextStatement(into:)`` reads it again statement by statement, so that an
/// invisible character late in a file is reported before a bad argument early in it
/// without keeping every token of the file at once.
struct Lexer {
    /// A token as found on its line: its bytes and its column.
    struct Span: Equatable {
        /// The offset of the token's first byte in the text's UTF-8.
        var start: Int
        /// The offset just after the token's last byte.
        var end: Int
        /// The column of its first character, from 1.
        var column: Int
    }

    /// What one ASCII byte is to the lexer, as the `Character` rules decide it.
    private enum ByteClass: UInt8 {
        /// Part of a token.
        case word
        /// A blank that separates tokens.
        case blank
        /// `#`, which starts a comment.
        case comment
        /// `;`, which ends a statement.
        case semicolon
        /// A control character: an error outside comments.
        case invalid
    }

    private let text: String
    private let source: String
    private let bytes: [UInt8]
    /// Where the text starts, past a byte order mark.
    private let start: Int
    /// The offset of the next line's first byte.
    private var position: Int
    /// The number of the line last read, from 1.
    private var line = 0
    /// The tokens of the line last read, and the index past each statement's last token.
    private var spans: [Span] = []
    private var statementEnds: [Int] = []
    /// Whether the line last read is ASCII alone.
    private var lineIsASCII = true
    /// The next statement of the line last read, an index into `statementEnds`.
    private var nextStatementIndex = 0
    /// The number of statements in the text, once ``check()`` has read it.
    private(set) var statementCount = 0
    /// Whether ``check()`` is reading, when an ASCII line needs its errors and statements, not its tokens.
    private var isChecking = false

    /// A lexer at the start of `text`, which `source` names in locations.
    init(text: String, source: String) {
        self.text = text
        self.source = source
        bytes = Array(text.utf8)
        // Editors that save a byte order mark (U+FEFF, a character of its own) do not count it as a column.
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        position = start
    }

    /// The non-empty statements of `text`, in order.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for a control or invisible character.
    static func statements(in text: String, source: String) throws(CNNCalcError) -> [[Token]] {
        var lexer = Lexer(text: text, source: source)
        try lexer.check()
        var statements: [[Token]] = []
        var tokens: [Token] = []
        while lexer.nextStatement(into: &tokens) {
            statements.append(tokens)
        }
        return statements
    }

    /// Reads the whole text for errors, then goes back to its start.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for the first control or invisible character.
    mutating func check() throws(CNNCalcError) {
        statementCount = 0
        isChecking = true
        defer { isChecking = false }
        // An ASCII line counts its statements as it is checked; any other is read.
        while try readLine() {
            statementCount += statementEnds.count
        }
        position = start
        line = 0
        spans.removeAll(keepingCapacity: true)
        statementEnds.removeAll(keepingCapacity: true)
        nextStatementIndex = 0
    }

    /// Replaces `tokens` with those of the next non-empty statement, or returns `false` at the end.
    ///
    /// Call after ``check()``, which has thrown any error the text holds.
    mutating func nextStatement(into tokens: inout [Token]) -> Bool {
        guard nextStatement() else {
            tokens.removeAll()
            return false
        }
        statementTokens(into: &tokens)
        return true
    }

    /// Moves to the next non-empty statement, or returns `false` at the end; ``statementTokens(into:)``
    /// then gives its tokens.
    ///
    /// Call after ``check()``, which has thrown any error the text holds.
    mutating func nextStatement() -> Bool {
        while nextStatementIndex == statementEnds.count {
            // `check()` read the same lines without an error, so none is thrown here.
            guard (try? readLine()) == true else { return false }
        }
        nextStatementIndex += 1
        return true
    }

    /// The spans of the statement ``nextStatement()`` moved to.
    private var statementSpans: Range<Int> {
        let first = nextStatementIndex == 1 ? 0 : statementEnds[nextStatementIndex - 2]
        return first..<statementEnds[nextStatementIndex - 1]
    }

    /// Replaces `tokens` with those of the statement ``nextStatement()`` moved to.
    func statementTokens(into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        bytes.withUnsafeBufferPointer { buffer in
            for span in spans[statementSpans] {
                tokens.append(token(span, in: buffer))
            }
        }
    }

    /// The statement ``nextStatement()`` moved to, taken apart, when ``statementIsPlain``: its
    /// first token is the kind and the others are values, with nothing to check.
    func plainStatement() -> Statement {
        let range = statementSpans
        return bytes.withUnsafeBufferPointer { buffer in
            var values: [Token] = []
            if range.count > 1 {
                values.reserveCapacity(range.count - 1)
                for index in range.dropFirst() { values.append(token(spans[index], in: buffer)) }
            }
            return Statement(name: nil, kind: token(spans[range.lowerBound], in: buffer), values: values, options: [])
        }
    }

    /// The token `span` of the line last read, whose text is in `buffer`, the text's bytes.
    private func token(_ span: Span, in buffer: UnsafeBufferPointer<UInt8>) -> Token {
        let text = UnsafeBufferPointer(rebasing: buffer[span.start..<span.end])
        return Token(
            text: String(decoding: text, as: UTF8.self), source: source, line: line, column: span.column, isASCII: lineIsASCII)
    }

    /// Where the statement ``nextStatement()`` moved to starts: its first token.
    var statementLocation: SourceLocation {
        SourceLocation(source: source, line: line, column: spans[statementSpans.lowerBound].column)
    }

    /// Whether the statement ``nextStatement()`` moved to holds no `:` and no `=`: then it names no
    /// layer and has no option, and its first token is its kind and the others are its values.
    ///
    /// A `:` or `=` is one byte in UTF-8 that no other character uses, so its bytes tell.
    var statementIsPlain: Bool {
        let range = statementSpans
        let start = spans[range.lowerBound].start
        let end = spans[range.upperBound - 1].end
        return bytes.withUnsafeBufferPointer { buffer in
            !UnsafeBufferPointer(rebasing: buffer[start..<end]).contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "=") }
        }
    }

    /// The text's UTF-8 bytes, which the offsets of ``repeatableRange`` count.
    var utf8: [UInt8] { bytes }

    /// Where the text of the statement ``nextStatement()`` moved to lies in ``utf8``, from its first
    /// token to its last, when it is ASCII alone and names no layer (it has no `:`); `nil` otherwise.
    ///
    /// Two such statements of the same text are read alike, wherever they are: each byte between
    /// their first and last token is a character of a token or a blank, so they have the same
    /// tokens at the same distances. A reader can keep what it made of one for the other.
    var repeatableRange: Range<Int>? {
        guard lineIsASCII else { return nil }
        let range = statementSpans
        let start = spans[range.lowerBound].start
        let end = spans[range.upperBound - 1].end
        let hasColon = bytes.withUnsafeBufferPointer { buffer in
            UnsafeBufferPointer(rebasing: buffer[start..<end]).contains(UInt8(ascii: ":"))
        }
        return hasColon ? nil : start..<end
    }

    /// Reads the next line into `spans` and `statementEnds`, or returns `false` at the end of the text.
    private mutating func readLine() throws(CNNCalcError) -> Bool {
        // Checking leaves them empty, and emptying an empty array still costs a call.
        if !spans.isEmpty { spans.removeAll(keepingCapacity: true) }
        if !statementEnds.isEmpty { statementEnds.removeAll(keepingCapacity: true) }
        nextStatementIndex = 0
        let count = bytes.count
        // A text ending in a line break has no line after it, as it has no character after it.
        guard position < count else { return false }
        line += 1
        let lineStart = position
        var lineEnd = position
        var isASCII = true
        // What checking finds in the line as if it is ASCII alone: its statements and its first error.
        var statements = 0
        var failure: (byte: UInt8, column: Int)?
        if isChecking {
            // One reading finds where the line ends, whether it is ASCII, and what checking needs.
            let byteClasses = Self.byteClasses
            bytes.withUnsafeBufferPointer { buffer in
                var hasWord = false
                var isClassifying = true
                while lineEnd < count {
                    let byte = buffer[lineEnd]
                    if byte == 0x0A || byte == 0x0D { break }
                    if byte >= 0x80 {
                        isASCII = false
                    } else if isClassifying {
                        switch byteClasses[Int(byte)] {
                        case .word:
                            hasWord = true
                        case .blank:
                            break
                        case .semicolon:
                            if hasWord { statements += 1 }
                            hasWord = false
                        case .comment:
                            isClassifying = false
                        case .invalid:
                            failure = (byte, lineEnd - lineStart + 1)
                            isClassifying = false
                        }
                    }
                    lineEnd += 1
                }
                if hasWord && failure == nil { statements += 1 }
            }
        } else {
            bytes.withUnsafeBufferPointer { buffer in
                while lineEnd < count {
                    let byte = buffer[lineEnd]
                    if byte == 0x0A || byte == 0x0D { break }
                    if byte >= 0x80 { isASCII = false }
                    lineEnd += 1
                }
            }
        }
        // Past the line break: `\r\n` is one break, as it is one character.
        position = lineEnd
        if position < count {
            position += bytes[position] == 0x0D && position + 1 < count && bytes[position + 1] == 0x0A ? 2 : 1
        }
        lineIsASCII = isASCII
        if isASCII && isChecking {
            // Checked as ``readASCII(_:)`` reads it, its statements counted in ``statementCount``, its tokens not kept.
            if let failure { throw invalidCharacter(Character(Unicode.Scalar(failure.byte)), column: failure.column) }
            statementCount += statements
        } else if isASCII {
            try readASCII(lineStart..<lineEnd)
        } else {
            try readCharacters(lineStart..<lineEnd)
        }
        return true
    }

    /// Reads a line of ASCII bytes.
    private mutating func readASCII(_ range: Range<Int>) throws(CNNCalcError) {
        var failure: (byte: UInt8, column: Int)?
        let bytes = bytes
        let byteClasses = Self.byteClasses
        bytes.withUnsafeBufferPointer { buffer in
            var wordStart = -1
            var index = range.lowerBound
            scan: while index < range.upperBound {
                let byte = buffer[index]
                let byteClass = byteClasses[Int(byte)]
                if byteClass == .word {
                    if wordStart < 0 { wordStart = index }
                    index += 1
                    continue
                }
                if wordStart >= 0 {
                    spans.append(Span(start: wordStart, end: index, column: wordStart - range.lowerBound + 1))
                    wordStart = -1
                }
                switch byteClass {
                case .word, .blank:
                    break
                case .semicolon:
                    endStatement()
                case .comment:
                    break scan
                case .invalid:
                    failure = (byte, index - range.lowerBound + 1)
                    return
                }
                index += 1
            }
            if wordStart >= 0 {
                spans.append(Span(start: wordStart, end: index, column: wordStart - range.lowerBound + 1))
            }
            endStatement()
        }
        if let failure {
            throw invalidCharacter(Character(Unicode.Scalar(failure.byte)), column: failure.column)
        }
    }

    /// Reads a line that holds other characters than ASCII, a `Character` at a time.
    private mutating func readCharacters(_ range: Range<Int>) throws(CNNCalcError) {
        let utf8 = text.utf8
        let lineStart = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let lineEnd = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        let characters = text[lineStart..<lineEnd]
        var wordStart: (offset: Int, column: Int)?
        var column = 0
        var index = characters.startIndex
        while index < characters.endIndex {
            let next = characters.index(after: index)
            let character = characters[index]
            column += 1
            let offset = utf8.distance(from: utf8.startIndex, to: index)
            switch Self.classify(character) {
            case .word:
                if wordStart == nil { wordStart = (offset, column) }
            case .blank:
                endWord(&wordStart, at: offset)
            case .semicolon:
                endWord(&wordStart, at: offset)
                endStatement()
            case .comment:
                endWord(&wordStart, at: offset)
                endStatement()
                return
            case .invalid:
                throw invalidCharacter(character, column: column)
            }
            index = next
        }
        endWord(&wordStart, at: range.upperBound)
        endStatement()
    }

    private mutating func endWord(_ wordStart: inout (offset: Int, column: Int)?, at end: Int) {
        guard let start = wordStart else { return }
        spans.append(Span(start: start.offset, end: end, column: start.column))
        wordStart = nil
    }

    private mutating func endStatement() {
        if spans.count > (statementEnds.last ?? 0) { statementEnds.append(spans.count) }
    }

    /// What `character` is to the lexer.
    private static func classify(_ character: Character) -> ByteClass {
        // Printable ASCII other than the two that mean something: no Unicode tables needed.
        if let ascii = character.asciiValue, ascii > 32, ascii < 127, ascii != 35, ascii != 59 { return .word }
        switch character {
        case "#": return .comment
        case ";": return .semicolon
        case _ where character.isWhitespace: return .blank
        case _ where isInvisible(character): return .invalid
        default: return .word
        }
    }

    /// The class of every ASCII byte, as ``classify(_:)`` gives it for the character the byte is alone.
    private static let byteClasses: [ByteClass] = (0..<256).map { byte in
        byte < 128 ? classify(Character(Unicode.Scalar(UInt8(byte)))) : .word
    }

    private func invalidCharacter(_ character: Character, column: Int) -> CNNCalcError {
        let what = character.unicodeScalars.first?.properties.generalCategory == .control ? "control" : "invisible"
        return CNNCalcError(
            .syntax, "unexpected \(what) character \(Self.codePoint(of: character))",
            fix: "delete it: a .cnn file holds only printable text",
            location: SourceLocation(source: source, line: line, column: column))
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
