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
        /// The key as written, or `nil` for a value written after the kind.
        var key: Token?

        /// The whole argument as written: `32` or `filters=32`.
        var written: String { key.map { $0.text + "=" + value.text } ?? value.text }
    }

    /// What matching needs of a family, worked out once per family rather than per statement.
    private struct Matching: Sendable {
        /// The keys of ``LayerFamily/valueParameters``.
        var valueKeys: [String]
        /// Every spelling of every parameter of ``LayerFamily/parameters``, normalized, in order.
        var spellings: [(spelling: String, parameter: Parameter)]

        init(_ family: LayerFamily) {
            valueKeys = family.valueParameters.map(\.key)
            spellings = family.parameters.flatMap { parameter in
                parameter.spellings.map { (Keyword.normalized($0), parameter) }
            }
        }
    }

    /// The matching of every family a kind keyword stands for, by ``LayerKindTable/Entry/familyIndex``.
    private static let matchings: [Matching] = LayerKindTable.families.map(Matching.init)

    /// The kind as written, lowercased, e.g. `conv2d`, for messages.
    var kindName: String { Self.lowercased(kind.text) }
    /// The family the kind belongs to.
    let family: LayerFamily
    /// The number of spatial axes a numbered kind requires.
    let spatialRank: Int?
    private let kind: Token
    /// The values written after the kind, the `i`th for the `i`th of `valueKeys`.
    private let values: [Token]
    /// The keys of the family's ``LayerFamily/valueParameters``, in order.
    private let valueKeys: [String]
    /// The keys of the parameters of the options written, in order: a statement has a few, so a
    /// list is quicker than a dictionary, and most statements have none, which costs nothing.
    private var optionKeys: [String] = []
    /// The options written, the `i`th for the `i`th of `optionKeys`.
    private var options: [Given] = []

    private func given(_ key: String) -> Given? {
        // A different length rejects a key without comparing the strings.
        let length = key.utf8.count
        var index = 0
        while index < values.count && index < valueKeys.count {
            if valueKeys[index].utf8.count == length && valueKeys[index] == key { return Given(value: values[index], key: nil) }
            index += 1
        }
        index = 0
        while index < optionKeys.count {
            if optionKeys[index].utf8.count == length && optionKeys[index] == key { return options[index] }
            index += 1
        }
        return nil
    }

    /// Matches `statement` to the parameters of `entry`'s family.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for a value too many, an unknown or
    ///   repeated option, or a missing required value.
    init(statement: Statement, entry: LayerKindTable.Entry) throws(CNNCalcError) {
        family = entry.family
        spatialRank = entry.spatialRank
        kind = statement.kind
        values = statement.values
        valueKeys = Self.matchings[entry.familyIndex].valueKeys
        if values.count > valueKeys.count { throw extraValue(values[valueKeys.count]) }
        if !statement.options.isEmpty {
            let matching = Self.matchings[entry.familyIndex]
            optionKeys.reserveCapacity(statement.options.count)
            options.reserveCapacity(statement.options.count)
            for option in statement.options {
                // The last parameter with a spelling that matches, as a table of every spelling would give it.
                let key = Keyword.normalized(option.key.text)
                let length = key.utf8.count
                guard let parameter = matching.spellings.last(where: { $0.spelling.utf8.count == length && $0.spelling == key })?.parameter
                else {
                    throw unknownOption(option.key)
                }
                let given = Given(value: option.value, key: option.key)
                if let previous = self.given(parameter.key) {
                    throw repeated(parameter, previous: previous, key: option.key, written: given.written)
                }
                optionKeys.append(parameter.key)
                options.append(given)
            }
        }
        // The first values are given when written as values; the others only as options.
        let required = min(family.requiredCount, valueKeys.count)
        if values.count < required && valueKeys[values.count..<required].contains(where: { given($0) == nil }) {
            throw missingValues()
        }
    }

    /// The text written for `parameter`, if any.
    func token(_ parameter: Parameter) -> Token? {
        given(parameter.key)?.value
    }

    /// The key `parameter` was written with, lowercased, or `nil` when it was written as a value or not at all.
    func writtenKey(_ parameter: Parameter) -> String? {
        given(parameter.key)?.key?.text.lowercased()
    }

    /// `text.lowercased()`, without a new string for ASCII that is lowercase already.
    private static func lowercased(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < UInt8(ascii: "A") || ($0 > UInt8(ascii: "Z") && $0 < 0x80) }) ? text : text.lowercased()
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
