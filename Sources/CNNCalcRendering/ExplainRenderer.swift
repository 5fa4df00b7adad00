import CNNCalcAnalysis
import CNNCalcCore

/// Every layer's output-size and parameter arithmetic, step by step, in words a learner follows.
///
///     conv1: conv <- input
///       32 filters of 5x5, stride 1, padding valid
///       input 1x28x28
///       output size
///         rule: out = floor((in + pad_before + pad_after - dilation*(kernel-1) - 1)/stride) + 1
///         height: (28 - 5)/1 + 1 = 24
///         ...
///       parameters
///         kernel 5x5x1x32: 5*5*1*32 = 800 (trainable)
///         bias 32: one per filter = 32 (trainable)
///         total: (5*5*1+1)*32 = 832
public struct ExplainRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions

    /// Creates an explain renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as a step-by-step explanation.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        var lines = ["Shapes are per example, written \(layout.rawValue) (\(layout.phrase)); the batch is not shown.", ""]
        for layer in layers(of: report) {
            lines += layer
            lines.append("")
        }
        let counted = report.layers.filter { $0.parameterCount > 0 }
        if counted.count > 1 {
            let sum = counted.map { NumberFormatting.grouped($0.parameterCount) }.joined(separator: " + ")
            lines.append("Sum over layers: \(sum) = \(NumberFormatting.grouped(report.totals.parameters))")
        }
        lines += ReportFooter(report: report, options: options).lines()
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every layer's explanation, in the order of the report, each without the blank line that
    /// separates layers; a report with open sizes writes them by name.
    public func layers(of report: NetworkReport) -> [[String]] {
        let layout = options.layout ?? report.inputLayout
        return report.layers.enumerated().map { index, layer in
            guard let open = report.openSizes else { return Self.lines(for: layer, layout: layout) }
            return Self.lines(
                for: layer, layout: layout, derivation: open.derivation(ofLayer: index, layout: layout),
                inputs: open.inputShapes(ofLayer: index).map { open.shapeText($0, layout: layout) },
                warnings: open.warnings(ofLayer: index))
        }
    }

    /// One layer's explanation, without the blank line that separates layers: what it is, what
    /// arrives, the output size, the parameters, the cost and the receptive field, step by step.
    public static func lines(for layer: LayerReport, layout: Layout) -> [String] {
        let matlab = layer.convention == .matlab
        return lines(
            for: layer, layout: layout, derivation: layer.derivation(layout: layout),
            inputs: layer.inputShapes.map { matlab ? $0.matlabText(in: layout) : $0.text(in: layout) },
            warnings: layer.warnings.map(\.description))
    }

    /// One layer's explanation from its derivation, input shapes and warnings as text: for a
    /// report with open sizes, those its ``OpenSizeReport`` writes.
    static func lines(
        for layer: LayerReport, layout: Layout, derivation: Derivation, inputs: [String], warnings: [String]
    ) -> [String] {
        let source = layer.inputNames.isEmpty ? "" : " <- " + layer.inputNames.joined(separator: ", ")
        var lines = ["\(layer.name): \(layer.layer.kind.kindName)\(source)", "  " + derivation.summary]
        if !inputs.isEmpty {
            lines.append("  input " + inputs.joined(separator: ", "))
        }
        lines.append("  output size")
        lines += derivation.outputSteps.map { "    " + $0 }
        lines.append("  parameters")
        lines += derivation.parameterSteps.map { "    " + $0 }
        lines.append("  cost for one example")
        lines += derivation.costSteps.map { "    " + $0 }
        lines.append("  receptive field: " + derivation.receptiveField)
        lines += warnings.map { "  warning: \($0)" }
        return lines
    }
}
