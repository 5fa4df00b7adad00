import CNNCalcCore

/// One `.cnn` statement taken apart: `[name:] kind {value} {key=value}`.
///
/// Only the form is checked here: where the name ends, that options are written
/// `key=value`, and that values come before options. What the kind, the values and
/// the keys mean is left to ``LayerKindTable`` and ``Arguments``.
struct Statement: Sendable {
    /// An option as written: `stride=2`.
    struct Option: Sendable {
        /// The text before `=`.
        var key: Token
        /// The text after `=`, never empty.
        var value: Token
    }

    /// The name before `:`, when the statement has one.
    var name: Token?
    /// The layer kind, e.g. `conv`.
    var kind: Token
    /// The values written after the kind and before any option.
    var values: [Token]
    /// The `key=value` options, in the order written.
    var options: [Option]

    /// Where the statement starts: its name, or its kind when it has no name.
    var location: SourceLocation { name?.location ?? kind.location }

    /// Takes apart the tokens of one statement, or returns `nil` when there are none.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for an invalid name, a stray `:` or `=`,
    ///   or a value after an option; `.badArgument` for an option without a value.
    static func parse(_ tokens: [Token]) throws(CNNCalcError) -> Statement? {
        var rest = tokens[...]
        guard let first = rest.popFirst() else { return nil }
        let (name, kindStart) = try splitName(first, next: &rest)
        do throws(CNNCalcError) {
            let kind: Token
            if let name {
                guard let start = kindStart ?? rest.popFirst() else {
                    throw CNNCalcError(
                        .syntax, "missing layer kind after \(Token.quote(name.text + ":"))",
                        fix: "write the kind after the name, e.g. \(Token.quote(name.text + ": conv 32 5"))",
                        location: name.location)
                }
                kind = start
            } else {
                kind = first
            }
            try checkKind(kind)
            var values: [Token] = []
            var options: [Option] = []
            for token in rest {
                if let option = try option(token) {
                    options.append(option)
                } else if let previous = options.last {
                    throw CNNCalcError(
                        .syntax,
                        "the value \(token.quoted) comes after the option \(Token.quote(previous.key.text + "=" + previous.value.text))",
                        fix: "write the values first and the key=value options after them",
                        location: token.location)
                } else {
                    values.append(token)
                }
            }
            return Statement(name: name, kind: kind, values: values, options: options)
        } catch {
            throw error.attributed(to: name?.text, at: nil)
        }
    }

    /// The statement `lexer` moved to, taken apart, or `nil` when it has no tokens; `tokens` is
    /// where its tokens are put when they need more than ``Lexer/plainStatement()``.
    static func current(of lexer: Lexer, tokens: inout [Token]) throws(CNNCalcError) -> Statement? {
        if lexer.statementIsPlain { return lexer.plainStatement() }
        lexer.statementTokens(into: &tokens)
        return try parse(tokens)
    }

    /// The name of `first`, if it has one, and the start of the kind when it is in the same token.
    ///
    /// Accepts `conv1: conv`, `conv1:conv` and `conv1 : conv`.
    private static func splitName(
        _ first: Token, next rest: inout ArraySlice<Token>
    ) throws(CNNCalcError) -> (name: Token?, kind: Token?) {
        let colonOffset = first.offset(of: UInt8(ascii: ":"))
        if let colonOffset, first.offset(of: UInt8(ascii: "=")).map({ $0 > colonOffset }) ?? true {
            let name = first.prefix(colonOffset)
            try checkName(name, colon: first.location(at: colonOffset))
            // `conv1:` alone leaves the kind to the next token.
            guard colonOffset + 1 < first.count else { return (name, nil) }
            return (name, first.dropping(colonOffset + 1))
        }
        if let colon = rest.first, colon.starts(with: UInt8(ascii: ":")), !first.text.utf8.contains(UInt8(ascii: "=")) {
            rest.removeFirst()
            try checkName(first, colon: colon.location)
            let after = colon.dropping(1)
            return (first, after.text.isEmpty ? nil : after)
        }
        return (nil, nil)
    }

    private static func checkName(_ name: Token, colon: SourceLocation) throws(CNNCalcError) {
        guard !name.text.isEmpty else {
            throw CNNCalcError(
                .syntax, "unexpected ':' without a layer name before it",
                fix: "write the name before the ':', e.g. 'conv1: conv 32 5', or remove the ':'",
                location: colon)
        }
        try LayerName.validate(name, role: "layer name")
    }

    private static func checkKind(_ kind: Token) throws(CNNCalcError) {
        // The common kind, letters and digits alone, has nothing to check.
        guard kind.text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "=") }) else { return }
        if kind.starts(with: UInt8(ascii: ":")) {
            throw CNNCalcError(
                .syntax, "unexpected \(kind.quoted) after the layer name",
                fix: "write a single ':' after the name, e.g. 'conv1: conv 32 5'", location: kind.location)
        }
        if kind.starts(with: UInt8(ascii: "=")) {
            throw strayEquals(kind)
        }
        if kind.text.utf8.contains(UInt8(ascii: "=")) {
            throw CNNCalcError(
                .syntax, "expected a layer kind, found the option \(kind.quoted)",
                fix: "start with the kind and write options after it, e.g. 'conv 32 5 stride=2'",
                location: kind.location)
        }
        if let offset = kind.offset(of: UInt8(ascii: ":")) {
            throw CNNCalcError(
                .syntax, "unexpected ':' in \(kind.quoted)",
                fix: "a layer has one name, written once at the start, e.g. 'conv1: conv 32 5'",
                location: kind.location(at: offset))
        }
    }

    /// The option `token` spells, or `nil` when it has no `=` and is a value.
    private static func option(_ token: Token) throws(CNNCalcError) -> Option? {
        guard let keyLength = token.offset(of: UInt8(ascii: "=")) else { return nil }
        guard keyLength > 0 else { throw strayEquals(token) }
        let key = token.prefix(keyLength)
        let value = token.dropping(keyLength + 1)
        guard !value.text.isEmpty else {
            throw CNNCalcError(
                .badArgument, "the option \(key.quoted) has no value",
                fix: "write the value right after '=' without spaces, e.g. 'stride=2'", location: token.location)
        }
        return Option(key: key, value: value)
    }

    private static func strayEquals(_ token: Token) -> CNNCalcError {
        CNNCalcError(
            .syntax, "unexpected \(token.quoted)",
            fix: "write options as key=value without spaces, e.g. 'stride=2'", location: token.location)
    }
}
