import CNNCalcCore

/// Parses MATLAB tokens into statements: assignments `x = expr`, expressions, and a few commands.
///
/// Expressions follow MATLAB's precedence, from the loosest: `:` ranges; `+ -`; `* / .* ./`;
/// unary `+ -`; `^ .^` (left to right, so `2^3^2` is 64, and `-2^2` is -4); then calls and
/// indexing `f(...)`. Arguments are values or `Name=Value`. Inside `[ ]` and `{ }`, commas and
/// blanks separate elements and semicolons and line ends separate rows; as in MATLAB, a sign
/// with a blank before it and none after starts a new element (`[1 -2]` is two numbers,
/// `[1 - 2]` one), and so does a `(` after a blank.
///
/// Control statements (`for`, `if`, `function`, ...), transposes, comparisons, logical
/// operators, function handles and field access are refused with an error at them. Nesting is
/// limited to ``maximumDepth`` levels.
struct MATLABParser {
    /// The deepest nesting of brackets and operators read: far beyond any real layer definition.
    static let maximumDepth = 100

    /// Commands that change nothing CNNCalc reads; the rest of their statement is skipped.
    static let commands: Set<String> = ["clear", "clearvars", "clc", "close", "figure", "hold", "format", "more", "warning"]

    /// MATLAB's keywords, which start statements CNNCalc does not run.
    static let keywords: Set<String> = [
        "for", "parfor", "while", "if", "elseif", "else", "end", "switch", "case", "otherwise", "try", "catch",
        "function", "return", "break", "continue", "global", "persistent", "classdef", "spmd",
    ]

    private let tokens: [MATLABToken]
    private var position = 0
    private var depth = 0

    private init(tokens: [MATLABToken]) {
        self.tokens = tokens
    }

    /// The statements `tokens` write, in order.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` at the first token that does not fit.
    static func statements(_ tokens: [MATLABToken]) throws(CNNCalcError) -> [MATLABStatement] {
        var parser = MATLABParser(tokens: tokens)
        var statements: [MATLABStatement] = []
        while true {
            while parser.current.endsStatement && parser.current.kind != .end { parser.advance() }
            if parser.current.kind == .end { break }
            statements.append(try parser.statement())
            guard parser.current.endsStatement else {
                throw parser.error(
                    "expected the end of the statement, found \(parser.current.quoted)",
                    fix: "end each statement with ';', ',' or a line break, or join lines with '...'")
            }
        }
        return statements
    }

    // MARK: - Tokens

    private var current: MATLABToken { tokens[position] }

    private func peek(_ offset: Int = 1) -> MATLABToken {
        tokens[min(position + offset, tokens.count - 1)]
    }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private func error(_ problem: String, fix: String? = nil, at token: MATLABToken? = nil) -> CNNCalcError {
        CNNCalcError(.syntax, problem, fix: fix, location: (token ?? current).location)
    }

    private mutating func expect(_ symbol: String, after what: String) throws(CNNCalcError) {
        guard current.isSymbol(symbol) else {
            throw error("expected '\(symbol)' \(what), found \(current.quoted)")
        }
        advance()
    }

    private mutating func enter() throws(CNNCalcError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("the expression is nested more than \(Self.maximumDepth) levels deep",
                        fix: "split it into statements that assign variables")
        }
    }

    // MARK: - Statements

    private mutating func statement() throws(CNNCalcError) -> MATLABStatement {
        let start = current
        if let name = start.identifier {
            if Self.keywords.contains(name) {
                throw error(
                    "'\(name)' starts a MATLAB control statement, which CNNCalc does not run",
                    fix: "write the layers out one by one, or paste the layer array the code builds")
            }
            if peek().isSymbol("=") {
                advance()
                advance()
                return .assignment(name: name, location: start.location, value: try expression(inMatrix: false))
            }
            if Self.commands.contains(name) && !peek().isSymbol("(") {
                while !current.endsStatement { advance() }
                return .command(name: name, location: start.location)
            }
        }
        let value = try expression(inMatrix: false)
        if current.isSymbol("=") {
            if case .matrix = value {
                throw error("assigning several outputs at once ('[a, b] = ...') is not read",
                            fix: "assign one variable per statement", at: start)
            }
            throw error("only a name can be assigned a value", fix: "write 'name = value'", at: start)
        }
        return .expression(value)
    }

    // MARK: - Expressions

    private mutating func expression(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        try enter()
        defer { depth -= 1 }
        let first = try additive(inMatrix: inMatrix)
        guard current.isSymbol(":"), !(inMatrix && startsNewElement) else { return first }
        let colon = current.location
        advance()
        let second = try additive(inMatrix: inMatrix)
        if current.isSymbol(":"), !(inMatrix && startsNewElement) {
            advance()
            let third = try additive(inMatrix: inMatrix)
            return .range(first: first, step: second, last: third, location: colon)
        }
        return .range(first: first, step: nil, last: second, location: colon)
    }

    /// Inside brackets, whether the current token starts a new element rather than continuing
    /// the one before: a `+` or `-` with a blank before and none after, or a `(` after a blank.
    private var startsNewElement: Bool {
        guard current.hasSpaceBefore else { return false }
        if current.isSymbol("+") || current.isSymbol("-") { return !peek().hasSpaceBefore }
        return current.isSymbol("(")
    }

    private mutating func additive(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        var left = try multiplicative(inMatrix: inMatrix)
        while current.isSymbol("+") || current.isSymbol("-") {
            if inMatrix && startsNewElement { break }
            let operation = current
            advance()
            left = .binary(operation.text, left, try multiplicative(inMatrix: inMatrix), location: operation.location)
        }
        return left
    }

    private mutating func multiplicative(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        var left = try unary(inMatrix: inMatrix)
        while ["*", "/", ".*", "./", "\\", ".\\"].contains(where: current.isSymbol) {
            let operation = current
            if operation.text.hasSuffix("\\") {
                throw error("left division '\(operation.text)' is not read", fix: "write a division with '/'")
            }
            advance()
            left = .binary(operation.text, left, try unary(inMatrix: inMatrix), location: operation.location)
        }
        return left
    }

    private mutating func unary(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        if current.isSymbol("+") || current.isSymbol("-") {
            let operation = current
            advance()
            try enter()
            defer { depth -= 1 }
            return .unary(operation.text, try unary(inMatrix: inMatrix), location: operation.location)
        }
        return try power(inMatrix: inMatrix)
    }

    private mutating func power(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        var base = try postfix(inMatrix: inMatrix)
        while current.isSymbol("^") || current.isSymbol(".^") {
            let operation = current
            advance()
            // MATLAB allows a sign on the exponent: 2^-1.
            var exponent: MATLABExpression
            if current.isSymbol("+") || current.isSymbol("-") {
                let sign = current
                advance()
                exponent = .unary(sign.text, try postfix(inMatrix: inMatrix), location: sign.location)
            } else {
                exponent = try postfix(inMatrix: inMatrix)
            }
            base = .binary(operation.text, base, exponent, location: operation.location)
        }
        return base
    }

    private mutating func postfix(inMatrix: Bool) throws(CNNCalcError) -> MATLABExpression {
        let primary = try self.primary()
        if case .name(let name, let location) = primary, current.isSymbol("("), !(inMatrix && current.hasSpaceBefore) {
            advance()
            return .call(name: name, location: location, arguments: try arguments())
        }
        if inMatrix && startsNewElement { return primary }
        try refuseSuffix()
        return primary
    }

    /// Errors for what MATLAB can write after a value but CNNCalc does not read.
    private func refuseSuffix() throws(CNNCalcError) {
        guard case .symbol(let symbol) = current.kind else { return }
        switch symbol {
        case "'", ".'":
            throw error("the transpose operator (\(current.text)) is not read", fix: "write the value without it")
        case ".":
            throw error("field access with '.' is not read",
                        fix: "CNNCalc reads the layers themselves; write them out instead of reading a property")
        case "(":
            throw error("only a name can be called or indexed with '(...)'",
                        fix: "assign the value to a variable first")
        case "{":
            throw error("indexing with '{...}' is not read", fix: "write the value itself")
        case "==", "~=", "<", ">", "<=", ">=", "&", "|", "&&", "||":
            throw error("the comparison or logical operator \(current.quoted) is not read",
                        fix: "write the value it computes")
        default:
            return
        }
    }

    private mutating func arguments() throws(CNNCalcError) -> [MATLABArgument] {
        var arguments: [MATLABArgument] = []
        if current.isSymbol(")") {
            advance()
            return arguments
        }
        while true {
            if let name = current.identifier, peek().isSymbol("=") {
                let location = current.location
                advance()
                advance()
                arguments.append(MATLABArgument(name: name, nameLocation: location, value: try expression(inMatrix: false)))
            } else {
                if current.isSymbol(":") {
                    throw error("':' on its own (every element) is not read", fix: "write the indices, e.g. x(1:2)")
                }
                arguments.append(MATLABArgument(value: try expression(inMatrix: false)))
            }
            if current.isSymbol(",") {
                advance()
                continue
            }
            try expect(")", after: "or ',' after an argument")
            return arguments
        }
    }

    private mutating func primary() throws(CNNCalcError) -> MATLABExpression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .number(value, token.location)
        case .text(let value, let isString):
            advance()
            return .text(value, isString: isString, token.location)
        case .identifier(let name):
            if Self.keywords.contains(name) {
                throw error("'\(name)' is a MATLAB keyword, which CNNCalc does not read here",
                            fix: "write the value itself")
            }
            advance()
            return .name(name, token.location)
        case .symbol("("):
            advance()
            let inner = try expression(inMatrix: false)
            try expect(")", after: "to close the '(' at \(token.location.line):\(token.location.column)")
            return inner
        case .symbol("["):
            advance()
            return .matrix(rows: try rows(closing: "]"), location: token.location)
        case .symbol("{"):
            advance()
            return .cell(rows: try rows(closing: "}"), location: token.location)
        case .symbol("@"):
            throw error("function handles ('@') are not read", fix: "write the value itself")
        case .symbol("~"), .symbol("!"):
            throw error("the logical operator \(token.quoted) is not read", fix: "write the value it computes")
        case .newline, .end:
            throw error("expected a value, found \(token.quoted)", fix: "complete the statement, or join lines with '...'")
        default:
            throw error("expected a value, found \(token.quoted)")
        }
    }

    /// The rows of `[ ]` or `{ }` up to `closing`.
    private mutating func rows(closing: String) throws(CNNCalcError) -> [[MATLABExpression]] {
        try enter()
        defer { depth -= 1 }
        var rows: [[MATLABExpression]] = [[]]
        while true {
            switch current.kind {
            case .symbol(closing):
                advance()
                return rows.filter { !$0.isEmpty }
            case .symbol(";"), .newline:
                if !(rows.last?.isEmpty ?? true) { rows.append([]) }
                advance()
            case .symbol(","):
                advance()
            default:
                let element = try expression(inMatrix: true)
                rows[rows.count - 1].append(element)
                let separated = current.hasSpaceBefore
                    || current.isSymbol(",") || current.isSymbol(";") || current.isSymbol(closing) || current.kind == .newline
                if !separated {
                    try refuseSuffix()
                    throw error("expected ',' or a blank between elements, or '\(closing)', found \(current.quoted)")
                }
            }
        }
    }
}
