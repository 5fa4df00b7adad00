import ArgumentParser
import CNNCalc

/// The report formats `cnncalc` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

extension Layout: ExpressibleByArgument {}

/// Options shared by every command that prints a report.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Show every layer's output-size and parameter arithmetic, step by step.")
    var explain = false

    @Option(name: .long, help: "The report format: table or json.")
    var format: ReportFormat = .table

    @Option(name: .long, help: "Write shapes channels first (chw) or channels last (hwc). Default: the layout the input was written in.")
    var layout: Layout?

    func validate() throws {
        if explain && format != .table {
            throw ValidationError("--explain writes text; use it without --format, or read the 'derivation' field of --format json")
        }
    }

    /// The report in the chosen format.
    func render(_ report: NetworkReport) -> String {
        let options = RenderOptions(layout: layout)
        switch format {
        case .json: return JSONRenderer(options: options).render(report)
        case .table: return explain ? ExplainRenderer(options: options).render(report) : TableRenderer(options: options).render(report)
        }
    }
}
