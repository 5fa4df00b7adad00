import CNNCalcCore

/// Parses the statements of a network definition written in Python: assignments, imports,
/// `def` headers, `return` and calls, with expressions made of names, numbers, strings,
/// tuples, lists, dictionaries, calls, attributes, items and arithmetic.
///
/// Control flow (`for`, `if`, `while`, `with`, `class`, `lambda`, comprehensions) is refused
/// with an error at its line: a network built in a loop has to be written out, or saved
/// and read as a model file.
struct PythonParser {
    /// The deepest nesting of brackets and operators accepted.
    static let maximumDepth = 200

    private let tokens: [PythonToken]
    private var position = 0
    private var depth = 0

    private init(tokens: [PythonToken]) {
        self.tokens = tokens
    }

    /// The statements of `text`.
    static func statements(in text: String, source: String) throws(CNNCalcError) -> [PythonStatement] {
        var parser = PythonParser(tokens: try PythonLexer.tokens(in: text, source: source))
        var statements: [PythonStatement] = []
        while true {
            parser.skipNewlines()
            if parser.current.kind == .end { return statements }
            if let statement = try parser.statement() { statements.append(statement) }
        }
    }

    // MARK: - Tokens

    private var current: PythonToken { tokens[position] }

    private mutating func next() -> PythonToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private func isName(_ name: String) -> Bool { current.kind == .name(name) }

    private mutating func skipNewlines() {
        while current.kind == .newline { _ = next() }
    }

    private mutating func skipLine() {
        while current.kind != .newline && current.kind != .end { _ = next() }
    }

    private func error(_ problem: String, at token: PythonToken? = nil, fix: String? = nil) -> CNNCalcError {
        CNNCalcError(.syntax, problem, fix: fix, location: (token ?? current).location)
    }

    private mutating func expect(_ symbol: String, closing opener: String? = nil) throws(CNNCalcError) {
        guard isSymbol(symbol) else {
            let context = opener.map { " to close '\($0)'" } ?? ""
            throw error("expected '\(symbol)'\(context), found \(current.text)", fix: "check the punctuation before this point")
        }
        _ = next()
    }

    private mutating func identifier() throws(CNNCalcError) -> String {
        guard case .name(let name) = current.kind else {
            throw error("expected a name, found \(current.text)")
        }
        _ = next()
        return name
    }

    // MARK: - Statements

    private static let refusedKeywords: Set<String> = [
        "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "class", "lambda", "yield", "async", "await",
    ]
    private static let ignoredKeywords: Set<String> = ["pass", "global", "nonlocal", "del", "assert", "raise", "break", "continue"]

    private mutating func statement() throws(CNNCalcError) -> PythonStatement? {
        let first = current
        if case .name(let keyword) = first.kind {
            if Self.refusedKeywords.contains(keyword) {
                throw error("'\(keyword)' blocks are not read: CNNCalc follows straight-line layer definitions", at: first,
                            fix: "write the layers out one by one, or save the model and analyse the file")
            }
            if Self.ignoredKeywords.contains(keyword) {
                skipLine()
                return nil
            }
            switch keyword {
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            case "def":
                try skipDefinitionHeader()
                return nil
            case "return":
                _ = next()
                if current.kind == .newline || current.kind == .end { return nil }
                let value = try expressionList()
                try endOfStatement()
                return .returning(value)
            default: break
            }
        }
        if isSymbol("@") {
            skipLine()
            return nil
        }
        var targets: [PythonExpression] = []
        var value = try expressionList()
        while isSymbol("=") {
            _ = next()
            targets.append(value)
            value = try expressionList()
        }
        if case .symbol(let symbol) = current.kind, ["+=", "-=", "*=", "/="].contains(symbol) {
            throw error("'\(symbol)' is not read: CNNCalc follows plain assignments", fix: "write the layer as 'name = Layer(...)'")
        }
        try endOfStatement()
        return targets.isEmpty ? .expression(value) : .assignment(targets: targets, value: value)
    }

    private mutating func endOfStatement() throws(CNNCalcError) {
        guard current.kind == .newline || current.kind == .end else {
            throw error("unexpected \(current.text) after the end of the statement", fix: "put one statement on each line")
        }
    }

    private mutating func dottedName() throws(CNNCalcError) -> String {
        var name = try identifier()
        while isSymbol(".") {
            _ = next()
            name += "." + (try identifier())
        }
        return name
    }

    private mutating func importStatement() throws(CNNCalcError) -> PythonStatement {
        _ = next()
        var names: [(local: String, dotted: String)] = []
        repeat {
            if isSymbol(",") { _ = next() }
            let dotted = try dottedName()
            if isName("as") {
                _ = next()
                names.append((try identifier(), dotted))
            } else {
                let root = String(dotted.split(separator: ".").first ?? Substring(dotted))
                names.append((root, root))
            }
        } while isSymbol(",")
        try endOfStatement()
        return .imports(names)
    }

    private mutating func fromImportStatement() throws(CNNCalcError) -> PythonStatement {
        _ = next()
        var module = ""
        while isSymbol(".") {
            module += "."
            _ = next()
        }
        if !isName("import") { module += try dottedName() }
        guard isName("import") else { throw error("expected 'import', found \(current.text)") }
        _ = next()
        let parenthesized = isSymbol("(")
        if parenthesized { _ = next() }
        var names: [(local: String, dotted: String)] = []
        if isSymbol("*") {
            _ = next()
        } else {
            repeat {
                if isSymbol(",") { _ = next() }
                if parenthesized && isSymbol(")") { break }
                let name = try identifier()
                var local = name
                if isName("as") {
                    _ = next()
                    local = try identifier()
                }
                names.append((local, module.isEmpty ? name : "\(module).\(name)"))
            } while isSymbol(",")
        }
        if parenthesized { try expect(")", closing: "(") }
        try endOfStatement()
        return .imports(names)
    }

    /// `def build(input_var=None):` — its body is read as top-level statements; a `return` names the output.
    private mutating func skipDefinitionHeader() throws(CNNCalcError) {
        _ = next()
        _ = try identifier()
        guard isSymbol("(") else { throw error("expected '(' after the function name") }
        var parentheses = 0
        repeat {
            if isSymbol("(") { parentheses += 1 }
            if isSymbol(")") { parentheses -= 1 }
            _ = next()
        } while parentheses > 0 && current.kind != .end
        if isSymbol("->") {
            while !isSymbol(":") && current.kind != .newline && current.kind != .end { _ = next() }
        }
        try expect(":")
    }

    // MARK: - Expressions

    private mutating func nested<T>(_ body: (inout PythonParser) throws(CNNCalcError) -> T) throws(CNNCalcError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error("expressions are nested more than \(Self.maximumDepth) deep", fix: "simplify the expression")
        }
        return try body(&self)
    }

    /// `a` or `a, b` (a tuple without brackets).
    private mutating func expressionList() throws(CNNCalcError) -> PythonExpression {
        let start = current.location
        let first = try expression()
        guard isSymbol(",") else { return first }
        var items = [first]
        while isSymbol(",") {
            _ = next()
            if current.kind == .newline || current.kind == .end || isSymbol("=") { break }
            items.append(try expression())
        }
        return .tuple(items, start)
    }

    private mutating func expression() throws(CNNCalcError) -> PythonExpression {
        if case .name(let keyword) = current.kind, ["lambda", "not", "yield", "await"].contains(keyword) {
            throw error("'\(keyword)' expressions are not read", fix: "give the value itself")
        }
        let value = try sum()
        if case .name(let keyword) = current.kind, ["if", "for", "and", "or", "in", "is"].contains(keyword) {
            throw error("'\(keyword)' expressions are not read", fix: "give the value itself")
        }
        if case .symbol(let symbol) = current.kind, ["==", "!=", "<", ">", "<=", ">="].contains(symbol) {
            throw error("comparisons are not read", fix: "give the value itself")
        }
        return value
    }

    private mutating func sum() throws(CNNCalcError) -> PythonExpression {
        var left = try term()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            let at = next().location
            let right = try term()
            left = .binary(symbol, left, right, at)
        }
        return left
    }

    private mutating func term() throws(CNNCalcError) -> PythonExpression {
        var left = try unary()
        while case .symbol(let symbol) = current.kind, ["*", "/", "//", "%"].contains(symbol) {
            let at = next().location
            let right = try unary()
            left = .binary(symbol, left, right, at)
        }
        return left
    }

    private mutating func unary() throws(CNNCalcError) -> PythonExpression {
        if case .symbol(let symbol) = current.kind, symbol == "-" || symbol == "+" {
            let at = next().location
            let operand = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.unary() }
            return .unary(symbol, operand, at)
        }
        return try power()
    }

    private mutating func power() throws(CNNCalcError) -> PythonExpression {
        let base = try primary()
        guard isSymbol("**") else { return base }
        let at = next().location
        let exponent = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.unary() }
        return .binary("**", base, exponent, at)
    }

    private mutating func primary() throws(CNNCalcError) -> PythonExpression {
        var value = try atom()
        while true {
            if isSymbol(".") {
                _ = next()
                value = .attribute(value, try identifier(), value.location)
            } else if isSymbol("(") {
                let at = value.location
                value = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.call(value, at: at) }
            } else if isSymbol("[") {
                _ = next()
                let at = value.location
                let index = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.expressionList() }
                if isSymbol(":") { throw error("slices are not read", fix: "give the value itself") }
                try expect("]", closing: "[")
                value = .item(value, index, at)
            } else {
                return value
            }
        }
    }

    private mutating func call(_ callee: PythonExpression, at: SourceLocation) throws(CNNCalcError) -> PythonExpression {
        try expect("(")
        var arguments: [PythonExpression] = []
        var keywords: [(name: String, value: PythonExpression)] = []
        while !isSymbol(")") {
            if isSymbol("*") || isSymbol("**") {
                throw error("'\(current.text)' argument unpacking is not read", fix: "write the arguments out")
            }
            if case .name(let name) = current.kind, tokens[position + 1].kind == .symbol("=") {
                let keyword = next()
                _ = next()
                if keywords.contains(where: { $0.name == name }) {
                    throw error("keyword argument '\(name)' is given twice", at: keyword, fix: "keep one '\(name)='")
                }
                keywords.append((name, try expression()))
            } else {
                guard keywords.isEmpty else {
                    throw error("a positional argument follows keyword arguments", fix: "put positional arguments first, as Python requires")
                }
                arguments.append(try expression())
            }
            guard isSymbol(",") else { break }
            _ = next()
        }
        try expect(")", closing: "(")
        return .call(callee, arguments, keywords, at)
    }

    private mutating func atom() throws(CNNCalcError) -> PythonExpression {
        let token = current
        switch token.kind {
        case .name(let name):
            _ = next()
            return .name(name, token.location)
        case .integer(let value):
            _ = next()
            return .integer(value, token.location)
        case .real(let value):
            _ = next()
            return .real(value, token.location)
        case .string(var value):
            _ = next()
            while case .string(let more) = current.kind {
                value += more
                _ = next()
            }
            return .string(value, token.location)
        case .symbol("("):
            _ = next()
            if isSymbol(")") {
                _ = next()
                return .tuple([], token.location)
            }
            let inner = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.sequence(closing: ")") }
            if inner.items.count == 1 && !inner.trailingComma { return inner.items[0] }
            return .tuple(inner.items, token.location)
        case .symbol("["):
            _ = next()
            let inner = try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.sequence(closing: "]") }
            return .list(inner.items, token.location)
        case .symbol("{"):
            _ = next()
            return try nested { (parser: inout PythonParser) throws(CNNCalcError) in try parser.dictionary(at: token.location) }
        default:
            throw error("expected a value, found \(token.text)", at: token)
        }
    }

    private mutating func sequence(closing: String) throws(CNNCalcError) -> (items: [PythonExpression], trailingComma: Bool) {
        var items: [PythonExpression] = []
        var trailingComma = false
        while !isSymbol(closing) {
            items.append(try expression())
            trailingComma = false
            if isName("for") { throw error("comprehensions are not read", fix: "write the items out") }
            guard isSymbol(",") else { break }
            _ = next()
            trailingComma = true
        }
        try expect(closing, closing: closing == ")" ? "(" : "[")
        return (items, trailingComma)
    }

    private mutating func dictionary(at location: SourceLocation) throws(CNNCalcError) -> PythonExpression {
        var entries: [(key: PythonExpression, value: PythonExpression)] = []
        while !isSymbol("}") {
            if isSymbol("**") { throw error("'**' unpacking is not read", fix: "write the entries out") }
            let key = try expression()
            try expect(":")
            entries.append((key, try expression()))
            guard isSymbol(",") else { break }
            _ = next()
        }
        try expect("}", closing: "{")
        return .dictionary(entries, location)
    }
}
