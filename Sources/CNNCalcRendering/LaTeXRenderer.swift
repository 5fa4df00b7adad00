import CNNCalcAnalysis
import CNNCalcCore

/// The report as a LaTeX `tabular` for papers: one row per layer, numbers aligned right,
/// the totals under a rule. Plain LaTeX (no packages needed); special characters escaped.
///
///     \begin{tabular}{rlllrrrl}
///     \hline
///     \# & name & type & output & parameters & MACs & FLOPs & formula \\
///     \hline
///     1 & conv1 & conv 5x5 & 32x24x24 & 832 & 460.8K & 940.0K & $(5*5*1+1)*32$ \\
public struct LaTeXRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions
    /// The columns after `#`, `name` and `type`.
    public var columns: [ReportColumn]

    /// Creates a LaTeX renderer.
    public init(options: RenderOptions = RenderOptions(), columns: [ReportColumn] = ReportColumn.standard) {
        self.options = options
        self.columns = columns
    }

    /// The report as a `tabular` environment.
    public func render(_ report: NetworkReport) -> String {
        let cells = ReportCells(report: report, options: options)
        let specification = "rll" + columns.map { $0.isNumeric ? "r" : "l" }.joined()
        var lines = ["% \(report.layers.count) layers; \(ReportFooter(report: report, options: options).notes().first ?? "")",
                     "\\begin{tabular}{\(specification)}", "\\hline"]
        lines.append(Self.row(["\\#", "name", "type"] + columns.map { Self.escaped($0.header(options: options)) }))
        lines.append("\\hline")
        for (index, layer) in report.layers.enumerated() {
            var row = [String(index), Self.escaped(layer.name),
                       Self.escaped(LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank))]
            for column in columns {
                let text = cells.cell(column, layer: index).human
                let isSize = column == .shape || column == .rf
                row.append(isSize ? text.split(separator: "x", omittingEmptySubsequences: false).map { Self.escaped(String($0)) }
                    .joined(separator: "$\\times$") : Self.escaped(text))
            }
            lines.append(Self.row(row))
        }
        lines.append("\\hline")
        let width = 3 + columns.count
        for (label, value) in ReportFooter(report: report, options: options).totalEntries() {
            lines.append("\\multicolumn{\(width - 1)}{l}{\(Self.escaped(label))} & \(Self.escaped(value)) \\\\")
        }
        lines.append("\\hline")
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String]) -> String {
        cells.joined(separator: " & ") + " \\\\"
    }

    /// The text with LaTeX's special characters escaped: `\ { } $ & # ^ _ % ~`.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": result += "\\\(character)"
            case "^": result += "\\textasciicircum{}"
            case "~": result += "\\textasciitilde{}"
            default: result.append(character)
            }
        }
        return result
    }
}
