import ArgumentParser
import CNNCalc

/// The report formats `cnncalc` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

extension Layout: ExpressibleByArgument {}
extension Convention: ExpressibleByArgument {}
extension DataType: ExpressibleByArgument {}
extension Optimizer: ExpressibleByArgument {}
extension RenderOptions.MACDefinition: ExpressibleByArgument {}

/// Options shared by every command that prints a report.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Show every layer's output-size, parameter and cost arithmetic, step by step.")
    var explain = false

    @Option(name: .long, help: "The report format: table or json.")
    var format: ReportFormat = .table

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
        AnalysisOptions(convention: convention ?? network?.sourceConvention ?? .keras, batchSize: batch)
    }

    private var renderOptions: RenderOptions {
        RenderOptions(layout: layout, dataType: dtype, optimizer: optimizer, macs: macs, depth: depth)
    }

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
        if compare {
            var reports: [NetworkReport] = []
            for convention in Convention.allCases {
                reports.append(try OpenSizeAnalysis.report(
                    openSizes: openSizes, bindings: bindings,
                    options: AnalysisOptions(convention: convention, batchSize: batch), network: network))
            }
            return CompareRenderer().render(reports)
        }
        let options = AnalysisOptions(convention: convention ?? sourceConvention ?? .keras, batchSize: batch)
        let report = try OpenSizeAnalysis.report(openSizes: openSizes, bindings: bindings, options: options, network: network)
        return render(report)
    }

    private func render(_ report: NetworkReport) -> String {
        switch format {
        case .json: JSONRenderer(options: renderOptions).render(report)
        case .table: explain ? ExplainRenderer(options: renderOptions).render(report) : TableRenderer(options: renderOptions).render(report)
        }
    }

    /// Analyses `network` and renders it as asked; without `--convention`, the analysis counts
    /// as the framework the network was read from does (``Network/sourceConvention``), else as Keras does.
    func report(_ network: Network) throws -> String {
        if compare {
            var reports: [NetworkReport] = []
            for convention in Convention.allCases {
                reports.append(try Analyzer(options: AnalysisOptions(convention: convention, batchSize: batch)).analyze(network))
            }
            return CompareRenderer().render(reports)
        }
        return render(try Analyzer(options: analysisOptions(for: network)).analyze(network))
    }
}
