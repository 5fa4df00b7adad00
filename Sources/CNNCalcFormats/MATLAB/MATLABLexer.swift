import CNNCalcCore

/// Splits MATLAB text into tokens and checks that its brackets balance.
///
/// It reads the part of MATLAB that layer definitions use: names, numbers (`20`, `1e-3`, `.5`),
/// character vectors `'same'` and strings `"same"` (a doubled quote is one quote), operators and
/// brackets, `%` comments to the end of the line, block comments between lines holding only `%{`
/// and `%}` (they nest), and `...`, which continues a statement on the next line and ignores the
/// rest of its own. A line end ends a statement, except inside `( )`; inside `[ ]` and `{ }` it
/// starts a new row, as MATLAB reads it.
///
/// Brackets are checked as they come: a closing bracket that closes nothing, or that does not
/// match the one open, is an error at it; a bracket left open at the end is an error at the
/// bracket. Columns count characters from 1.
struct MATLABLexer {
    private let source: String
    private var tokens: [MATLABToken] = []
    private var brackets: [(character: Character, location: SourceLocation)] = []
    private var blockComments: [SourceLocation] = []
    private var line = 0
    private var hasSpaceBefore = true

    private init(source: String) {
        self.source = source
    }

    /// The tokens of `text`, ending with one `.end` token.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for a character MATLAB does not allow, a
    ///   text or block comment never closed, or brackets that do not balance.
    static func tokens(in text: String, source: String) throws(CNNCalcError) -> [MATLABToken] {
        var lexer = MATLABLexer(source: source)
        var characters = Substring(text)
        // Editors that save a byte order mark do not count it as a column.
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        var current: [Character] = []
        for character in characters {
            if character == "\n" || character == "\r\n" || character == "\r" {
                try lexer.read(line: current)
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(character)
            }
        }
        try lexer.read(line: current)
        try lexer.finish()
        return lexer.tokens
    }

    private func location(_ column: Int) -> SourceLocation {
        SourceLocation(source: source, line: line, column: column + 1)
    }

    private mutating func read(line characters: [Character]) throws(CNNCalcError) {
        line += 1
        let trimmed = String(characters).trimmingBlanks
        if trimmed == "%{" {
            blockComments.append(location(characters.firstIndex { $0 == "%" } ?? 0))
            return
        }
        if !blockComments.isEmpty {
            if trimmed == "%}" { blockComments.removeLast() }
            return
        }
        var index = 0
        var isContinued = false
        while index < characters.count {
            let character = characters[index]
            if character.isBlank {
                hasSpaceBefore = true
                index += 1
                continue
            }
            if character == "%" { break }
            if character == ".", index + 2 < characters.count, characters[index + 1] == ".", characters[index + 2] == "." {
                isContinued = true
                hasSpaceBefore = true
                break
            }
            index = try readToken(characters, at: index)
            hasSpaceBefore = false
        }
        if !isContinued {
            if brackets.last?.character != "(" {
                append(.newline, text: "", at: characters.count)
            }
            hasSpaceBefore = true
        }
    }

    private mutating func finish() throws(CNNCalcError) {
        if let open = blockComments.last {
            throw CNNCalcError(
                .syntax, "the block comment opened with %{ here is never closed",
                fix: "end it with a line holding only %}", location: open)
        }
        if let open = brackets.last {
            throw CNNCalcError(
                .syntax, "'\(open.character)' is never closed",
                fix: "add '\(Self.closing(of: open.character))' where it ends", location: open.location)
        }
        tokens.append(MATLABToken(
            kind: .end, text: "", location: SourceLocation(source: source, line: max(line, 1), column: 1), hasSpaceBefore: true))
    }

    private mutating func append(_ kind: MATLABToken.Kind, text: String, at column: Int) {
        tokens.append(MATLABToken(kind: kind, text: text, location: location(column), hasSpaceBefore: hasSpaceBefore))
    }

    /// Reads the token starting at `start` and returns the index after it.
    private mutating func readToken(_ characters: [Character], at start: Int) throws(CNNCalcError) -> Int {
        let character = characters[start]
        if character.isASCIILetter {
            var end = start + 1
            while end < characters.count, characters[end].isASCIILetter || characters[end].isASCIIDigit || characters[end] == "_" {
                end += 1
            }
            let name = String(characters[start..<end])
            append(.identifier(name), text: name, at: start)
            return end
        }
        if character.isASCIIDigit || (character == "." && start + 1 < characters.count && characters[start + 1].isASCIIDigit) {
            return try readNumber(characters, at: start)
        }
        if character == "\"" || (character == "'" && !isTransposeContext) {
            return try readText(characters, at: start)
        }
        for symbol in Self.symbols where Self.matches(symbol, characters, at: start) {
            try track(symbol, at: start)
            append(.symbol(symbol), text: symbol, at: start)
            return start + symbol.count
        }
        throw unexpected(character, at: start)
    }

    /// Operators and brackets, longest first so that `.*` is not read as `.` then `*`.
    private static let symbols = [
        "==", "~=", "<=", ">=", "&&", "||", ".*", "./", ".^", ".'", ".\\",
        "(", ")", "[", "]", "{", "}", ",", ";", "=", "+", "-", "*", "/", "\\", "^", ":", "'",
        "<", ">", "&", "|", "~", "!", "@", ".",
    ]

    private static func matches(_ symbol: String, _ characters: [Character], at start: Int) -> Bool {
        var index = start
        for expected in symbol {
            guard index < characters.count, characters[index] == expected else { return false }
            index += 1
        }
        return true
    }

    /// Whether a `'` here is MATLAB's transpose: right after a name, a number, a closing bracket or a transpose.
    private var isTransposeContext: Bool {
        guard !hasSpaceBefore, let previous = tokens.last else { return false }
        switch previous.kind {
        case .identifier, .number: return true
        case .symbol(let text): return [")", "]", "}", "'", ".'"].contains(text)
        default: return false
        }
    }

    private mutating func track(_ symbol: String, at column: Int) throws(CNNCalcError) {
        switch symbol {
        case "(", "[", "{":
            brackets.append((Character(symbol), location(column)))
        case ")", "]", "}":
            let closing = Character(symbol)
            guard let open = brackets.last else {
                throw CNNCalcError(
                    .syntax, "'\(symbol)' closes nothing: no '\(Self.opening(of: closing))' is open",
                    fix: "remove it, or open its '\(Self.opening(of: closing))' before", location: location(column))
            }
            guard Self.closing(of: open.character) == closing else {
                throw CNNCalcError(
                    .syntax,
                    "'\(symbol)' does not match the '\(open.character)' opened at \(open.location.line):\(open.location.column)",
                    fix: "close that one first with '\(Self.closing(of: open.character))'", location: location(column))
            }
            brackets.removeLast()
        default:
            break
        }
    }

    private static func closing(of opening: Character) -> Character {
        switch opening {
        case "(": ")"
        case "[": "]"
        default: "}"
        }
    }

    private static func opening(of closing: Character) -> Character {
        switch closing {
        case ")": "("
        case "]": "["
        default: "{"
        }
    }

    /// A number: digits with an optional fraction and exponent (`e`, `E`, `d` or `D`).
    private mutating func readNumber(_ characters: [Character], at start: Int) throws(CNNCalcError) -> Int {
        var end = start
        var mantissa = ""
        while end < characters.count, characters[end].isASCIIDigit {
            mantissa.append(characters[end])
            end += 1
        }
        // `1.` is a number, but `1.*x`, `1./x`, `1.^x` and `1...` keep their dot for the operator.
        if end < characters.count, characters[end] == "." {
            let next = end + 1 < characters.count ? characters[end + 1] : " "
            if !["*", "/", "^", "\\", "'", "."].contains(next) {
                mantissa.append(".")
                end += 1
                while end < characters.count, characters[end].isASCIIDigit {
                    mantissa.append(characters[end])
                    end += 1
                }
            }
        }
        if mantissa.hasPrefix(".") { mantissa = "0" + mantissa }
        if mantissa.hasSuffix(".") { mantissa += "0" }
        var exponent = ""
        if end < characters.count, "eEdD".contains(characters[end]) {
            var probe = end + 1
            var digits = ""
            if probe < characters.count, characters[probe] == "+" || characters[probe] == "-" {
                digits.append(characters[probe])
                probe += 1
            }
            let firstDigit = probe
            while probe < characters.count, characters[probe].isASCIIDigit {
                digits.append(characters[probe])
                probe += 1
            }
            if probe > firstDigit {
                exponent = "e" + digits
                end = probe
            }
        }
        if end < characters.count, characters[end].isASCIILetter || characters[end] == "_" || characters[end].isASCIIDigit {
            var wordEnd = end
            while wordEnd < characters.count, characters[wordEnd].isASCIILetter || characters[wordEnd].isASCIIDigit || characters[wordEnd] == "_" {
                wordEnd += 1
            }
            let word = String(characters[start..<wordEnd])
            let fix = word.contains(where: { $0 == "x" || $0 == "X" })
                ? "MATLAB writes a size as a vector: [\(word.split(whereSeparator: { $0 == "x" || $0 == "X" }).joined(separator: " "))]"
                : "write a number (such as 20 or 1e-3) or a name that starts with a letter"
            throw CNNCalcError(.syntax, "\(MATLABToken.quote(word)) is not a number", fix: fix, location: location(start))
        }
        let written = String(characters[start..<end])
        guard let value = Double(mantissa + exponent), value.isFinite else {
            throw CNNCalcError(
                .syntax, "the number \(MATLABToken.quote(written)) is too large", fix: "check it for a typo", location: location(start))
        }
        append(.number(value), text: written, at: start)
        return end
    }

    /// A character vector `'...'` or a string `"..."`; a doubled quote inside stands for one.
    private mutating func readText(_ characters: [Character], at start: Int) throws(CNNCalcError) -> Int {
        let quote = characters[start]
        var value = ""
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count, characters[index + 1] == quote {
                    value.append(quote)
                    index += 2
                    continue
                }
                append(.text(value, isString: quote == "\""), text: String(characters[start...index]), at: start)
                return index + 1
            }
            if characters[index].isInvisible {
                throw CNNCalcError(
                    .syntax, "unexpected \(characters[index].invisibleKind) character \(characters[index].codePoint) in a text",
                    fix: "delete it", location: location(index))
            }
            value.append(characters[index])
            index += 1
        }
        throw CNNCalcError(
            .syntax, "the text starting here is never closed", fix: "end it with \(quote) on the same line", location: location(start))
    }

    private func unexpected(_ character: Character, at column: Int) -> CNNCalcError {
        if character.isInvisible {
            return CNNCalcError(
                .syntax, "unexpected \(character.invisibleKind) character \(character.codePoint)",
                fix: "delete it: MATLAB code holds only printable text", location: location(column))
        }
        return CNNCalcError(
            .syntax, "unexpected character '\(character)'",
            fix: "MATLAB names start with a letter and use letters, digits and '_'", location: location(column))
    }
}

private extension Character {
    /// A space, a tab or another blank that is not a line end.
    var isBlank: Bool { isWhitespace && !isNewline }

    /// `a` to `z` or `A` to `Z`.
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }

    /// `0` to `9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }

    /// A control or invisible formatting character, which would make text look other than it is.
    var isInvisible: Bool {
        guard let scalar = unicodeScalars.first, !isBlank else { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate: return true
        default: return false
        }
    }

    /// `control` or `invisible`, for messages.
    var invisibleKind: String {
        unicodeScalars.first?.properties.generalCategory == .control ? "control" : "invisible"
    }

    /// `U+0000`: the code point of the first scalar, for messages.
    var codePoint: String {
        let value = unicodeScalars.first?.value ?? 0
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

private extension String {
    /// The string without blanks at either end.
    var trimmingBlanks: String {
        var text = Substring(self)
        while let first = text.first, first.isBlank { text = text.dropFirst() }
        while let last = text.last, last.isBlank { text = text.dropLast() }
        return String(text)
    }
}
