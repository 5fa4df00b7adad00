import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

@Suite struct RenderingTests {
    static let example: NetworkReport = {
        do {
            return try Analyzer().analyze(try CNNTextReader.network(from: BuiltInExample.text, source: BuiltInExample.sourceName))
        } catch {
            preconditionFailure("the built-in example does not analyse: \(error)")
        }
    }()

    static let residualText = """
        input 32x32x3
        stem: conv 16 3 padding=same
        bn: batchnorm
        stem_relu: relu
        a1: conv 16 3 padding=same
        a1_relu: relu
        a2: conv 16 3 stride=2 padding=same
        up: conv 16 1 inputs=stem_relu stride=2
        sum: add inputs=up,a2
        cat: concat inputs=sum,a2
        pool: maxpool 3 stride=2
        gap: globalavgpool
        drop: dropout 0.5
        fc: dense 10 activation=softmax
        """

    static let residual: NetworkReport = {
        do {
            return try Analyzer().analyze(try CNNTextReader.network(from: residualText, source: "residual.cnn"))
        } catch {
            preconditionFailure("the residual example does not analyse: \(error)")
        }
    }()

    @Test func exampleTable() {
        expectGolden(TableRenderer().render(Self.example), named: "example.table.txt")
    }

    @Test func exampleTableChannelsLast() {
        expectGolden(TableRenderer(options: RenderOptions(layout: .channelsLast)).render(Self.example), named: "example.table-hwc.txt")
    }

    @Test func exampleExplain() {
        expectGolden(ExplainRenderer().render(Self.example), named: "example.explain.txt")
    }

    @Test func exampleJSON() {
        expectGolden(JSONRenderer().render(Self.example), named: "example.json")
    }

    @Test func residualTable() {
        expectGolden(TableRenderer().render(Self.residual), named: "residual.table.txt")
    }

    @Test func residualExplain() {
        expectGolden(ExplainRenderer().render(Self.residual), named: "residual.explain.txt")
    }

    @Test func tableRowsSumToTheTotal() {
        for report in [Self.example, Self.residual] {
            let table = TableRenderer().render(report)
            let rows = table.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).prefix(report.layers.count)
            let sum = rows.map { row -> Int in
                // Columns are separated by two or more spaces; parameters is the fifth.
                let cells = row.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
                return Int(cells[4].filter(\.isNumber)) ?? -1
            }.reduce(0, +)
            #expect(sum == report.totals.parameters)
        }
    }

    @Test func exampleTableFitsEightyColumns() {
        let widest = TableRenderer().render(Self.example).split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 80)
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let data = Data(JSONRenderer().render(Self.example).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["layout"] as? String == "chw")
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["parameters"] as? Int == 217_706)
        #expect(totals["trainable"] as? Int == 217_706)
        #expect(totals["nonTrainable"] as? Int == 0)
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 7)
        let conv = layers[1]
        for key in ["name", "type", "inputShapes", "outputShape", "parameters", "trainable", "nonTrainable", "learnables", "derivation"] {
            #expect(conv[key] != nil, "missing \(key)")
        }
        #expect(conv["outputShape"] as? [Int] == [32, 24, 24])
        #expect(conv["parameters"] as? Int == 832)
        let learnables = try #require(conv["learnables"] as? [[String: Any]])
        #expect(learnables.map { $0["name"] as? String } == ["kernel", "bias"])
        #expect(learnables.map { $0["role"] as? String } == ["trainable", "trainable"])
    }

    @Test func jsonRoundTripsThroughTheSchema() throws {
        let schema = try JSONDecoder().decode(ReportSchema.self, from: Data(JSONRenderer().render(Self.residual).utf8))
        #expect(schema == ReportSchema(Self.residual, layout: .channelsLast))
    }
}

extension RenderingTests {
    /// A report in which one layer's cost is unknown: its cells show `?` and the totals say they are partial.
    @Test func unknownCostIsNeverZero() throws {
        let input = Layer(name: "input", kind: .input(Input(.vector(features: 8))))
        let mystery = Layer(name: "mystery", kind: .activation(Activation(.relu)))
        let reports = [
            try LayerReport(layer: input, inputNames: [], inputShapes: [], outputShape: .vector(features: 8),
                            learnables: [], axes: [], cost: .zero, receptiveField: .local([])),
            try LayerReport(layer: mystery, inputNames: ["input"], inputShapes: [.vector(features: 8)],
                            outputShape: .vector(features: 8), learnables: [], axes: [], cost: nil, receptiveField: .local([])),
        ]
        let report = try NetworkReport(layers: reports, inputLayout: .channelsLast)
        #expect(report.totals.uncostedLayers == ["mystery"])
        let table = TableRenderer().render(report)
        #expect(table.contains("1  mystery  relu   8                0     ?      ?"))
        #expect(table.contains("Total MACs:               0 (partial)"))
        #expect(table.contains("The cost totals leave out mystery, which CNNCalc cannot cost."))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(report).utf8)) as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers[1]["macs"] == nil)
        #expect(layers[0]["macs"] as? Int == 0)
        #expect((json["totals"] as? [String: Any])?["uncostedLayers"] as? [String] == ["mystery"])
    }
}
