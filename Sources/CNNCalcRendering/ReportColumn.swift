import CNNCalcAnalysis
import CNNCalcCore

/// A column of the per-layer reports (table, Markdown, CSV, LaTeX), chosen with `--columns`.
///
/// Every column has a cell for people (`217,706`, `4.1G`, `32x24x24`) and one for programs
/// (`217706`, `4100000000`, `32x24x24`): the CSV uses the second, the others the first.
public enum ReportColumn: String, Hashable, Sendable, CaseIterable {
    /// The layer's output shape, in the report's layout.
    case shape
    /// The layer's parameters (all of them, trainable or not).
    case params
    /// The layer's trainable parameters.
    case trainable
    /// The parameter count as one expression: `(5*5*1+1)*32`.
    case formula
    /// The layer's MACs for the batch (or torchinfo's mult-adds with `--macs torchinfo`).
    case macs
    /// The layer's FLOPs for the batch.
    case flops
    /// The bytes of the layer's output for the batch, in the report's number format.
    case memory
    /// The receptive field of one output position: `10x10`.
    case rf
    /// Every learnable tensor with its shape, as the convention names them: `W (32, 1, 5, 5), b (32,)`.
    case learnables

    /// The columns of the default table.
    public static let standard: [ReportColumn] = [.shape, .params, .macs, .flops, .formula]

    /// The column's title.
    public func header(options: RenderOptions) -> String {
        switch self {
        case .shape: "output"
        case .params: "parameters"
        case .trainable: "trainable"
        case .formula: "formula"
        case .macs: options.macs == .torchinfo ? "mult-adds" : "MACs"
        case .flops: "FLOPs"
        case .memory: "memory"
        case .rf: "receptive field"
        case .learnables: "learnables"
        }
    }

    /// Whether the column holds numbers (aligned right).
    public var isNumeric: Bool {
        switch self {
        case .params, .trainable, .macs, .flops, .memory: true
        case .shape, .formula, .rf, .learnables: false
        }
    }
}

/// The cells of one layer, for people and for programs.
struct ReportCells {
    let report: NetworkReport
    let options: RenderOptions

    var layout: Layout { options.layout ?? report.inputLayout }

    /// Whether the report counts as MATLAB does, so that shapes and learnables are written in MATLAB's terms.
    var isMATLAB: Bool { report.options.convention == .matlab }

    /// The cell of `column` for layer `index`: `human` for reading, `machine` with plain digits
    /// (empty when the value is unknown).
    func cell(_ column: ReportColumn, layer index: Int) -> (human: String, machine: String) {
        if let open = report.openSizes, let cell = openCell(column, layer: index, open: open) { return cell }
        let layer = report.layers[index]
        switch column {
        case .shape:
            let text = isMATLAB ? layer.outputShape.matlabText(in: layout) : layer.outputShape.text(in: layout)
            return (text, text)
        case .params:
            return (NumberFormatting.grouped(layer.parameterCount), String(layer.parameterCount))
        case .trainable:
            return (NumberFormatting.grouped(layer.trainableCount), String(layer.trainableCount))
        case .formula:
            let formula = layer.parameterCount == 0 ? "" : layer.parameterFormula(layout: layout)
            return (formula, formula)
        case .macs:
            let macs = options.macs == .torchinfo ? try? layer.torchinfoMultAdds() : layer.cost?.macs
            return number(forBatch(macs))
        case .flops:
            return number(forBatch(layer.cost?.flops))
        case .memory:
            let bytes = forBatch(try? CheckedArithmetic.multiply(layer.outputElements, options.dataType.bytes, ""))
            return (bytes.map(Self.compactBytes) ?? "?", bytes.map(String.init) ?? "")
        case .rf:
            let text: String = switch layer.receptiveField {
            case .whole: "whole"
            case .local(let axes): axes.isEmpty ? "-" : axes.map { String($0.size) }.joined(separator: "x")
            }
            return (text, text)
        case .learnables where isMATLAB:
            // As analyzeNetwork lists them: learnables by MATLAB's sizes; states are not learnables.
            let text = layer.learnables.filter { $0.role != .state }
                .map { "\($0.name) \(Convention.matlab.shapeText($0.shape))" }.joined(separator: ", ")
            return (text, text)
        case .learnables:
            let text = layer.learnables.map { "\($0.name) (\($0.shape.map(String.init).joined(separator: ", "))\($0.shape.count == 1 ? "," : ""))" }
                .joined(separator: ", ")
            return (text, text)
        }
    }

    /// The cell of a column that may depend on an open size, read through the open-size report:
    /// a number, an expression (`12.3K·seq_len` for people, `12288*seq_len` for programs) or `?`;
    /// `nil` for the columns that never depend on one.
    private func openCell(_ column: ReportColumn, layer index: Int, open: OpenSizeReport) -> (human: String, machine: String)? {
        let batch = report.options.batchSize
        func machine(_ value: OpenValue?) -> String {
            guard case .exact(let polynomial)? = value?.scaled(by: batch) else { return "" }
            return polynomial.constant.map(String.init) ?? polynomial.text(.plain)
        }
        switch column {
        case .shape:
            let text = open.shapeText(open.outputShape(ofLayer: index), layout: layout)
            return (text, text)
        case .formula:
            let formula = report.layers[index].parameterCount == 0 ? "" : open.derivation(ofLayer: index, layout: layout).parameterFormula
            return (formula, formula)
        case .macs:
            let macs = options.macs == .torchinfo ? open.value { try? $0.layers[index].torchinfoMultAdds() } : open.macs(ofLayer: index)
            return (OpenCells.cell(macs, batch: batch), machine(macs))
        case .flops:
            let flops = open.flops(ofLayer: index)
            return (OpenCells.cell(flops, batch: batch), machine(flops))
        case .memory:
            let bytes = open.value { try? CheckedArithmetic.multiply($0.layers[index].outputElements, options.dataType.bytes, "") }
            let human: String = switch bytes?.scaled(by: batch) {
            case .exact(let polynomial)?: polynomial.constant.map(Self.compactBytes) ?? polynomial.text(.short) + " B"
            default: "?"
            }
            return (human, machine(bytes))
        case .rf:
            guard let text = open.same({ report in ReportCells(report: report, options: options).cell(.rf, layer: index).human }) else {
                return ("?", "")
            }
            return (text, text)
        case .params, .trainable, .learnables:
            return nil
        }
    }

    /// Bytes in one unit, for a column: `40 B`, `72.0 KiB`, `1.5 MiB`.
    static func compactBytes(_ value: Int) -> String {
        let units: [(Double, String)] = [(1_099_511_627_776, "TiB"), (1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
        guard let (scale, unit) = units.first(where: { Double(value) >= $0.0 }) else { return "\(value) B" }
        return "\(NumberFormatting.fixed(Double(value) / scale, fractionDigits: 1)) \(unit)"
    }

    private func forBatch(_ count: Int?) -> Int? {
        count.flatMap { try? CheckedArithmetic.multiply($0, report.options.batchSize, "") }
    }

    private func number(_ value: Int?) -> (human: String, machine: String) {
        (value.map(NumberFormatting.humanized) ?? "?", value.map(String.init) ?? "")
    }
}
