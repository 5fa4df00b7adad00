import CNNCalcCore

/// The values and options of one statement, matched to the parameters of its kind.
///
/// Matching checks what can be checked without reading a value: that no value is
/// left over, that every key is known and given once, and that the required values
/// are there. The typed accessors then read each value on demand; they return `nil`
/// for a parameter that was not written, so that the builder chooses the default.
struct Arguments {
    /// A parameter's text and how it was written.
    private struct Given {
        /// The value.
        var value: Token
        /// The whole argument as written: `32` or `filters=32`.
        var written: String
        /// The key as written, or `nil` for a value written after the kind.
        var key: Token?
    }

    /// The kind as written, lowercased, e.g. `conv2d`, for messages.
    let kindName: String
    /// The family the kind belongs to.
    let family: LayerFamily
    /// The number of spatial axes a numbered kind requires.
    let spatialRank: Int?
    private let kind: Token
    private var given: [String: Given] = [:]

    /// Matches `statement` to the parameters of `entry`'s family.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for a value too many, an unknown or
    ///   repeated option, or a missing required value.
    init(statement: Statement, entry: LayerKindTable.Entry) throws(CNNCalcError) {
        kindName = statement.kind.text.lowercased()
        family = entry.family
        spatialRank = entry.spatialRank
        kind = statement.kind
        let valueParameters = family.valueParameters
        for (index, value) in statement.values.enumerated() {
            guard index < valueParameters.count else { throw extraValue(value) }
            given[valueParameters[index].key] = Given(value: value, written: value.text, key: nil)
        }
        let parameters = statement.options.isEmpty ? [] : family.parameters
        for option in statement.options {
            // The last parameter with a spelling that matches, as a table of every spelling would give it.
            let key = Keyword.normalized(option.key.text)
            guard let parameter = parameters.last(where: { $0.spellings.contains { Keyword.normalized($0) == key } }) else {
                throw unknownOption(option.key)
            }
            let written = option.key.text + "=" + option.value.text
            if let previous = given[parameter.key] {
                throw repeated(parameter, previous: previous, key: option.key, written: written)
            }
            given[parameter.key] = Given(value: option.value, written: written, key: option.key)
        }
        if valueParameters.prefix(family.requiredCount).contains(where: { given[$0.key] == nil }) {
            throw missingValues()
        }
    }

    /// The text written for `parameter`, if any.
    func token(_ parameter: Parameter) -> Token? {
        given[parameter.key]?.value
    }

    /// The key `parameter` was written with, lowercased, or `nil` when it was written as a value or not at all.
    func writtenKey(_ parameter: Parameter) -> String? {
        given[parameter.key]?.key?.text.lowercased()
    }

    /// The error for a required value that is missing, pointing at the kind.
    func missingValues() -> CNNCalcError {
        CNNCalcError(
            .badArgument, "\(kindName) needs \(family.valuesPhrase ?? "more values")",
            fix: examplesFix, location: kind.location)
    }

    /// `write e.g. 'conv 32 5' or 'conv 32 3x3'`.
    var examplesFix: String {
        let examples = family.examples(kind: kindName, spatialRank: spatialRank).map(Token.quote)
        return "write e.g. " + examples.joined(separator: " or ")
    }

    /// What to suggest when the value of `parameter` cannot be read.
    func fix(for parameter: Parameter) -> String {
        guard let key = writtenKey(parameter) else { return examplesFix }
        return "write e.g. \(Token.quote(key + "=" + parameter.sampleValue))"
    }

    private func extraValue(_ value: Token) -> CNNCalcError {
        let normalized = Keyword.normalized(value.text)
        if let parameter = family.parameters.first(where: { $0.spellings.map(Keyword.normalized).contains(normalized) }) {
            return CNNCalcError(
                .badArgument, "unexpected value \(value.quoted)",
                fix: "write the option with its value, e.g. \(Token.quote(value.text.lowercased() + "=" + parameter.sampleValue))",
                location: value.location)
        }
        var fix = "\(kindName) takes no values"
        if let phrase = family.valuesPhrase, let example = family.examples(kind: kindName, spatialRank: spatialRank).first {
            fix = "\(kindName) takes \(phrase), e.g. \(Token.quote(example))"
        }
        if family.parameters.count > family.valueParameters.count + 1 {
            fix += "; write other settings as key=value"
        }
        return CNNCalcError(.badArgument, "unexpected value \(value.quoted)", fix: fix, location: value.location)
    }

    private func unknownOption(_ key: Token) -> CNNCalcError {
        let nearest = Suggestion.nearest(
            to: key.text, among: family.parameters.flatMap(\.spellings), normalize: Keyword.normalized)
        let suggestion = Suggestion.didYouMean(nearest)
        let keys = family.parameters.map(\.key)
        let list = keys.count == 1 ? "\(kindName) accepts only \(Listing.and(keys))=" : "\(kindName) accepts \(Listing.and(keys))"
        return CNNCalcError(
            .badArgument, "unknown option \(key.quoted) for \(kindName)",
            fix: suggestion ?? list, location: key.location)
    }

    private func repeated(_ parameter: Parameter, previous: Given, key: Token, written: String) -> CNNCalcError {
        let sameKey = previous.key.map { Keyword.normalized($0.text) == Keyword.normalized(key.text) } ?? false
        let problem = sameKey
            ? "option \(Token.quote(key.text.lowercased())) is given twice"
            : "the \(parameter.noun) is given twice, as \(Token.quote(previous.written)) and as \(Token.quote(written))"
        return CNNCalcError(.badArgument, problem, fix: "keep one of them", location: key.location)
    }
}
