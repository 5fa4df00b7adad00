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
/// States (`TrainedMean`, `HiddenState`, ...) are not learnables: the footer gives their total and
/// `--explain` lists them.
extension TableRenderer {
    /// The header, rows and right-aligned columns of the MATLAB table.
    func matlabTable(_ report: NetworkReport, layout: Layout) -> (header: [String], rows: [[String]], rightAligned: Set<Int>) {
        let header = ["#", "name", "type", "activations", "learnables", "total", options.macs == .torchinfo ? "mult-adds" : "MACs", "FLOPs"]
        let rows = report.layers.indices.map { index in
            let layer = report.layers[index]
            let learnables = layer.learnables.filter { $0.role != .state }
                .map { "\($0.name) \(Convention.matlab.shapeText($0.shape))" }
                .joined(separator: ", ")
            return [
                String(index + 1),
                layer.name,
                LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank),
                layer.outputShape.matlabText(in: layout),
                learnables,
                NumberFormatting.grouped(layer.parameterCount),
                macsCell(report.layers[index...index], report: report),
                forBatch(layer.cost?.flops, report),
            ]
        }
        return (header, rows, [0, 5, 6, 7])
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
