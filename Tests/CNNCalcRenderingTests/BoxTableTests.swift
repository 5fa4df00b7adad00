import CNNCalc
@testable import CNNCalcRendering
import CNNCalcTestSupport
import Testing

/// The box-drawn table: goldens, fitting a width by wrapping, and colour only when asked for.
@Suite struct BoxTableTests {
    static func box(width: Int? = nil, color: Bool = false) -> RenderOptions {
        RenderOptions(border: .box, width: width, color: color)
    }

    @Test(arguments: ["example", "residual"])
    func boxGoldens(_ name: String) {
        let report = name == "example" ? RenderingTests.example : RenderingTests.residual
        expectGolden(TableRenderer(options: Self.box()).render(report), named: "\(name).box.txt")
        expectGolden(TableRenderer(options: Self.box(width: 60)).render(report), named: "\(name).box-60.txt")
    }

    @Test(arguments: [100, 90, 80])
    func theTableFitsTheWidth(_ width: Int) {
        for report in [RenderingTests.example, RenderingTests.residual] {
            let text = TableRenderer(options: Self.box(width: width)).render(report)
            let table = text.split(separator: "\n").filter { ["┏", "┃", "┡", "│", "└"].contains($0.first.map(String.init) ?? "") }
            #expect(!table.isEmpty)
            for line in table { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        }
    }

    @Test func aWidthTooNarrowGivesTheNarrowestTable() {
        // Columns that wrap stop at 6 characters (or their header's longest word); numbers never wrap.
        // Before that, words are kept whole as long as the table can fit.
        let narrowest = TableRenderer(options: Self.box(width: 1)).render(RenderingTests.example)
        #expect(TableRenderer(options: Self.box(width: 64)).render(RenderingTests.example) == narrowest)
        let widest = narrowest.split(separator: "\n").filter { $0.hasPrefix("│") }.map(\.count).max() ?? 0
        #expect(widest > 64 && widest < TableRenderer(options: Self.box()).render(RenderingTests.example).split(separator: "\n")[2].count)
    }

    @Test func numbersAreNeverWrappedAndNamesLoseNoCharacter() {
        let report = RenderingTests.residual
        let text = TableRenderer(options: Self.box(width: 40)).render(report)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("│") }
        // Every parameter count appears whole on some line, and the pieces of every name join back to it.
        for layer in report.layers {
            #expect(rows.contains { $0.contains(" \(NumberFormatting.grouped(layer.parameterCount)) │") })
        }
        let names = rows.map { $0.split(separator: "│", omittingEmptySubsequences: false)[2].trimmingCharacters(in: .whitespaces) }
        #expect(names.joined() == report.layers.map(\.name).joined())
    }

    @Test func largeTotalsAreAlsoHumanised() throws {
        let network = try CNNTextReader.network(from: "input 224x224x3\nconv 64 3 padding=same\nconv 64 3 padding=same\ngap\ndense 1000", source: "big.cnn")
        let report = try Analyzer().analyze(network)
        let text = TableRenderer(options: Self.box()).render(report)
        // 224*224*64*27 + 224*224*64*576 + 64*1000 MACs are 1.9 G; 103,720 parameters are left as they are.
        #expect(report.totals.cost.macs == 1_936_456_192)
        #expect(text.contains("Total MACs:               1,936,456,192 (1.9 GMACs)"))
        #expect(text.contains("Total parameters:               103,720\n"))
        #expect(!TableRenderer().render(report).contains("GMACs"))
    }

    @Test func colourOnlyWhenAsked() {
        let plain = TableRenderer(options: Self.box()).render(RenderingTests.example)
        let coloured = TableRenderer(options: Self.box(color: true)).render(RenderingTests.example)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1m"))
        // Without its escape codes the coloured table is the plain one.
        #expect(coloured.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
        for renderer in [KerasSummaryRenderer(options: Self.box(color: true)).render, MATLABAnalysisRenderer(options: Self.box(color: true)).render] {
            #expect(renderer(RenderingTests.example).contains("\u{1B}["))
        }
    }

    @Test(arguments: [
        ("conv1 (Conv2D)", 20, ["conv1 (Conv2D)"]),
        ("bn (BatchNormalization)", 15, ["bn", "(BatchNormaliza", "tion)"]),
        ("(None, 32, 32, 3)", 12, ["(None, 32,", "32, 3)"]),
        ("(32*5*5+1)*256", 8, ["(32*5*5+", "1)*256"]),
        ("(32*5*5+1)*256", 12, ["(32*5*5+1)*", "256"]),
        ("stem_relu_block", 10, ["stem_relu_", "block"]),
        ("maxpool1", 6, ["maxpoo", "l1"]),
        ("Weights 5×5×1×32\nBias 1×1×32", 30, ["Weights 5×5×1×32", "Bias 1×1×32"]),
        ("", 5, [""]),
    ])
    func wrapping(_ text: String, _ width: Int, _ expected: [String]) {
        #expect(BoxTable.wrap(text, width: width) == expected)
    }

    @Test func kerasCutsALongWordAsRichDoes() {
        #expect(BoxTable.wrap("bn (BatchNormalization)", width: 15, cutsLongWords: true) == ["bn", "(BatchNormaliz…"])
    }
}
