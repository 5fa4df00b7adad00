import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Markdown, CSV and LaTeX reports, and `--columns`: goldens, and each format read back.
extension RenderingTests {
    static let formatReports: [(name: String, report: NetworkReport)] = [("example", example), ("residual", residual)]

    @Test(arguments: ["example", "residual"])
    func markdownGolden(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        expectGolden(MarkdownRenderer().render(report), named: "\(name).md")
    }

    @Test(arguments: ["example", "residual"])
    func csvGolden(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        expectGolden(CSVRenderer().render(report), named: "\(name).csv")
    }

    @Test(arguments: ["example", "residual"])
    func latexGolden(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        expectGolden(LaTeXRenderer().render(report), named: "\(name).tex")
    }

    /// RFC 4180 fields of one CSV text, quotes resolved.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }

    @Test(arguments: ["example", "residual"])
    func csvReadsBackToTheReportsNumbers(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        let records = Self.csvRecords(CSVRenderer().render(report))
        #expect(records.count == report.layers.count + 1)
        let header = records[0]
        #expect(records.allSatisfy { $0.count == header.count })
        let parameters = header.firstIndex(of: "parameters")!, macs = header.firstIndex(of: "macs")!
        let flops = header.firstIndex(of: "flops")!, inputs = header.firstIndex(of: "inputs")!
        for (row, layer) in zip(records.dropFirst(), report.layers) {
            #expect(Int(row[parameters]) == layer.parameterCount)
            #expect(Int(row[macs]) == layer.cost?.macs)
            #expect(Int(row[flops]) == layer.cost?.flops)
            #expect(row[inputs] == layer.inputNames.joined(separator: " "))
        }
        let total = records.dropFirst().compactMap { Int($0[parameters]) }.reduce(0, +)
        #expect(total == report.totals.parameters)
    }

    @Test func csvQuotesFieldsWithCommasAndQuotes() {
        #expect(CSVRenderer.field("a,b") == "\"a,b\"")
        #expect(CSVRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.field("plain") == "plain")
    }

    @Test(arguments: ["example", "residual"])
    func markdownRowsHaveOneCellPerColumn(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        let lines = MarkdownRenderer().render(report).split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(lines.count == report.layers.count + 2)
        let cells = lines.map { line in line.split(separator: "|", omittingEmptySubsequences: false).count }
        #expect(Set(cells).count == 1)
    }

    @Test func markdownAndLaTeXEscapeTheirSpecialCharacters() {
        #expect(MarkdownRenderer.escaped("a|b_c*") == "a\\|b\\_c\\*")
        #expect(LaTeXRenderer.escaped("conv_1 & 50% #2 {x}") == "conv\\_1 \\& 50\\% \\#2 \\{x\\}")
    }

    @Test(arguments: ["example", "residual"])
    func latexRowsHaveOneCellPerColumnAndBalancedBraces(_ name: String) {
        let report = Self.formatReports.first { $0.name == name }!.report
        let text = LaTeXRenderer().render(report)
        #expect(text.filter { $0 == "{" }.count == text.filter { $0 == "}" }.count)
        let rows = text.split(separator: "\n").filter { $0.hasSuffix("\\\\") && !$0.hasPrefix("\\multicolumn") }
        #expect(rows.count == report.layers.count + 1)
        #expect(Set(rows.map { $0.components(separatedBy: " & ").count }).count == 1)
    }

    @Test func columnsChooseTheTableColumns() {
        let text = TableRenderer(columns: [.params, .rf, .learnables]).render(Self.example)
        let header = text.split(separator: "\n", omittingEmptySubsequences: false)[2]
        #expect(header.hasPrefix("#  name      type         parameters  receptive field  learnables"))
        #expect(text.contains("1  conv1     conv 5x5            832  5x5              kernel (5, 5, 1, 32), bias (32,)"))
    }
}
