import CNNCalc
@testable import CNNCalcRendering
import CNNCalcTestSupport
import Foundation
import Testing

/// The tables that mirror Keras's `model.summary()` and torchinfo's `summary()`, compared with
/// what those tools printed for the same networks (Scripts/generate_style_fixtures.py writes
/// Tests/Fixtures/styles), and the MATLAB and nolearn layouts, by golden files.
@Suite struct StyleRenderingTests {
    static let fixtureNetworks = ["mnist", "residual", "vgg_block"]

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.directory.appendingPathComponent("styles/\(name)"), encoding: .utf8)
    }

    static func report(_ name: String, convention: Convention) throws -> NetworkReport {
        let network = try CNNTextReader.network(from: try fixture("\(name).cnn"), source: "\(name).cnn")
        return try Analyzer(options: AnalysisOptions(convention: convention)).analyze(network)
    }

    @Test(arguments: fixtureNetworks)
    func kerasStyleIsWhatKerasPrints(_ name: String) throws {
        let text = KerasSummaryRenderer().render(try Self.report(name, convention: .keras))
        #expect(text == (try Self.fixture("\(name).keras.txt")))
    }

    @Test(arguments: fixtureNetworks)
    func kerasStyleOnANarrowTerminalIsWhatKerasPrints(_ name: String) throws {
        // Keras narrows its table to the terminal's width less 4 and wraps the cells within it.
        let text = KerasSummaryRenderer(options: RenderOptions(width: 64)).render(try Self.report(name, convention: .keras))
        #expect(text == (try Self.fixture("\(name).keras-64.txt")))
    }

    @Test(arguments: fixtureNetworks)
    func torchinfoStyleIsWhatTorchinfoPrints(_ name: String) throws {
        let text = TorchinfoSummaryRenderer().render(try Self.report(name, convention: .pytorch))
        // torchinfo 1.8 on Python 3.12 writes its unit enum's name where it means the letter.
        let expected = try Self.fixture("\(name).torchinfo.txt")
            .replacingOccurrences(of: "(Units.MEGABYTES)", with: "(M)")
            .replacingOccurrences(of: "(Units.GIGABYTES)", with: "(G)")
        #expect(text == expected)
    }

    @Test func kerasStyleDrawsConnectionsOnlyForABranchingNetwork() throws {
        #expect(KerasSummaryRenderer.isSequential(try Self.report("mnist", convention: .keras)))
        #expect(!KerasSummaryRenderer.isSequential(try Self.report("residual", convention: .keras)))
        #expect(!KerasSummaryRenderer().render(try Self.report("mnist", convention: .keras)).contains("Connected to"))
    }

    @Test func kerasColumnWidthsAreRichs() {
        // rich's share of Keras's default widths, as the captured summaries show them.
        #expect(KerasSummaryRenderer.columnWidths(lineLength: 88, positions: [0.45, 0.80, 1.0]) == [36, 27, 15])
        #expect(KerasSummaryRenderer.columnWidths(lineLength: 108, positions: [0.3, 0.56, 0.74, 1.0]) == [29, 25, 15, 26])
    }

    /// What Python's `'{:.2f}'.format(x)` gives for these doubles (ties exact in binary go to even).
    @Test(arguments: [
        (0.005, "0.01"), (1.125, "1.12"), (0.125, "0.12"), (2.675, "2.67"), (850.41015625, "850.41"), (0.0, "0.00"),
        (0.015, "0.01"), (1.005, "1.00"), (22.3515625, "22.35"), (9.455, "9.46"),
    ])
    func twoDecimalsRoundAsPythonDoes(_ value: Double, _ expected: String) {
        #expect(PythonNumbers.fixed2(value) == expected)
    }

    @Test func torchinfoMultAddsUnits() {
        #expect(TorchinfoSummaryRenderer.multAddsText(1_611_658) == " (M): 1.61")
        #expect(TorchinfoSummaryRenderer.multAddsText(0) == " (M): 0")
        #expect(TorchinfoSummaryRenderer.multAddsText(4_089_184_256) == " (G): 4.09")
        #expect(TorchinfoSummaryRenderer.multAddsText(1_234_567_890_000) == " (T): 1.23")
    }

    @Test(arguments: ["example", "residual"])
    func styleGoldens(_ name: String) {
        let report = name == "example" ? RenderingTests.example : RenderingTests.residual
        let converted = { (convention: Convention) in
            (try? Analyzer(options: AnalysisOptions(convention: convention)).analyze(
                try CNNTextReader.network(from: name == "example" ? BuiltInExample.text : RenderingTests.residualText, source: name)))!
        }
        expectGolden(KerasSummaryRenderer().render(report), named: "\(name).keras.txt")
        expectGolden(TorchinfoSummaryRenderer().render(converted(.pytorch)), named: "\(name).torchinfo.txt")
        expectGolden(MATLABAnalysisRenderer().render(converted(.matlab)), named: "\(name).matlab.txt")
        expectGolden(NolearnRenderer().render(report), named: "\(name).nolearn.txt")
    }

    @Test func matlabStyleListsLearnablesAndStatesByMATLABsNames() {
        let report = (try? Analyzer(options: AnalysisOptions(convention: .matlab)).analyze(
            try CNNTextReader.network(from: RenderingTests.residualText, source: "residual.cnn")))!
        let text = MATLABAnalysisRenderer().render(report)
        #expect(text.hasPrefix("14 layers, 5,722 total learnables (5.7k), 32 states\n"))
        #expect(text.contains("│  2 │ stem      │ 2-D Convolution   "))
        #expect(text.contains("│ 32×32×16    │ Weights 3×3×3×16  │        448 │ -"))
        #expect(text.contains("TrainedMean 1×1×16"))
        #expect(!text.contains("\u{1B}"))
    }
}

extension StyleRenderingTests {
    /// A Keras model file of the Keras fixtures, read as it is: the summary is Keras's but for
    /// the model's name, which CNNCalc does not keep.
    @Test func kerasStyleOfAKerasFileWithASharedLayer() throws {
        let url = Fixtures.directory.appendingPathComponent("keras/shared_layers.json")
        let model = try KerasReader.model(from: try Data(contentsOf: url), source: "shared_layers.json")
        let report = try Analyzer(options: AnalysisOptions(convention: .keras)).analyze(try model.network(sizes: [:]))
        let expected = try Self.fixture("keras-file-shared_layers.keras.txt")
            .replacingOccurrences(of: "Model: \"shared_layers\"", with: "Model: \"functional\"")
        #expect(KerasSummaryRenderer().render(report) == expected)
    }
}

extension StyleRenderingTests {
    /// The lines under torchinfo's table, without its rules: totals, mult-adds and sizes.
    static func torchinfoFooter(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Total params:") }) else { return [] }
        return lines[start...].filter { !$0.hasPrefix("=") }
    }

    /// Zoo models that torchvision builds: torchinfo nests their modules (CNNCalc lists them
    /// flat), and the totals, mult-adds and sizes under the table are the same.
    @Test(arguments: ["resnet18", "mobilenet_v2"])
    func torchinfoFooterOfAZooModelIsTorchinfos(_ name: String) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try Zoo.model(name))
        let expected = try Self.fixture("torchvision-\(name).torchinfo.txt")
            .replacingOccurrences(of: "(Units.MEGABYTES)", with: "(M)")
            .replacingOccurrences(of: "(Units.GIGABYTES)", with: "(G)")
        let footer = Self.torchinfoFooter(TorchinfoSummaryRenderer().render(report))
        #expect(footer.count == 8)
        #expect(footer == Self.torchinfoFooter(expected))
    }
}
