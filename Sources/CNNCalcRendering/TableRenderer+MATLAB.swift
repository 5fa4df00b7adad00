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
/// `--explain` lists them. With `--depth`, the table keeps its usual form.
extension TableRenderer {
    /// Whether `report` gets the MATLAB table: counted as MATLAB counts, one row per layer.
    func isMATLABTable(_ report: NetworkReport) -> Bool {
        report.options.convention == .matlab && options.depth == nil
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

extension ReportColumn {
    /// The columns of the MATLAB table: what `analyzeNetwork` lists, then the costs.
    public static let matlab: [ReportColumn] = [.shape, .learnables, .params, .macs, .flops]

    /// The column's title in the MATLAB table: `activations`, `learnables`, `total`.
    func matlabHeader(options: RenderOptions) -> String {
        switch self {
        case .shape: "activations"
        case .params: "total"
        default: header(options: options)
        }
    }
}
