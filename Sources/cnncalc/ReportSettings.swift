import ArgumentParser
import CNNCalc

/// What a report is to look like, as the options of ``OutputOptions`` ask: the format, the
/// layout, the convention, the batch and the rest, as plain values.
///
/// Its defaults are those of a `cnncalc` run with no options, and ``OutputOptions`` takes its
/// defaults from here, so that ``PlainInvocation`` can run `cnncalc FILE` without parsing.
struct ReportSettings: Equatable, Sendable {
    /// `--explain`: every layer's arithmetic, step by step.
    var explain = false
    /// `--format`.
    var format = ReportFormat.table
    /// `--columns`; `nil` for the format's own.
    var columns: ColumnList?
    /// `--style`.
    var style = TableStyle.default
    /// `--border`; `nil` for box on a terminal, plain elsewhere.
    var border: RenderOptions.Border?
    /// `--layout`; `nil` for the layout the input was written in.
    var layout: Layout?
    /// `--convention`; `nil` for the source's own, else the style's, else Keras'.
    var convention: Convention?
    /// `--compare`: the totals under every convention.
    var compare = false
    /// `--batch`: the examples MACs, FLOPs and activation memory are computed for.
    var batch = 1
    /// `--dtype`.
    var dtype = DataType.fp32
    /// `--optimizer`.
    var optimizer = Optimizer.adam
    /// `--macs`.
    var macs = RenderOptions.MACDefinition.cnncalc
    /// `--depth`; `nil` for one row per layer.
    var depth: Int?

    /// The settings of a run with no options.
    static let defaults = ReportSettings()

    /// Refuses options that do not go together, with the reason.
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

    /// The render options for this process's standard output.
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
