import ArgumentParser
import CNNCalc

/// The report formats `cnncalc` writes.
enum ReportFormat: String, ArgumentChoice {
    case table
    case json
    case markdown
    case csv
    case latex
    case svg
    case html
}

/// `--columns shape,params,macs`: the per-layer columns of the table, Markdown, CSV and LaTeX reports.
struct ColumnList: ExpressibleByArgument, Equatable, Sendable {
    var columns: [ReportColumn]

    init?(argument: String) {
        var columns: [ReportColumn] = []
        for name in argument.split(separator: ",") {
            var word = name
            while word.first?.isWhitespace == true { word.removeFirst() }
            while word.last?.isWhitespace == true { word.removeLast() }
            guard let column = ReportColumn(rawValue: word.lowercased()) else { return nil }
            if !columns.contains(column) { columns.append(column) }
        }
        guard !columns.isEmpty else { return nil }
        self.columns = columns
    }

    static var defaultValueDescription: String { "shape,params,macs,flops,formula" }
}

/// The table layouts `cnncalc` writes: its own, or one that mirrors another tool's.
enum TableStyle: String, ArgumentChoice {
    /// CNNCalc's table.
    case `default`
    /// nolearn's layer information (`#  name  size  parameters`).
    case nolearn
    /// Keras 3's `model.summary()`.
    case keras
    /// torchinfo's `summary()`.
    case torchinfo
    /// The table of MATLAB's `analyzeNetwork`.
    case matlab

    /// The convention the style's tool counts in, used when no `--convention` is given.
    var convention: Convention? {
        switch self {
        case .default, .nolearn: nil
        case .keras: .keras
        case .torchinfo: .pytorch
        case .matlab: .matlab
        }
    }
}

extension RenderOptions.Border: ArgumentChoice {}

extension Layout: ArgumentChoice {}
extension Convention: ArgumentChoice {}
extension DataType: ArgumentChoice {}
extension Optimizer: ArgumentChoice {}
extension RenderOptions.MACDefinition: ArgumentChoice {}

/// Options shared by every command that prints a report; their values, as plain ``ReportSettings``, do the work.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Show every layer's output-size, parameter and cost arithmetic, step by step.")
    var explain = ReportSettings.defaults.explain

    @Option(name: .long, help: "The report format: table, json, markdown (a GitHub table), csv (one row per layer, plain numbers), latex (a tabular), svg (a diagram of the network) or html (one page: summary, diagram, charts, the arithmetic on click).")
    var format = ReportSettings.defaults.format

    @Option(name: .long, help: ArgumentHelp(
        "The columns of the table, markdown, csv and latex reports, comma-separated: shape, params, trainable, formula, macs, flops, memory, rf, learnables.",
        valueName: "list"))
    var columns: ColumnList?

    @Option(name: .long, help: "The table layout: default; or that of another tool, to hold beside it: keras (model.summary()), torchinfo (summary()), matlab (analyzeNetwork's table), nolearn (its layer information with a parameters column). keras, torchinfo and matlab count as that tool does unless --convention says otherwise.")
    var style = ReportSettings.defaults.style

    @Option(name: .long, help: "How the table is drawn: box (Unicode box characters, fitted to the terminal's width) or plain (columns of text). Default: box on a terminal, plain into a pipe or a file.")
    var border: RenderOptions.Border?

    @Option(name: .long, help: "Write shapes channels first (chw) or channels last (hwc). Default: the layout the input was written in.")
    var layout: Layout?

    @Option(name: .long, help: "Count learnables as keras, pytorch, matlab or lasagne does. Default: the source's own (pytorch for .onnx), else keras.")
    var convention: Convention?

    @Flag(name: .long, help: "Print the parameter totals under every convention side by side, and why they differ.")
    var compare = ReportSettings.defaults.compare

    @Option(name: .long, help: "The batch size for MACs, FLOPs and activation memory.")
    var batch = ReportSettings.defaults.batch

    @Option(name: .long, help: "The number format for memory: fp32, fp16, bf16 or int8.")
    var dtype = ReportSettings.defaults.dtype

    @Option(name: .long, help: "The optimizer of the training-memory estimate: sgd, momentum or adam.")
    var optimizer = ReportSettings.defaults.optimizer

    @Option(name: .long, help: "Which MACs to print: cnncalc (CNNCalc's definition) or torchinfo (its 'Total mult-adds').")
    var macs = ReportSettings.defaults.macs

    @Option(name: .long, help: "One row per module of the source framework down to this depth, as torchinfo's depth (0: the whole network). Default: one row per layer.")
    var depth: Int?

    /// The values given, or their defaults.
    var settings: ReportSettings {
        ReportSettings(
            explain: explain, format: format, columns: columns, style: style, border: border, layout: layout,
            convention: convention, compare: compare, batch: batch, dtype: dtype, optimizer: optimizer, macs: macs, depth: depth)
    }

    func validate() throws {
        try settings.validate()
    }
}
