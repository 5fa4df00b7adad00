@testable import CNNCalcFormats
import CNNCalcCore
import Testing

/// The byte lexer gives the tokens, locations and errors the `Character` lexer gave
/// (``ReferenceLexer``), whatever the text holds.
@Suite struct LexerTests {
    /// A statement as the tests compare it: each token's UTF-8 bytes, line and column.
    struct Lexed: Equatable, CustomStringConvertible {
        var text: [UInt8]
        var line: Int
        var column: Int
        var description: String { "\(String(decoding: text, as: UTF8.self).debugDescription)@\(line):\(column)" }
    }

    /// The statements of `text`, or the error, in a form that compares bytes rather than canonical equivalence.
    static func lexed(_ text: String, reference: Bool = false) -> Result<[[Lexed]], CNNCalcError> {
        do throws(CNNCalcError) {
            let statements = reference
                ? try ReferenceLexer.statements(in: text, source: "net.cnn")
                : try Lexer.statements(in: text, source: "net.cnn")
            return .success(statements.map { tokens in
                tokens.map { Lexed(text: Array($0.text.utf8), line: $0.location.line, column: $0.location.column) }
            })
        } catch {
            return .failure(error)
        }
    }

    static let edgeCases: [String] = [
        "", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "a", "a\n", "a\r\nb", "a\rb", "a\n\rb", " a ", "\ta\tb\t",
        "a;b;;c;", ";", "a # b ; c\nd", "#", "a#b", "a #\u{0} b\nc", "\u{FEFF}a b", "\u{FEFF}\u{FEFF}a", "a\u{FEFF}",
        "\u{FEFF}", "\u{FEFF}\n\u{FEFF}a", "conv 32\u{0} 5", "a\u{7}", "a\u{1B}b", "a\u{7F}", "a\u{1C}b", "a\u{1F}b", "a\u{0B}b", "a\u{0C}b",
        "a\u{85}b", "a\u{A0}b", "a\u{2028}b", "a\u{2029}b", "a\u{3000}b", "a\u{200B}b", "a\u{200D}b", "\u{200D}a", " \u{200D}a",
        "a \u{301}b", "e\u{301}1: conv 32 x", "#\u{301} a", ";\u{301} a", "a;\u{301}b", "\t\u{301}a", "é ü ñ", "名前: conv 8 3",
        "input 8 # 👍🏽 ünïcödé ; comment\n\t  dense 4 units=5", "👍🏽 👨‍👩‍👧 🇺🇸", "a\u{0600}b", "\u{0600} a", "a \u{0600}",
        "a\u{202E}b", "\u{FFFD}", "x\u{FFFD}y z", "a\r\u{301}b", "a\n\u{301}b", "relu \u{200B}", "a\u{D}\u{A}\u{301}",
        "conv1:conv 8 3;relu\r\nadd inputs=a,b # x\r\n", "\u{1}", "é\u{1}", "ab\u{E000}cd", "a\u{E0001}b", "a\u{FE0F}b",
    ]

    @Test(arguments: edgeCases)
    func edgeCaseReadsAsBefore(_ text: String) {
        #expect(Self.lexed(text) == Self.lexed(text, reference: true), "\(text.debugDescription)")
    }

    /// Pieces that random texts are made of: every class of character, alone and combined.
    static let pieces: [String] = [
        "a", "Z", "9", "x", "=", ":", ",", "-", " ", " ", "\t", "\n", "\r", "\r\n", "#", ";", "é", "e\u{301}", "\u{301}",
        "\u{200B}", "\u{200D}", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{A0}", "\u{3000}", "👍🏽", "\u{1F1FA}", "\u{0600}",
        "\u{85}", "\u{2028}", "\u{0B}", "\u{1C}", "名", "\u{FE0F}", "\u{FFFD}",
    ]

    @Test(arguments: 0..<200)
    func randomTextReadsAsBefore(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        var text = ""
        for _ in 0..<Int(generator.next() % 40) {
            // Mostly plain pieces, so that many texts read without an error.
            let index = Int(generator.next() % UInt64(generator.next() % 3 == 0 ? Self.pieces.count : 17))
            text += Self.pieces[index]
        }
        #expect(Self.lexed(text) == Self.lexed(text, reference: true), "\(text.debugDescription)")
    }

    @Test func repairedInvalidUTF8ReadsAsTheReplacementCharacter() throws {
        // A `String` holds no invalid UTF-8: decoding puts U+FFFD in place of each bad sequence.
        let text = String(decoding: [0x61, 0xFF, 0x62, 0x20, 0xC3, 0x0A, 0x63] as [UInt8], as: UTF8.self)
        let statements = try Lexer.statements(in: text, source: "net.cnn")
        #expect(statements.map { $0.map(\.text) } == [["a\u{FFFD}b", "\u{FFFD}"], ["c"]])
        #expect(Self.lexed(text) == Self.lexed(text, reference: true))
    }

    @Test func tenMegabyteLineOfStatements() throws {
        let count = 2_000_000
        let text = String(repeating: "relu;", count: count)
        let statements = try Lexer.statements(in: text, source: "net.cnn")
        #expect(statements.count == count)
        #expect(statements.last?.first?.location.column == 5 * (count - 1) + 1)
        #expect(statements.allSatisfy { $0.count == 1 && $0[0].text == "relu" && $0[0].location.line == 1 })
    }

    @Test func tenMegabyteToken() throws {
        let text = "# a comment\r\n  " + String(repeating: "ab", count: 5_000_000) + "\u{0}"
        let error = #expect(throws: CNNCalcError.self) { try Lexer.statements(in: text, source: "net.cnn") }
        #expect(error?.description == "net.cnn:2:10000003: unexpected control character U+0000; delete it: a .cnn file holds only printable text")
        let statements = try Lexer.statements(in: String(text.dropLast()), source: "net.cnn")
        #expect(statements.count == 1)
        #expect(statements.first?.first?.text.utf8.count == 10_000_000)
        #expect(statements.first?.first?.location == SourceLocation(source: "net.cnn", line: 2, column: 3))
    }

    @Test func errorLateInTheTextComesFirst() {
        let text = "conv x 5\n" + String(repeating: "relu\n", count: 1000) + "relu\u{200B}"
        let error = #expect(throws: CNNCalcError.self) { try CNNTextReader.declarations(from: text, source: "net.cnn") }
        #expect(error?.description == "net.cnn:1002:5: unexpected invisible character U+200B; delete it: a .cnn file holds only printable text")
    }

    @Test func lineBreaksAndColumnsOfEveryKind() throws {
        let text = "a\r\nb\rc\nd\n\re\u{301}\u{301} f\tg"
        let statements = try Lexer.statements(in: text, source: "net.cnn")
        let places = statements.flatMap { $0.map { "\($0.text)@\($0.location.line):\($0.location.column)" } }
        #expect(places == ["a@1:1", "b@2:1", "c@3:1", "d@4:1", "e\u{301}\u{301}@6:1", "f@6:3", "g@6:5"])
    }
}

/// A small seeded generator, so that every run tests the same texts.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A statement written again is read from what the first was read as: the network is the one
/// its declarations, each read in full, give.
@Suite struct RepeatedStatementTests {
    static func expectSameAsReadInFull(_ text: String) throws {
        let network = try CNNTextReader.network(from: text, source: "net.cnn")
        let inFull = LayerDeclaration.layers(from: try CNNTextReader.declarations(from: text, source: "net.cnn"))
        #expect(network.layers == inFull)
    }

    @Test func repeatedLinesKeepTheirOwnLocations() throws {
        let text = "input 16\n" + String(repeating: "dense 16\n  relu\ndense 16 activation=relu; relu # again\n", count: 50)
        try Self.expectSameAsReadInFull(text)
        let network = try CNNTextReader.network(from: text, source: "net.cnn")
        #expect(network.layers[2].location == SourceLocation(source: "net.cnn", line: 3, column: 3))
        #expect(network.layers[5].location == SourceLocation(source: "net.cnn", line: 5, column: 1))
        #expect(network.layers.last?.location == SourceLocation(source: "net.cnn", line: 151, column: 27))
        #expect(network.layers.last?.name == "relu100")
    }

    @Test func namedAndUnicodeStatementsAreReadEachTime() throws {
        let text = "x: input 5x8 kind=sequence\nlstm 8 return_sequences=true\n"
            + String(repeating: "lstm 8 return_sequences=true\n", count: 3)
            + "é1: relu\nrelu inputs=x\nrelu inputs=x\nrelu   inputs=x\n\u{00A0}relu inputs=x\n"
        try Self.expectSameAsReadInFull(text)
        let open = "input ?x8 kind=sequence\nrelu\ninput ?x8 kind=sequence\nrelu\nadd inputs=relu1,relu2"
        let model = try CNNTextReader.model(from: open, source: "net.cnn")
        #expect(model.openSizes.map(\.name) == ["input:1", "input2:1"])
    }

    @Test func moreDifferentStatementsThanAreKept() throws {
        var text = "input 4\n"
        for round in 0..<2 {
            for units in 1...(CNNTextReader.repeatedLimit + 100) { text += "dense \(units + round)\n" }
        }
        try Self.expectSameAsReadInFull(text)
    }

    @Test func anErrorInARepeatedStatementIsStillFound() {
        let text = "input 4\n" + String(repeating: "dense 4\n", count: 3) + "dense 4 x\n"
        let error = #expect(throws: CNNCalcError.self) { try CNNTextReader.network(from: text, source: "net.cnn") }
        #expect(error?.location == SourceLocation(source: "net.cnn", line: 5, column: 9))
    }
}
