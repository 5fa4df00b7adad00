import CNNCalcAnalysis
import CNNCalcCore

/// The report laid out as the table of MATLAB's `analyzeNetwork` (Deep Network Analyzer):
/// numbered layers with their name, type, activation size, learnables by name and size and
/// their number, and states, the columns of the analyzer and of the `LayerInfo` table its
/// `NetworkAnalysis` result holds (`Name`, `Type`, `ActivationSizes`, `LearnableSizes`,
/// `NumLearnables`, `StateSizes`), so that the two can be held side by side:
///
///     7 layers, 217,706 total learnables (217.7k)
///     ┏━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┓
///     ┃ # ┃ Name     ┃ Type            ┃ Activations ┃ Learnable sizes   ┃ Learnables ┃
///     ┡━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━┩
///     │ 1 │ input    │ Image Input     │ 28×28×1     │ -                 │          0 │
///     ├───┼──────────┼─────────────────┼─────────────┼───────────────────┼────────────┤
///     │ 2 │ conv1    │ 2-D Convolution │ 24×24×32    │ Weights 5×5×1×32  │        832 │
///     │   │          │                 │             │ Bias 1×1×32       │            │
///     └───┴──────────┴─────────────────┴─────────────┴───────────────────┴────────────┘
///
/// Activations are per example, height×width×channels (MATLAB's order) unless
/// ``RenderOptions/layout`` says otherwise, a sequence as `12(C)×1(T)`; each learnable and
/// state on a line of its own, with MATLAB's names when the report counts as MATLAB does. A
/// States column appears when a layer has states (a batch normalization's `TrainedMean`).
/// This follows the analyzer's documented layout: MATLAB was not run to capture it, and the
/// analyzer's second line under each name (a description of the layer) is left out.
public struct MATLABAnalysisRenderer: Sendable {
    /// The layout, width and colour of the table.
    public var options: RenderOptions

    /// Creates a MATLAB-style renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as `analyzeNetwork` tabulates it.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? .channelsLast
        let hasStates = report.layers.contains { $0.learnables.contains { $0.role == .state } }
        let rows = report.layers.enumerated().map { index, layer in
            let rank = (layer.inputShapes.first ?? layer.outputShape).spatialRank
            let activations = report.openSizes.map { open in
                open.outputShape(ofLayer: index).sizes(in: layout).map(open.sizeText).joined(separator: "×")
            } ?? layer.outputShape.matlabText(in: layout)
            func list(_ learnables: [Learnable]) -> String {
                learnables.isEmpty ? "-" : learnables.map { "\($0.name) \(Convention.matlab.shapeText($0.shape))" }.joined(separator: "\n")
            }
            var row = [
                String(index + 1), layer.name,
                FrameworkTypeNames.matlab(layer.layer.kind, rank: rank, output: layer.outputShape),
                activations, list(layer.learnables.filter { $0.role != .state }), NumberFormatting.grouped(layer.parameterCount),
            ]
            if hasStates { row.append(list(layer.learnables.filter { $0.role == .state })) }
            return row
        }
        var columns = [
            BoxTable.Column(header: "#", alignment: .right, wraps: false),
            BoxTable.Column(header: "Name", alignment: .left, wraps: true),
            BoxTable.Column(header: "Type", alignment: .left, wraps: true),
            BoxTable.Column(header: "Activations", alignment: .left, wraps: false),
            BoxTable.Column(header: "Learnable sizes", alignment: .left, wraps: true),
            BoxTable.Column(header: "Learnables", alignment: .right, wraps: false),
        ]
        if hasStates { columns.append(BoxTable.Column(header: "States", alignment: .left, wraps: true)) }
        let totals = report.totals
        var summary = "\(report.layers.count) layers, \(NumberFormatting.grouped(totals.parameters)) total learnables"
        if totals.parameters >= 1000 { summary += " (\(Self.short(totals.parameters)))" }
        if totals.state > 0 { summary += ", \(NumberFormatting.grouped(totals.state)) states" }
        var lines = [options.color ? ANSI.bold(summary) : summary]
        lines += BoxTable(columns: columns, rows: rows, rulesBetweenRows: true, color: options.color).lines(maxWidth: options.width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A count as the analyzer abbreviates it: one decimal and `k`, `M` or `G`: `217.7k`, `25.6M`.
    static func short(_ count: Int) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
        guard let (scale, unit) = units.first(where: { Double(count) >= $0.0 }) else { return String(count) }
        return NumberFormatting.fixed(Double(count) / scale, fractionDigits: 1) + unit
    }
}
