import CNNCalcAnalysis
import CNNCalcCore

/// Two networks side by side, one row per layer pairing (see ``NetworkDiff``): `=` where the
/// pair agrees, `!` where it differs (each differing value marked with `*`), `<` and `>` for a
/// layer only one side has; then the totals of both and their difference.
///
///     #  name   type      output     parameters     #  name    type      output     parameters
///     1  conv1  conv 5x5  32x24x24          832  =  1  conv_1  conv 5x5  32x24x24          832
///     3  fc     dense     256*          205,056* !  4  fc      dense     128*          102,528*
public struct DiffRenderer: Sendable {
    /// The names the two sides are shown under (their file names).
    public var leftTitle: String
    public var rightTitle: String

    /// Creates a diff renderer.
    public init(leftTitle: String, rightTitle: String) {
        self.leftTitle = leftTitle
        self.rightTitle = rightTitle
    }

    /// The comparison as text.
    public func render(_ diff: NetworkDiff) -> String {
        let header = ["#", "name", "type", "output", "parameters", "", "#", "name", "type", "output", "parameters"]
        var rows: [[String]] = []
        var counts = (same: 0, different: 0, leftOnly: 0, rightOnly: 0)
        for row in diff.rows {
            switch row {
            case .paired(let i, let j):
                let differences = diff.differences(left: i, right: j)
                if differences.isEmpty { counts.same += 1 } else { counts.different += 1 }
                rows.append(cells(diff.left, i, differences) + [differences.isEmpty ? "=" : "!"] + cells(diff.right, j, differences))
            case .leftOnly(let i):
                counts.leftOnly += 1
                rows.append(cells(diff.left, i, []) + ["<"] + Array(repeating: "", count: 5))
            case .rightOnly(let j):
                counts.rightOnly += 1
                rows.append(Array(repeating: "", count: 5) + [">"] + cells(diff.right, j, []))
            }
        }
        var lines = ["< \(leftTitle)", "> \(rightTitle)", ""]
        lines += TextTable.lines(header: header, rows: rows, rightAligned: [0, 4, 6, 10])
        lines.append("")
        var summary = "\(counts.same) layers agree, \(counts.different) differ, \(counts.leftOnly) only on the left, \(counts.rightOnly) only on the right"
        if diff.isPairedByPosition { summary += " (paired by position: too many layers to align)" }
        lines.append(summary + ".")
        lines.append("")
        lines += totals(diff)
        return lines.joined(separator: "\n") + "\n"
    }

    private func cells(_ report: NetworkReport, _ index: Int, _ differences: NetworkDiff.Differences) -> [String] {
        let layer = report.layers[index]
        func marked(_ text: String, _ difference: NetworkDiff.Differences) -> String {
            differences.contains(difference) ? text + "*" : text
        }
        return [
            String(index), layer.name,
            marked(LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank), .type),
            marked(layer.outputShape.dimensions(in: .channelsFirst).map(String.init).joined(separator: "x"), .shape),
            marked(NumberFormatting.grouped(layer.parameterCount), .parameters),
        ]
    }

    private func totals(_ diff: NetworkDiff) -> [String] {
        let entries: [(String, Int, Int)] = [
            ("Total parameters", diff.left.totals.parameters, diff.right.totals.parameters),
            ("Trainable parameters", diff.left.totals.trainable, diff.right.totals.trainable),
            ("Total MACs", diff.left.totals.cost.macs, diff.right.totals.cost.macs),
        ]
        let rows = entries.map { label, a, b in
            let change = (try? CheckedArithmetic.add(b, -a, "")).map { $0 == 0 ? "same" : ($0 > 0 ? "+" : "-") + NumberFormatting.grouped(abs($0)) } ?? "?"
            return [label, NumberFormatting.grouped(a), NumberFormatting.grouped(b), change]
        }
        return TextTable.lines(header: ["", "left", "right", "right - left"], rows: rows, rightAligned: [1, 2, 3])
    }
}
