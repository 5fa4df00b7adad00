import CNNCalc
import Testing

/// Input no one writes on purpose: every one gives a located error or a result, never a crash or a hang.
@Suite struct HostileInputTests {
    static let million = 1_000_000

    @Test func thirtyDigitNumberIsTooLarge() {
        let error = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations("conv 123456789012345678901234567890 5")
        }
        #expect(error?.description == "net.cnn:1:6: the filter count '123456789012345678901234567890' is too large; the limit is 1,000,000,000,000")
        let inTuple = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations("input 28x123456789012345678901234567890x1")
        }
        #expect(inTuple?.description == "net.cnn:1:7: the input shape '28x123456789012345678901234567890x1' is too large; the limit is 1,000,000,000,000")
    }

    @Test func millionCharacterKindIsQuotedShort() {
        let error = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations(String(repeating: "a", count: Self.million))
        }
        #expect(error?.kind == .unknownLayer)
        #expect(error?.problem == "unknown layer kind '\(String(repeating: "a", count: 40))...' (1000000 characters)")
    }

    @Test func millionDigitNumberIsTooLarge() {
        let error = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations("dense " + String(repeating: "9", count: Self.million))
        }
        #expect(error?.problem == "the unit count '\(String(repeating: "9", count: 40))...' (1000000 characters) is too large")
    }

    @Test func millionCharacterLineOfAxesAndNames() {
        let axes = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations("conv 8 " + String(repeating: "1x", count: Self.million / 2) + "1")
        }
        #expect(axes?.location == ReaderTesting.location(1, 8))
        #expect(axes?.problem.hasSuffix("has 500001 axes, but a layer has at most 3 spatial axes") == true)
        let name = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations(String(repeating: "n", count: Self.million) + ": relu")
        }
        #expect(name?.fix == "use at most 200 characters")
    }

    @Test func millionCharacterCommentIsSkipped() throws {
        let text = "input 8 #" + String(repeating: "#;\u{0}", count: Self.million / 3) + "\nrelu"
        #expect(try ReaderTesting.declarations(text).count == 2)
    }

    @Test func manyInputNamesOnOneLine() throws {
        let text = "a: input 8\nsum: add inputs=" + String(repeating: "a,", count: Self.million / 2) + "a"
        let declarations = try ReaderTesting.declarations(text)
        #expect(declarations.last?.inputs.count == Self.million / 2 + 1)
    }

    @Test(arguments: ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{200B}", "\u{202E}"])
    func controlAndInvisibleCharactersAreLocated(character: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations("input 8\nconv 8 3\(character)") }
        #expect(error?.kind == .syntax)
        #expect(error?.location == ReaderTesting.location(2, 9))
        #expect(error?.fix == "delete it: a .cnn file holds only printable text")
    }

    @Test func nulCharacterReadsInFull() {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations("conv 32\u{0} 5") }
        #expect(error?.description == "net.cnn:1:8: unexpected control character U+0000; delete it: a .cnn file holds only printable text")
    }

    @Test func tabsSeparateTokensAndCountAsOneColumn() throws {
        #expect(try ReaderTesting.kind("conv\t32\t5\tstride=2") ==
            .convolution(Convolution(filters: 32, kernelSize: [5], stride: [2])))
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations("\tconv\t32\tx") }
        #expect(error?.location == ReaderTesting.location(1, 10))
    }

    @Test func otherBlanksSeparateTokens() throws {
        // A no-break space and an ideographic space, as text copied from a web page may hold.
        #expect(try ReaderTesting.kind("conv\u{A0}32\u{3000}5") == .convolution(Convolution(filters: 32, kernelSize: [5])))
    }

    @Test(arguments: ["", "\n\n\n", "#", ";;;", " \t ", "\r\n\r\n"])
    func textWithoutStatementsDeclaresNothing(text: String) throws {
        #expect(try ReaderTesting.declarations(text).isEmpty)
    }

    @Test(arguments: [":", "=", "::", "==", ":=", "=:", "a:=", "x", "-", ",", "1:2x0:1", "inputs=", "#:"])
    func strayPunctuationIsAnErrorOrNothing(text: String) {
        do {
            let declarations = try ReaderTesting.declarations(text)
            #expect(declarations.isEmpty, "\(text) declared \(declarations)")
        } catch {
            #expect(error.location?.line == 1)
            #expect(!error.problem.isEmpty)
        }
    }
}
