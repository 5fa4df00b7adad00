import CNNCalcAnalysis
import CNNCalcCore

/// The report as CSV (RFC 4180): a header row, then one row per layer with plain numbers
/// (no grouping, no units; an empty cell where a value is unknown), for spreadsheets and scripts.
///
///     index,name,type,inputs,output,parameters,trainable,macs,flops,memory_bytes,receptive_field,formula
///     1,conv1,conv 5x5,input,32x24x24,832,832,460800,940032,73728,5x5,(5*5*1+1)*32
public struct CSVRenderer: Sendable {
    /// The columns of the CSV by default: every number.
    public static let defaultColumns: [ReportColumn] = [.shape, .params, .trainable, .macs, .flops, .memory, .rf, .formula]

    /// Choices of layout.
    public var options: RenderOptions
    /// The columns after `index`, `name`, `type` and `inputs`.
    public var columns: [ReportColumn]

    /// Creates a CSV renderer.
    public init(options: RenderOptions = RenderOptions(), columns: [ReportColumn] = CSVRenderer.defaultColumns) {
        self.options = options
        self.columns = columns
    }

    /// The machine name of a column's header.
    static func header(_ column: ReportColumn, options: RenderOptions) -> String {
        switch column {
        case .shape: "output"
        case .params: "parameters"
        case .trainable: "trainable"
        case .formula: "formula"
        case .macs: options.macs == .torchinfo ? "mult_adds" : "macs"
        case .flops: "flops"
        case .memory: "memory_bytes"
        case .rf: "receptive_field"
        case .learnables: "learnables"
        }
    }

    /// The report as CSV, lines ending in CRLF as RFC 4180 writes them.
    public func render(_ report: NetworkReport) -> String {
        let cells = ReportCells(report: report, options: options)
        var lines = [(["index", "name", "type", "inputs"] + columns.map { Self.header($0, options: options) }).map(Self.field).joined(separator: ",")]
        for (index, layer) in report.layers.enumerated() {
            var row = [String(index), layer.name, LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank),
                       layer.inputNames.joined(separator: " ")]
            row += columns.map { cells.cell($0, layer: index).machine }
            lines.append(row.map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
