import CNNCalcAnalysis
import CNNCalcCore

/// The default report: one row per layer with its name, type, output shape, parameters and
/// parameter formula, then the totals.
///
///      #  name      type         output    parameters  formula
///     --  --------  -----------  --------  ----------  ---------------
///      0  input     input        1x28x28            0
///      1  conv1     conv 5x5     32x24x24         832  (5*5*1+1)*32
///
///     Total parameters:         217,706
public struct TableRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions

    /// Creates a table renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as a table.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        let header = ["#", "name", "type", "output", "parameters", "formula"]
        let rows = report.layers.enumerated().map { index, layer in
            [
                String(index),
                layer.name,
                LayerTypeText.text(for: layer.layer.kind, axes: layer.axes),
                layer.outputShape.text(in: layout),
                NumberFormatting.grouped(layer.parameterCount),
                layer.parameterCount == 0 ? "" : layer.derivation(layout: layout).parameterFormula,
            ]
        }
        let rightAligned: Set<Int> = [0, 4]
        var lines = [
            "\(report.layers.count) layers, shapes per example (\(layout.rawValue), \(layout.phrase)), batch not shown",
            "",
        ]
        lines += TextTable.lines(header: header, rows: rows, rightAligned: rightAligned)
        lines.append("")
        lines += TotalsText.lines(report.totals)
        let warnings = report.layers.flatMap { layer in layer.warnings.map { "warning: \(layer.name): \($0)" } }
        if !warnings.isEmpty {
            lines.append("")
            lines += warnings
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The totals block shared by the text reports.
enum TotalsText {
    static func lines(_ totals: Totals) -> [String] {
        let entries = [
            ("Total parameters:", totals.parameters),
            ("Trainable parameters:", totals.trainable),
            ("Non-trainable parameters:", totals.nonTrainable),
        ]
        let labelWidth = entries.map(\.0.count).max() ?? 0
        let numbers = entries.map { NumberFormatting.grouped($0.1) }
        let numberWidth = numbers.map(\.count).max() ?? 0
        return zip(entries, numbers).map { entry, number in
            entry.0.padding(to: labelWidth) + " " + String(repeating: " ", count: numberWidth - number.count) + number
        }
    }
}
