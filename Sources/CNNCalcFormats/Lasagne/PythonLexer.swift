import CNNCalcCore

/// Splits Python source into tokens, for the subset that network definitions use.
///
/// Line breaks inside brackets, and after a `\`, continue the logical line; `#` starts a
/// comment. Indentation is not tracked: network definitions are read statement by
/// statement, and block statements other than a `def` header are refused by the parser.
/// Numbers are capped at 10^12, as everywhere in CNNCalc, and strings may not span lines.
struct PythonLexer {
    /// The largest integer literal accepted.
    static let largestInteger = 1_000_000_000_000

    private let characters: [Character]
    private let source: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private var tokens: [PythonToken] = []

    private init(text: String, source: String) {
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        self.characters = characters
        self.source = source
    }

    /// The tokens of `text`, ending with `.end`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for an unterminated string, a stray
    ///   character, an unbalanced bracket or a number too large.
    static func tokens(in text: String, source: String) throws(CNNCalcError) -> [PythonToken] {
        var lexer = PythonLexer(text: text, source: source)
        try lexer.run()
        return lexer.tokens
    }

    private var here: SourceLocation { SourceLocation(source: source, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func advance() {
        if characters[index] == "\n" || characters[index] == "\r\n" || characters[index] == "\r" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func error(_ problem: String, at location: SourceLocation, fix: String? = nil) -> CNNCalcError {
        CNNCalcError(.syntax, problem, fix: fix, location: location)
    }

    private mutating func run() throws(CNNCalcError) {
        var openers: [(Character, SourceLocation)] = []
        while let character = peek() {
            let start = here
            if character.isNewline {
                advance()
                if depth == 0, let last = tokens.last, last.kind != .newline {
                    tokens.append(PythonToken(kind: .newline, location: start))
                }
            } else if character == "#" {
                while let next = peek(), !next.isNewline { advance() }
            } else if character == "\\", let next = peek(1), next.isNewline {
                advance()
                advance()
            } else if character.isWhitespace {
                advance()
            } else if character == ";" {
                advance()
                if depth == 0 { tokens.append(PythonToken(kind: .newline, location: start)) }
            } else if character == "'" || character == "\"" {
                tokens.append(PythonToken(kind: .string(try string(quote: character)), location: start))
            } else if character.isNumber && character.isASCII || character == "." && (peek(1)?.isASCIIDigit ?? false) {
                tokens.append(PythonToken(kind: try number(), location: start))
            } else if character.isLetter || character == "_" {
                var name = ""
                while let next = peek(), next.isLetter || next.isNumber || next == "_" {
                    name.append(next)
                    advance()
                }
                // String prefixes: r'...', u"...", b'...'.
                if ["r", "u", "b", "R", "U", "B"].contains(name), let quote = peek(), quote == "'" || quote == "\"" {
                    tokens.append(PythonToken(kind: .string(try string(quote: quote, raw: name.lowercased() == "r")), location: start))
                } else {
                    tokens.append(PythonToken(kind: .name(name), location: start))
                }
            } else if let symbol = Self.symbol(at: index, in: characters) {
                for _ in 0..<symbol.count { advance() }
                switch symbol {
                case "(", "[", "{":
                    depth += 1
                    openers.append((Character(symbol), start))
                case ")", "]", "}":
                    let expected: Character = symbol == ")" ? "(" : symbol == "]" ? "[" : "{"
                    guard let (opener, at) = openers.popLast() else {
                        throw error("'\(symbol)' closes nothing", at: start, fix: "remove it, or add the bracket that opens it")
                    }
                    guard opener == expected else {
                        throw error("'\(symbol)' closes the '\(opener)' opened at line \(at.line), column \(at.column)",
                                    at: start, fix: "close '\(opener)' with '\(Self.closer(of: opener))' first")
                    }
                    depth -= 1
                default:
                    break
                }
                tokens.append(PythonToken(kind: .symbol(symbol), location: start))
            } else {
                throw error("unexpected character '\(character)'", at: start, fix: "CNNCalc reads Python layer definitions; remove it")
            }
        }
        if let (opener, at) = openers.last {
            throw error("'\(opener)' is never closed", at: at, fix: "add '\(Self.closer(of: opener))' where the expression ends")
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(PythonToken(kind: .newline, location: here))
        }
        tokens.append(PythonToken(kind: .end, location: here))
    }

    private static func closer(of opener: Character) -> Character {
        opener == "(" ? ")" : opener == "[" ? "]" : "}"
    }

    private static let symbols = ["**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=",
                                  "(", ")", "[", "]", "{", "}", ",", ":", "=", ".", "+", "-", "*", "/", "%", "<", ">", "@", "|", "&", "~", "^"]

    private static func symbol(at index: Int, in characters: [Character]) -> String? {
        for symbol in symbols {
            let count = symbol.count
            guard index + count <= characters.count else { continue }
            if String(characters[index..<index + count]) == symbol { return symbol }
        }
        return nil
    }

    private mutating func string(quote: Character, raw: Bool = false) throws(CNNCalcError) -> String {
        let start = here
        let isTriple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(isTriple ? 3 : 1) { advance() }
        var value = ""
        while let character = peek() {
            if character == quote && (!isTriple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(isTriple ? 3 : 1) { advance() }
                return value
            }
            if character.isNewline && !isTriple { break }
            if character == "\\" && !raw, let escaped = peek(1) {
                advance()
                advance()
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(escaped)
                }
                continue
            }
            value.append(character)
            advance()
        }
        throw error("this string is never closed", at: start, fix: "end it with \(quote) on the same line")
    }

    private mutating func number() throws(CNNCalcError) -> PythonToken.Kind {
        let start = here
        var text = ""
        var isReal = false
        func digits(_ lexer: inout PythonLexer) {
            while let next = lexer.peek(), next.isASCIIDigit || next == "_" {
                if next != "_" { text.append(next) }
                lexer.advance()
            }
        }
        digits(&self)
        if peek() == "." {
            isReal = true
            text.append(".")
            advance()
            digits(&self)
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            if sign?.isASCIIDigit == true || ((sign == "+" || sign == "-") && peek(2)?.isASCIIDigit == true) {
                isReal = true
                text.append("e")
                advance()
                if sign == "+" || sign == "-" {
                    text.append(sign!)
                    advance()
                }
                digits(&self)
            }
        }
        // A number of a million digits is quoted by its first 40.
        let shown = text.count > 40 ? "\(text.prefix(40))... (\(text.count) digits)" : text
        if let next = peek(), next.isLetter || next == "_" {
            throw error("'\(shown)\(next)' is not a number", at: start, fix: "write a decimal number such as 32 or 0.5")
        }
        if isReal {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text), value.isFinite else {
                throw error("'\(shown)' is not a number", at: start, fix: "write a decimal number such as 0.5")
            }
            return .real(value)
        }
        guard text.count <= 13, let value = Int(text), value <= Self.largestInteger else {
            throw CNNCalcError(.overflow, "\(shown) is larger than 10^12, the largest size CNNCalc accepts", location: start)
        }
        return .integer(value)
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
