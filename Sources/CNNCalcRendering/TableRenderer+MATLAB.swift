import CNNCalcAnalysis
import CNNCalcCore

/// The table of a report counted as MATLAB counts, in `analyzeNetwork`'s terms: layers numbered
/// from 1, activation sizes joined by `×`, and each layer's learnables by name and size.
///
///     #  name         type         activations  learnables                     total    MACs   FLOPs
///     -  -----------  -----------  -----------  -----------------------------  -----  ------  ------
///     1  imageinput   input        50×50×2                                         0       0       0
///     2  conv         conv 5x5     46×46×20     Weights 5×5×2×20, Bias 1×1×20  1,020   2.12M   4.27M
///
/// A `states` column lists the states (`TrainedMean`, `HiddenState`, ...) when a layer has some.
extension TableRenderer {
    /// The header, rows and right-aligned columns of the MATLAB table.
    func matlabTable(_ report: NetworkReport, layout: Layout) -> (header: [String], rows: [[String]], rightAligned: Set<Int>) {
        let hasStates = report.layers.contains { $0.stateCount > 0 }
        var header = ["#", "name", "type", "activations", "learnables"]
        if hasStates { header.append("states") }
        header += ["total", options.macs == .torchinfo ? "mult-adds" : "MACs", "FLOPs"]
        let rows = report.layers.indices.map { index in
            let layer = report.layers[index]
            func listed(_ roles: Set<Learnable.Role>) -> String {
                layer.learnables.filter { roles.contains($0.role) }
                    .map { "\($0.name) \(Convention.matlab.shapeText($0.shape))" }
                    .joined(separator: ", ")
            }
            var row = [
                String(index + 1),
                layer.name,
                LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank),
                layer.outputShape.matlabText(in: layout),
                listed([.trainable, .nonTrainable]),
            ]
            if hasStates { row.append(listed([.state])) }
            row += [
                NumberFormatting.grouped(layer.parameterCount),
                macsCell(report.layers[index...index], report: report),
                forBatch(layer.cost?.flops, report),
            ]
            return row
        }
        let count = header.count
        return (header, rows, [0, count - 3, count - 2, count - 1])
    }

    /// The axes of the activations in words: `height×width×channels`, and what a sequence's labels mean.
    func matlabAxes(_ report: NetworkReport, layout: Layout) -> String {
        var parts = [layout == .channelsLast ? "height×width×channels" : "channels×height×width"]
        if report.layers.contains(where: { if case .sequence = $0.outputShape { true } else { false } }) {
            parts.append("sequences features(C)×steps(T)")
        }
        return parts.joined(separator: "; ")
    }
}
