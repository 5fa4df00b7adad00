import CNNCalcCore

/// The arguments PyTorch prints for one module, `1, 32, kernel_size=(5, 5), stride=(1, 1)`:
/// positional values, then `name=value` pairs, parsed without knowing what they mean.
struct PrintedArguments: Hashable, Sendable {
    /// One `name=value` pair.
    struct Named: Hashable, Sendable {
        /// The argument's name.
        var name: String
        /// Where the name is written.
        var location: SourceLocation
        /// The value.
        var value: PrintedValue
    }

    /// The values written without a name, in order.
    var positional: [PrintedValue] = []
    /// The `name=value` pairs, in order.
    var named: [Named] = []

    /// Parses the text between a module's parentheses, which starts at `location`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for unbalanced brackets or quotes, a value
    ///   that is not a number, word or tuple, or a positional value after a named one.
    static func parse(_ text: Substring, at location: SourceLocation) throws(CNNCalcError) -> PrintedArguments {
        var scanner = ArgumentScanner(characters: Array(text), location: location)
        var arguments = PrintedArguments()
        scanner.skipBlanks()
        while !scanner.isAtEnd {
            let start = scanner.index
            if let name = scanner.identifierBeforeEquals() {
                let nameLocation = scanner.location(at: start)
                let value = try scanner.value()
                if arguments.named.contains(where: { $0.name == name }) {
                    throw CNNCalcError(.syntax, "the argument '\(name)' is written twice", fix: "keep one '\(name)='", location: nameLocation)
                }
                arguments.named.append(Named(name: name, location: nameLocation, value: value))
            } else {
                let value = try scanner.value()
                guard arguments.named.isEmpty else {
                    throw CNNCalcError(
                        .syntax, "the value '\(value.text)' has no name but follows named arguments",
                        fix: "write it as name=value, as PyTorch prints it", location: value.location)
                }
                arguments.positional.append(value)
            }
            scanner.skipBlanks()
            if scanner.isAtEnd { break }
            try scanner.expect(",", after: "an argument")
            scanner.skipBlanks()
        }
        return arguments
    }
}

/// Reads values out of the characters of an argument list, keeping track of columns.
private struct ArgumentScanner {
    let characters: [Character]
    let location: SourceLocation
    var index = 0

    var isAtEnd: Bool { index >= characters.count }

    func location(at offset: Int) -> SourceLocation {
        var here = location
        here.column += offset
        return here
    }

    mutating func skipBlanks() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    /// `name` when the text at the cursor is `name=` (not `==`), consuming it and the `=`.
    mutating func identifierBeforeEquals() -> String? {
        var end = index
        guard end < characters.count, characters[end].isLetter || characters[end] == "_" else { return nil }
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
        var after = end
        while after < characters.count, characters[after] == " " { after += 1 }
        guard after < characters.count, characters[after] == "=",
              after + 1 >= characters.count || characters[after + 1] != "=" else { return nil }
        let name = String(characters[index..<end])
        index = after + 1
        skipBlanks()
        return name
    }

    mutating func expect(_ character: Character, after what: String) throws(CNNCalcError) {
        guard index < characters.count, characters[index] == character else {
            let found = index < characters.count ? "'\(characters[index])'" : "the end"
            throw CNNCalcError(
                .syntax, "expected '\(character)' after \(what), found \(found)",
                fix: "paste the text exactly as print(model) writes it", location: location(at: index))
        }
        index += 1
    }

    mutating func value() throws(CNNCalcError) -> PrintedValue {
        skipBlanks()
        let start = index
        guard index < characters.count else {
            throw CNNCalcError(.syntax, "expected a value, found the end of the arguments",
                               fix: "write a value after the last ',' or '=', or remove it", location: location(at: index))
        }
        let first = characters[index]
        if first == "(" || first == "[" {
            return try tuple(closing: first == "(" ? ")" : "]")
        }
        if first == "'" || first == "\"" {
            index += 1
            while index < characters.count, characters[index] != first { index += 1 }
            guard index < characters.count else {
                throw CNNCalcError(.syntax, "the quote \(first) is never closed", fix: "close it with \(first)", location: location(at: start))
            }
            index += 1
            let word = String(characters[(start + 1)..<(index - 1)])
            return PrintedValue(content: .word(word), text: String(characters[start..<index]), location: location(at: start))
        }
        while index < characters.count, !",()[]=".contains(characters[index]), !characters[index].isWhitespace { index += 1 }
        // A word of several parts, such as a function's repr, runs to the next comma or bracket.
        let text = String(characters[start..<index])
        guard !text.isEmpty else {
            throw CNNCalcError(
                .syntax, "expected a value, found '\(first)'",
                fix: "paste the text exactly as print(model) writes it", location: location(at: start))
        }
        return PrintedValue(content: Self.scalar(text), text: text, location: location(at: start))
    }

    private mutating func tuple(closing: Character) throws(CNNCalcError) -> PrintedValue {
        let start = index
        index += 1
        var items: [PrintedValue] = []
        skipBlanks()
        while true {
            guard index < characters.count else {
                throw CNNCalcError(
                    .syntax, "the '\(characters[start])' is never closed",
                    fix: "add the missing '\(closing)'", location: location(at: start))
            }
            if characters[index] == closing { index += 1; break }
            items.append(try value())
            skipBlanks()
            if index < characters.count, characters[index] == "," { index += 1; skipBlanks(); continue }
            guard index < characters.count, characters[index] == closing else {
                let found = index < characters.count ? "'\(characters[index])'" : "the end"
                throw CNNCalcError(
                    .syntax, "expected ',' or '\(closing)' in the tuple, found \(found)",
                    fix: "paste the text exactly as print(model) writes it", location: location(at: index))
            }
        }
        return PrintedValue(content: .tuple(items), text: String(characters[start..<index]), location: location(at: start))
    }

    private static func scalar(_ text: String) -> PrintedValue.Content {
        switch text {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        default: break
        }
        if let integer = Int(text) { return .integer(integer) }
        if text.first?.isNumber == true || text.first == "-" || text.first == "." || text.first == "+",
           let number = Double(text), number.isFinite {
            return .number(number)
        }
        return .word(text)
    }
}
