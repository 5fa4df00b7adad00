@testable import CNNCalcFormats
import CNNCalcCore
import Testing

/// Decimals, kinds and repeated statements read from bytes give what reading them as
/// characters and `String`s gave, whatever the text holds.
@Suite struct ByteReadingTests {
    /// A decimal as it was read a `Character` at a time: `[+-]digits[.digits][e[+-]digits]`,
    /// with a digit before the exponent, then `Double(_:)`.
    static func referenceDecimal(_ text: String) -> Double? {
        var characters = text[...]
        if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
        let integer = characters.prefix(while: LayerName.isDigit)
        characters = characters.dropFirst(integer.count)
        var fraction: Substring = ""
        if characters.first == "." {
            fraction = characters.dropFirst().prefix(while: LayerName.isDigit)
            characters = characters.dropFirst(1 + fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        if characters.first == "e" || characters.first == "E" {
            characters = characters.dropFirst()
            if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
            let exponent = characters.prefix(while: LayerName.isDigit)
            guard !exponent.isEmpty else { return nil }
            characters = characters.dropFirst(exponent.count)
        }
        return characters.isEmpty ? Double(text) : nil
    }

    static let decimals = [
        "0.1999999", "0.1", "0.10", ".5", "5.", "+.5e+3", "-0", "-0.0", "0", "-.0e-0", "1e22", "1e23", "1e-22", "1e-23",
        "9007199254740992", "9007199254740993", "-9007199254740993", "9007199254740993e-5", "0.30000000000000004",
        "123456789012345678901234567890", "0.123456789012345678901234567890", "1e400", "-1e400", "1e-400", "4.9e-324",
        "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623159e308", "0000000000000000000000001.5",
        "1.0000000000000000000000001", "1e0000000000000000000001", "1e99999999999999999999", "1e-99999999999999999999",
        "1234567.1234567e-7", "0.0000000000000000000001", "100000000000000000000000e-22", ".", "", "+", "-", "e5", ".e5",
        "1e", "1e+", "1e-", "1.2.3", "1..2", "--1", "+-1", "0x10", "0x1p3", "inf", "-inf", "nan", "Infinity", "1_000",
        "1 ", " 1", "\u{661}", "1\u{301}", "1.5\u{301}", "\u{663}.\u{665}", "1e5\u{301}", "1E5", "1f", "1e5e5", "1.e5",
        "\u{FF11}", "+1", "1,5",
    ]

    @Test(arguments: decimals)
    func decimalReadsAsBefore(_ text: String) {
        #expect(ValueParser.decimalValue(text)?.bitPattern == Self.referenceDecimal(text)?.bitPattern, "\(text.debugDescription)")
    }

    @Test func randomDecimalsReadAsBefore() {
        var generator = SplitMix(seed: 7)
        let pieces = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9", "0", ".", "e", "E", "-", "+", "5"]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 30) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            #expect(ValueParser.decimalValue(text)?.bitPattern == Self.referenceDecimal(text)?.bitPattern, "\(text.debugDescription)")
        }
        // Well-formed numbers of every length and scale, so that most take the quick way and some do not.
        for _ in 0..<20_000 {
            let digits = String(generator.next() % 100_000_000_000_000_000)
            let split = Int(generator.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(split)) + "." + String(digits.dropFirst(split))
            if generator.next() % 3 == 0 { text += "e\(Int(generator.next() % 61) - 30)" }
            if generator.next() % 4 == 0 { text = "-" + text }
            #expect(ValueParser.decimalValue(text)?.bitPattern == Self.referenceDecimal(text)?.bitPattern, "\(text.debugDescription)")
        }
    }

    /// The kinds' entries as they were found: by the normal spelling, in a dictionary.
    static let referenceEntries = Dictionary(LayerKindTable.keywords, uniquingKeysWith: { first, _ in first })

    static func entry(_ text: String) -> LayerKindTable.Entry? {
        try? LayerKindTable.entry(for: Token(text: text, location: SourceLocation(source: "net.cnn", line: 1, column: 1)))
    }

    @Test func everyKeywordInEverySpellingFindsItsEntry() {
        for (keyword, _) in LayerKindTable.keywords {
            let expected = Self.referenceEntries[keyword]
            for spelling in [keyword, keyword.uppercased(), "_" + keyword, keyword + "-", keyword.map { "\($0)_" }.joined()] {
                #expect(Self.entry(spelling) == expected, "\(spelling)")
            }
            #expect(Self.entry(keyword + "x") == Self.referenceEntries[keyword + "x"])
            #expect(Self.entry(String(keyword.dropLast())) == Self.referenceEntries[String(keyword.dropLast())])
        }
    }

    @Test(arguments: [
        "", "_", "-_-", "conv\u{301}", "\u{FF43}onv", "\u{212A}", "CONV_2D", "c-o-n-v", "convv", "Dense\u{0}", "dénse", "DENSE",
        "conv2dtranspose", "Conv2D_Transpose", "x", "transformerencoderlayerx", "crosschannelnormalizationcrosschannel",
        "\u{130}nput", "İNPUT", "ınput", "relu\u{FE0F}", "名前", "maxpool2d", "MaxPool2d", "max_pool2d", "max-pool-2-d",
    ])
    func kindFindsTheEntryOfItsNormalSpelling(_ text: String) {
        #expect(Self.entry(text) == Self.referenceEntries[Keyword.normalized(text)], "\(text.debugDescription)")
    }

    @Test func keptStatementsAreFoundByTheirBytesAlone() {
        let texts = ["dense 16", "dense 17", "relu", "dense 16 ", "dense  16", "Dense 16", "dropout 0.5", "x", "dense 1600000000"]
        let joined = texts.joined(separator: "\n")
        let bytes = Array(joined.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        for text in texts {
            ranges.append(start..<(start + text.utf8.count))
            start += text.utf8.count + 1
        }
        var table = RepeatedStatements(bytes: bytes, limit: 8)
        for (index, range) in ranges.enumerated() {
            guard case .missing(let slot?) = table.lookup(range) else {
                Issue.record("'\(texts[index])' found before it was kept")
                continue
            }
            if table.count < table.limit { table.keep(range, in: slot) }
        }
        for (index, range) in ranges.enumerated() {
            if case .found(let kept) = table.lookup(range) {
                #expect(index < 8 && kept == index, "\(texts[index])")
            } else {
                #expect(index >= 8, "\(texts[index]) was kept but not found")
            }
        }
    }

    @Test(arguments: [
        "input 4\ndense 4", "input 4\r\ndense 4\r\n", "input 4;dense 4;", "input 4\rdense 0004\r", "input 4\n\tdense\t4 \n",
        "input 4\ndropout 0.1999999\ndropout .5\ndropout 5e-1\ndropout 0.1999999", "\u{FEFF}input 4\ndense 4 # é\ndense 4",
        "input 4\nnamé: dense 4\ndense 4\nnamé2: dense 4", "input 4\ndense 4\nDENSE 4\nDense 4\nfc 4\nlinear 4",
        "input 4\n" + String(repeating: "dense 3\nrelu\ndropout 0.25\n", count: 20),
    ])
    func textReadsAlikeWithAndWithoutKeptStatements(_ text: String) throws {
        try RepeatedStatementTests.expectSameAsReadInFull(text)
    }

    @Test(arguments: [
        ("input 4\ndense 1000000000001", "the unit count '1000000000001' is too large", 2, 7),
        ("input 4\ndense 99999999999999999999999999", "the unit count '99999999999999999999999999' is too large", 2, 7),
        ("input 4\ndense 0", "expected a positive whole number for the unit count, found '0'", 2, 7),
        ("input 4\ndense 4\u{301}", "expected a positive whole number for the unit count, found '4\u{301}'", 2, 7),
        ("input 4\ndropout 1e400", "expected a decimal number for the dropout rate, found '1e400'", 2, 9),
        ("input 4\ndropout 0x1p-3", "expected a decimal number for the dropout rate, found '0x1p-3'", 2, 9),
        ("input 4\ndropout 1.0", "the dropout rate '1.0' is outside [0, 1)", 2, 9),
        ("input 4\ndropout 0.9999999999999999999", "the dropout rate '0.9999999999999999999' is outside [0, 1)", 2, 9),
        ("input 4\ndénse 4", "unknown layer kind 'dénse'", 2, 1),
    ])
    func valueErrorsAreAsBefore(_ text: String, problem: String, line: Int, column: Int) {
        let error = #expect(throws: CNNCalcError.self) { try CNNTextReader.network(from: text, source: "net.cnn") }
        #expect(error?.problem == problem)
        #expect(error?.location == SourceLocation(source: "net.cnn", line: line, column: column))
    }
}
