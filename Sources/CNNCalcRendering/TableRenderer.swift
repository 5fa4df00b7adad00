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
        let torchinfo = options.macs == .torchinfo
        let header = ["#", "name", "type", "output", "parameters", torchinfo ? "mult-adds" : "MACs", "FLOPs", "formula"]
        let rows = report.layers.enumerated().map { index, layer in
            let macs = forBatch(torchinfo ? (try? layer.torchinfoMultAdds()) : layer.cost?.macs, report)
            return [
                String(index),
                layer.name,
                LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank),
                layer.outputShape.text(in: layout),
                NumberFormatting.grouped(layer.parameterCount),
                macs,
                forBatch(layer.cost?.flops, report),
                layer.parameterCount == 0 ? "" : layer.derivation(layout: layout).parameterFormula,
            ]
        }
        var lines = [
            "\(report.layers.count) layers, shapes per example (\(layout.rawValue), \(layout.phrase)), batch not shown",
            "",
        ]
        lines += TextTable.lines(header: header, rows: rows, rightAligned: [0, 4, 5, 6])
        lines.append("")
        lines += ReportFooter(report: report, options: options).lines()
        let warnings = report.layers.flatMap { layer in layer.warnings.map { "warning: \(layer.name): \($0)" } }
        if !warnings.isEmpty {
            lines.append("")
            lines += warnings
        }
        return lines.joined(separator: "\n") + "\n"
    }
    /// A per-example count times the batch, humanized; `?` when unknown or too large to count.
    private func forBatch(_ count: Int?, _ report: NetworkReport) -> String {
        count.flatMap { try? CheckedArithmetic.multiply($0, report.options.batchSize, "") }.map(NumberFormatting.humanized) ?? "?"
    }
}
