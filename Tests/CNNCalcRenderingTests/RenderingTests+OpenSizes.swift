import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Reports of models with open sizes: no stand-in number ever reaches the output.
@Suite struct OpenSizeRenderingTests {
    static let files = [
        "keras/open_sequence.keras", "keras/open_image.json", "keras/causal_stack.keras",
        "keras/tf_keras/tfk_open_sequence.json", "keras/tf_keras/tfk_open_causal.json",
    ]

    static func report(_ file: String, depth: Int? = nil) throws -> NetworkReport {
        let model = try KerasReader.model(from: try Data(contentsOf: Fixtures.directory.appendingPathComponent(file)), source: file)
        return try OpenSizeAnalysis.report(openSizes: model.openSizes, options: AnalysisOptions(batchSize: 3)) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }
    }

    /// The stand-ins (multiples of 20,160), their halves and quarters after strides, and what the
    /// first stand-in network's totals would print: none may appear in any rendering.
    static func standInTexts(_ report: NetworkReport) -> [String] {
        var texts: [String] = []
        for multiple in 1...12 {
            for divisor in [1, 2, 4] {
                let value = 20_160 * multiple / divisor
                texts += [String(value), NumberFormatting.grouped(value)]
            }
        }
        texts += [NumberFormatting.grouped(report.totals.cost.macs), NumberFormatting.grouped(report.totals.activationElements)]
        return texts.filter { $0.count > 4 }
    }

    @Test(arguments: files)
    func noStandInReachesTheOutput(file: String) throws {
        let report = try Self.report(file)
        let renderings = [
            TableRenderer().render(report), ExplainRenderer().render(report), JSONRenderer().render(report),
            TableRenderer(options: RenderOptions(layout: .channelsFirst, macs: .torchinfo, depth: 1)).render(report),
            JSONRenderer(options: RenderOptions(depth: 1)).render(report),
            MarkdownRenderer(columns: ReportColumn.allCases).render(report),
            CSVRenderer(columns: ReportColumn.allCases).render(report),
            LaTeXRenderer(columns: ReportColumn.allCases).render(report),
            NolearnRenderer().render(report),
        ]
        for text in Self.standInTexts(report) {
            for rendering in renderings {
                #expect(!rendering.contains(text), "\(file): \(text) appears")
            }
        }
    }

    @Test(arguments: files)
    func openJSONRoundTripsThroughTheSchema(file: String) throws {
        let report = try Self.report(file)
        let schema = try JSONDecoder().decode(ReportSchema.self, from: Data(JSONRenderer().render(report).utf8))
        #expect(schema == ReportSchema(report, layout: .channelsLast))
        #expect(schema.openSizes?.isEmpty == false)
    }
}
