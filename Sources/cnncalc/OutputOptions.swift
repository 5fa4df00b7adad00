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
struct ColumnList: ExpressibleByArgument {
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

/// Options shared by every command that prints a report.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Show every layer's output-size, parameter and cost arithmetic, step by step.")
    var explain = false

    @Option(name: .long, help: "The report format: table, json, markdown (a GitHub table), csv (one row per layer, plain numbers), latex (a tabular), svg (a diagram of the network) or html (one page: summary, diagram, charts, the arithmetic on click).")
    var format: ReportFormat = .table

    @Option(name: .long, help: ArgumentHelp(
        "The columns of the table, markdown, csv and latex reports, comma-separated: shape, params, trainable, formula, macs, flops, memory, rf, learnables.",
        valueName: "list"))
    var columns: ColumnList?

    @Option(name: .long, help: "The table layout: default; or that of another tool, to hold beside it: keras (model.summary()), torchinfo (summary()), matlab (analyzeNetwork's table), nolearn (its layer information with a parameters column). keras, torchinfo and matlab count as that tool does unless --convention says otherwise.")
    var style: TableStyle = .default

    @Option(name: .long, help: "How the table is drawn: box (Unicode box characters, fitted to the terminal's width) or plain (columns of text). Default: box on a terminal, plain into a pipe or a file.")
    var border: RenderOptions.Border?

    @Option(name: .long, help: "Write shapes channels first (chw) or channels last (hwc). Default: the layout the input was written in.")
    var layout: Layout?

    @Option(name: .long, help: "Count learnables as keras, pytorch, matlab or lasagne does. Default: the source's own (pytorch for .onnx), else keras.")
    var convention: Convention?

    @Flag(name: .long, help: "Print the parameter totals under every convention side by side, and why they differ.")
    var compare = false

    @Option(name: .long, help: "The batch size for MACs, FLOPs and activation memory.")
    var batch = 1

    @Option(name: .long, help: "The number format for memory: fp32, fp16, bf16 or int8.")
    var dtype: DataType = .fp32

    @Option(name: .long, help: "The optimizer of the training-memory estimate: sgd, momentum or adam.")
    var optimizer: Optimizer = .adam

    @Option(name: .long, help: "Which MACs to print: cnncalc (CNNCalc's definition) or torchinfo (its 'Total mult-adds').")
    var macs: RenderOptions.MACDefinition = .cnncalc

    @Option(name: .long, help: "One row per module of the source framework down to this depth, as torchinfo's depth (0: the whole network). Default: one row per layer.")
    var depth: Int?

    func validate() throws {
        if let depth {
            guard depth >= 0 && depth <= 1_000 else {
                throw ValidationError("--depth must be between 0 and 1,000, not \(depth)")
            }
            if explain {
                throw ValidationError("--depth groups the table and the JSON; --explain shows every layer, so use one or the other")
            }
            if compare {
                throw ValidationError("--compare prints its own table; use it without --depth")
            }
            if format == .svg || format == .html {
                throw ValidationError("--depth groups the table and the JSON; --format \(format.rawValue) draws every layer, so use one or the other")
            }
        }
        if style != .default && (explain || format != .table || compare || depth != nil) {
            throw ValidationError("--style \(style.rawValue) lays out the table; use it without --explain, --format, --compare and --depth")
        }
        if columns != nil && ![.default, .nolearn].contains(style) {
            throw ValidationError("--columns picks the columns of CNNCalc's table; --style \(style.rawValue) has the columns of \(style.rawValue)")
        }
        if let border, style != .default || explain || compare || format != .table {
            throw ValidationError("--border \(border.rawValue) draws CNNCalc's table; use it without --style, --explain, --compare and --format")
        }
        if columns != nil && (explain || compare || depth != nil || [.json, .svg, .html].contains(format)) {
            throw ValidationError("--columns picks the columns of a table, markdown, csv or latex report; use it without --explain, --compare, --depth and --format json, svg or html")
        }
        if explain && format != .table {
            throw ValidationError("--explain writes text; use it without --format, or read the 'derivation' field of --format json")
        }
        if compare && (explain || format != .table) {
            throw ValidationError("--compare prints its own table; use it without --explain and --format")
        }
        guard batch >= 1 && batch <= 1_000_000_000 else {
            throw ValidationError("--batch must be between 1 and 1,000,000,000, not \(batch)")
        }
    }

    /// The analysis options these flags ask for, for `network`: its source's convention unless one is given.
    func analysisOptions(for network: Network? = nil) -> AnalysisOptions {
        AnalysisOptions(convention: convention ?? style.convention ?? network?.sourceConvention ?? .keras, batchSize: batch)
    }

    /// The render options these flags ask for on `terminal`: the table is box-drawn on a terminal
    /// unless `--border` says otherwise, fitted to its width and coloured as ``TerminalOutput`` decides.
    func renderOptions(for terminal: TerminalOutput) -> RenderOptions {
        RenderOptions(
            layout: layout, dataType: dtype, optimizer: optimizer, macs: macs, depth: depth,
            border: border ?? (terminal.isTerminal ? .box : .plain), width: terminal.width, color: terminal.color)
    }

    private var renderOptions: RenderOptions { renderOptions(for: .standardOutput) }

    /// Analyses a model with open sizes (`--dim` gives some of them numbers) and renders it as asked.
    ///
    /// - Parameters:
    ///   - openSizes: the sizes the model leaves open.
    ///   - bindings: the numbers `--dim` gives them.
    ///   - sourceConvention: the model's own convention, used when no `--convention` is given.
    ///   - network: builds the network with a number for every open size.
    func report(
        openSizes: [OpenSize], bindings: [String: Int], sourceConvention: Convention?,
        network: (_ sizes: [String: Int]) throws(CNNCalcError) -> Network
    ) throws -> String {
        try OpenSizeAnalysis.validate(bindings, openSizes: openSizes)
        if openSizes.allSatisfy({ bindings[$0.name] != nil }) {
            // Nothing left open: the ordinary report, every problem of the network collected.
            return try report(try network(bindings))
        }
        if format == .svg || format == .html {
            let open = openSizes.filter { bindings[$0.name] == nil }.map(\.name)
            throw CNNCalcError(
                .badArgument, "--format \(format.rawValue) draws a number for every size, and the model leaves \(open.joined(separator: ", ")) open",
                fix: "give \(open.count == 1 ? "it a number" : "them numbers") (--dim \(open[0])=N), or use --format table, json, markdown, csv or latex")
        }
        if compare {
            var reports: [NetworkReport] = []
            for convention in Convention.allCases {
                reports.append(try OpenSizeAnalysis.report(
                    openSizes: openSizes, bindings: bindings,
                    options: AnalysisOptions(convention: convention, batchSize: batch), network: network))
            }
            return CompareRenderer().render(reports)
        }
        let options = AnalysisOptions(convention: convention ?? style.convention ?? sourceConvention ?? .keras, batchSize: batch)
        let report = try OpenSizeAnalysis.report(openSizes: openSizes, bindings: bindings, options: options, network: network)
        return render(report)
    }

    private func render(_ report: NetworkReport) -> String {
        let chosen = columns?.columns
        switch format {
        case .json: return JSONRenderer(options: renderOptions).render(report)
        case .markdown: return MarkdownRenderer(options: renderOptions, columns: chosen ?? ReportColumn.standard).render(report)
        case .csv: return CSVRenderer(options: renderOptions, columns: chosen ?? CSVRenderer.defaultColumns).render(report)
        case .latex: return LaTeXRenderer(options: renderOptions, columns: chosen ?? ReportColumn.standard).render(report)
        case .svg: return SVGRenderer(options: renderOptions).render(report)
        case .html: return HTMLRenderer(options: renderOptions).render(report)
        case .table where style == .nolearn: return NolearnRenderer().render(report)
        case .table where style == .keras: return KerasSummaryRenderer(options: renderOptions).render(report)
        case .table where style == .torchinfo: return TorchinfoSummaryRenderer(options: renderOptions).render(report)
        case .table where style == .matlab: return MATLABAnalysisRenderer(options: renderOptions).render(report)
        case .table: return explain ? ExplainRenderer(options: renderOptions).render(report) : TableRenderer(options: renderOptions, columns: chosen ?? ReportColumn.standard).render(report)
        }
    }

    /// Analyses `network` and renders it as asked; without `--convention`, the analysis counts
    /// as the framework the network was read from does (``Network/sourceConvention``), else as Keras does.
    /// A network that does not fit together throws ``AnalysisProblems`` with every problem found.
    func report(_ network: Network) throws -> String {
        if compare {
            var reports: [NetworkReport] = []
            for convention in Convention.allCases {
                reports.append(try Analyzer(options: AnalysisOptions(convention: convention, batchSize: batch)).analyzeCollectingProblems(network))
            }
            return CompareRenderer().render(reports)
        }
        return render(try Analyzer(options: analysisOptions(for: network)).analyzeCollectingProblems(network))
    }
}
