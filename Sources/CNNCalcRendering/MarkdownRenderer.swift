import CNNCalcAnalysis
import CNNCalcCore

/// The report as GitHub-flavoured Markdown: a table with one row per layer, numbers aligned
/// right, then the totals and the notes, ready to paste into a README or an issue.
///
///     | # | name | type | output | parameters | MACs | FLOPs | formula |
///     |--:|:--|:--|:--|--:|--:|--:|:--|
///     | 1 | conv1 | conv 5x5 | 32x24x24 | 832 | 460.8K | 940.0K | `(5*5*1+1)*32` |
public struct MarkdownRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions
    /// The columns after `#`, `name` and `type`.
    public var columns: [ReportColumn]

    /// Creates a Markdown renderer.
    public init(options: RenderOptions = RenderOptions(), columns: [ReportColumn] = ReportColumn.standard) {
        self.options = options
        self.columns = columns
    }

    /// The report as Markdown.
    public func render(_ report: NetworkReport) -> String {
        let cells = ReportCells(report: report, options: options)
        let header = ["#", "name", "type"] + columns.map { $0.header(options: options) }
        let alignment = ["--:", ":--", ":--"] + columns.map { $0.isNumeric ? "--:" : ":--" }
        var lines = [Self.row(header), Self.row(alignment)]
        for (index, layer) in report.layers.enumerated() {
            var row = [String(index), Self.escaped(layer.name), Self.escaped(LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank))]
            for column in columns {
                let text = cells.cell(column, layer: index).human
                row.append(column == .formula && !text.isEmpty ? "`\(text)`" : Self.escaped(text))
            }
            lines.append(Self.row(row))
        }
        lines.append("")
        let footer = ReportFooter(report: report, options: options)
        for (label, value) in footer.totalEntries() { lines.append("- **\(label)** \(value)") }
        lines.append("")
        lines.append(Self.escaped(footer.notes().map { String($0.drop { $0 == " " }) }.joined(separator: " ")))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// The text with Markdown's table and emphasis characters escaped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "|*_`<>[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
