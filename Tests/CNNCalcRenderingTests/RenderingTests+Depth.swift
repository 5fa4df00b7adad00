import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `--depth`: the table and the JSON grouped into the modules of the framework the model came from.
extension RenderingTests {
    static let residualONNX: NetworkReport = {
        do {
            let model = try ONNXReader.model(atPath: Fixtures.directory.appendingPathComponent("onnx/residual_bn.onnx").path)
            return try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
        } catch {
            preconditionFailure("residual_bn.onnx does not analyse: \(error)")
        }
    }()

    @Test func residualONNXTableToDepthOne() {
        expectGolden(TableRenderer(options: RenderOptions(depth: 1)).render(Self.residualONNX), named: "residual_bn.depth1.txt")
    }

    @Test func residualONNXTableToDepthTwo() {
        expectGolden(TableRenderer(options: RenderOptions(depth: 2)).render(Self.residualONNX), named: "residual_bn.depth2.txt")
    }

    @Test(arguments: 0...4) func groupedTableRowsSumToTheTotal(depth: Int) {
        let report = Self.residualONNX
        let rowCount = report.groups(depth: depth).count
        let table = TableRenderer(options: RenderOptions(depth: depth)).render(report)
        let rows = table.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).prefix(rowCount)
        let sum = rows.map { row -> Int in
            let cells = row.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            return Int(cells[4].filter(\.isNumber)) ?? -1
        }.reduce(0, +)
        #expect(sum == report.totals.parameters)
        // The footer is the same as without grouping.
        let plain = TableRenderer().render(report)
        #expect(table.split(separator: "\n").suffix(12) == plain.split(separator: "\n").suffix(12))
    }

    @Test func groupedTableKeepsTorchinfoMultAdds() throws {
        let report = Self.residualONNX
        let table = TableRenderer(options: RenderOptions(macs: .torchinfo, depth: 0)).render(report)
        let row = try #require(table.split(separator: "\n").first { $0.contains(LayerGroup.wholeNetworkName) })
        #expect(row.contains(NumberFormatting.humanized(try report.torchinfoMultAdds())))
    }

    @Test func jsonHasGroupsOnlyWithADepth() throws {
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(Self.residualONNX).utf8)) as? [String: Any])
        #expect(plain["groups"] == nil)
        #expect(plain["depth"] == nil)
        let grouped = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer(options: RenderOptions(depth: 1)).render(Self.residualONNX).utf8))
                as? [String: Any])
        #expect(grouped["depth"] as? Int == 1)
        #expect((grouped["layers"] as? [Any])?.count == Self.residualONNX.layers.count)
        let groups = try #require(grouped["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["input", "/stem", "/bn", "/Relu", "/block1", "/block2", "/pool", "/Flatten", "/fc"])
        let block1 = groups[4]
        #expect(block1["module"] as? Bool == true)
        #expect(block1["layers"] as? [String] == (4...10).map { Self.residualONNX.layers[$0].name })
        #expect(block1["outputShape"] as? [Int] == [16, 32, 32])
        let totals = try #require(grouped["totals"] as? [String: Any])
        for key in ["parameters", "trainable", "nonTrainable", "state", "macs", "flops"] {
            #expect(groups.reduce(0) { $0 + ($1[key] as? Int ?? -1_000_000) } == totals[key] as? Int, "\(key)")
        }
        let schema = try JSONDecoder().decode(ReportSchema.self, from: Data(JSONRenderer(options: RenderOptions(depth: 2)).render(Self.residualONNX).utf8))
        #expect(schema == ReportSchema(Self.residualONNX, layout: .channelsFirst, options: RenderOptions(depth: 2)))
    }
}
