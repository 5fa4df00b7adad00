import CNNCalcAnalysis
import CNNCalcCore

/// Parameter totals of one network under every convention, side by side, with one line per
/// layer kind on why they differ.
///
///     convention  parameters  trainable  non-trainable  state
///     ----------  ----------  ---------  -------------  -----
///     Keras            5,754      5,722             32      0
///     PyTorch          5,722      5,722              0     33
public struct CompareRenderer: Sendable {
    /// Creates a compare renderer.
    public init() {}

    /// The comparison of `reports`, one per convention, all of the same network.
    public func render(_ reports: [NetworkReport]) -> String {
        let header = ["convention", "parameters", "trainable", "non-trainable", "state"]
        let rows = reports.map { report in
            [report.options.convention.displayName] + [
                report.totals.parameters, report.totals.trainable, report.totals.nonTrainable, report.totals.state,
            ].map(NumberFormatting.grouped)
        }
        var lines = ["Parameter totals under each convention", ""]
        lines += TextTable.lines(header: header, rows: rows, rightAligned: [1, 2, 3, 4])
        lines.append("")
        let reasons = disagreements(reports)
        if reasons.isEmpty {
            lines.append("Every convention counts this network the same way.")
        } else {
            lines.append("Why they differ:")
            lines += reasons.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per layer kind whose counts differ between the reports, naming its layers.
    private func disagreements(_ reports: [NetworkReport]) -> [String] {
        guard let first = reports.first else { return [] }
        var layersByReason: [(reason: String, layers: [String])] = []
        for (index, layer) in first.layers.enumerated() {
            let counts = reports.map { report in
                [report.layers[index].trainableCount, report.layers[index].nonTrainableCount, report.layers[index].stateCount]
            }
            guard Set(counts).count > 1 else { continue }
            let reason = Convention.disagreement(about: layer.layer.kind)
                ?? "\(layer.layer.kind.kindName): the frameworks keep different tensors for this layer"
            if let position = layersByReason.firstIndex(where: { $0.reason == reason }) {
                layersByReason[position].layers.append(layer.name)
            } else {
                layersByReason.append((reason, [layer.name]))
            }
        }
        return layersByReason.map { "\($0.reason) (\($0.layers.joined(separator: ", ")))" }
    }
}
