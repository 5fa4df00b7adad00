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
///
/// With ``RenderOptions/border`` `.box`, the same table drawn with box characters, fitted to
/// ``RenderOptions/width`` by wrapping names, types and formulas, and the totals also humanised
/// (`25,557,032 (25.6 M)`).
///
/// With ``RenderOptions/depth`` set, one row per ``LayerGroup`` instead: a group of several
/// layers shows the range of their indices (`5-11`), how many they are as its type, its last
/// layer's output, the sums, and no formula. The totals are the same either way.
public struct TableRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions
    /// The columns after `#`, `name` and `type` (with ``RenderOptions/depth``, always the standard ones).
    public var columns: [ReportColumn]

    /// Creates a table renderer.
    public init(options: RenderOptions = RenderOptions(), columns: [ReportColumn] = ReportColumn.standard) {
        self.options = options
        self.columns = columns
    }

    /// The report as a table.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        let isMATLAB = isMATLABTable(report)
        let shown = options.depth != nil ? ReportColumn.standard : isMATLAB && columns == ReportColumn.standard ? ReportColumn.matlab : columns
        let header = ["#", "name", "type"] + shown.map { isMATLAB ? $0.matlabHeader(options: options) : $0.header(options: options) }
        let rows: [[String]]
        var lines: [String]
        let shapes = isMATLAB
            ? "activations per example (\(matlabAxes(report, layout: layout))), batch not shown"
            : "shapes per example (\(layout.rawValue), \(layout.phrase)), batch not shown"
        if let depth = options.depth {
            let groups = report.groups(depth: depth)
            rows = groups.map { groupRow($0, report: report, layout: layout) }
            lines = ["\(report.layers.count) layers in \(groups.count) rows to depth \(depth), \(shapes)", ""]
        } else {
            rows = report.layers.indices.map { layerRow($0, report: report, layout: layout, columns: shown) }
            lines = ["\(report.layers.count) layers, \(shapes)", ""]
        }
        let numeric = shown.indices.filter { shown[$0].isNumeric }.map { $0 + 3 }
        if options.border == .box {
            let columns = header.enumerated().map { index, title in
                let number = index == 0 || numeric.contains(index)
                let wraps = !number && (index < 3 || [.formula, .learnables].contains(shown[index - 3]))
                return BoxTable.Column(header: title, alignment: number ? .right : .left, wraps: wraps)
            }
            lines += BoxTable(columns: columns, rows: rows, color: options.color).lines(maxWidth: options.width)
        } else {
            lines += TextTable.lines(header: header, rows: rows, rightAligned: Set([0] + numeric))
        }
        lines.append("")
        lines += ReportFooter(report: report, options: options).lines()
        let warnings = report.layers.indices.flatMap { index in
            let layer = report.layers[index]
            let sentences = report.openSizes?.warnings(ofLayer: index) ?? layer.warnings.map(\.description)
            let label = options.color ? ANSI.yellow("warning:") : "warning:"
            return sentences.map { "\(label) \(layer.name): \($0)" }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines += warnings
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The row of `report.layers[index]`.
    private func layerRow(_ index: Int, report: NetworkReport, layout: Layout, columns: [ReportColumn]? = nil) -> [String] {
        let layer = report.layers[index]
        var options = options
        options.layout = layout
        let cells = ReportCells(report: report, options: options)
        return [
            String(isMATLABTable(report) ? index + 1 : index),
            layer.name,
            LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank),
        ] + (columns ?? self.columns).map { cells.cell($0, layer: index).human }
    }

    /// The row of a group: a one-layer group reads as its layer does, under the group's name;
    /// a larger one gives the range of its layers' indices, their count, and no formula.
    private func groupRow(_ group: LayerGroup, report: NetworkReport, layout: Layout) -> [String] {
        let indices = group.layerIndices
        guard indices.count > 1 else {
            var row = layerRow(indices.lowerBound, report: report, layout: layout, columns: ReportColumn.standard)
            row[1] = group.name
            return row
        }
        if let open = report.openSizes, let position = report.groups(depth: options.depth ?? 0).firstIndex(of: group) {
            let values = open.groups(depth: options.depth ?? 0)[position]
            let macs = options.macs == .torchinfo
                ? open.value { run in
                    var sum = 0
                    for layer in run.layers[indices] {
                        guard let multAdds = try? layer.torchinfoMultAdds() else { return nil }
                        sum = (try? CheckedArithmetic.add(sum, multAdds, "")) ?? sum
                    }
                    return sum
                }
                : values.macs
            return [
                "\(indices.lowerBound)-\(indices.upperBound - 1)", group.name, "\(indices.count) layers",
                open.shapeText(values.outputShape, layout: layout), NumberFormatting.grouped(group.parameterCount),
                OpenCells.cell(macs, batch: report.options.batchSize),
                OpenCells.cell(values.flops, batch: report.options.batchSize), "",
            ]
        }
        return [
            "\(indices.lowerBound)-\(indices.upperBound - 1)",
            group.name,
            "\(indices.count) layers",
            report.options.convention == .matlab ? group.outputShape.matlabText(in: layout) : group.outputShape.text(in: layout),
            NumberFormatting.grouped(group.parameterCount),
            macsCell(report.layers[indices], report: report),
            forBatch(group.cost?.flops, report),
            "",
        ]
    }

    /// The MACs of `layers` for the batch, in the definition the options ask for.
    private func macsCell(_ layers: ArraySlice<LayerReport>, report: NetworkReport) -> String {
        var sum: Int? = 0
        for layer in layers {
            let macs = options.macs == .torchinfo ? try? layer.torchinfoMultAdds() : layer.cost?.macs
            sum = sum.flatMap { total in macs.flatMap { try? CheckedArithmetic.add(total, $0, "") } }
        }
        return forBatch(sum, report)
    }

    /// A per-example count times the batch, humanized; `?` when unknown or too large to count.
    private func forBatch(_ count: Int?, _ report: NetworkReport) -> String {
        count.flatMap { try? CheckedArithmetic.multiply($0, report.options.batchSize, "") }.map(NumberFormatting.humanized) ?? "?"
    }
}
