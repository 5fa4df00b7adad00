import ArgumentParser
import CNNCalc

/// `cnncalc zoo`: every network of the built-in zoo with its source, input, parameters and MACs;
/// and the analysis of one of them for `cnncalc --zoo NAME`.
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "List the networks of the built-in zoo, with their source, input, parameters and MACs.",
        discussion: """
            Analyse one with cnncalc --zoo NAME, and ask "what if" with its knobs:
              cnncalc --zoo resnet50 --input 3x512x512 --classes 10
              cnncalc --zoo vgg16 --no-top
              cnncalc --zoo mobilenet_v2 --width 0.5
            The input is written as this list writes it: channels first for PyTorch models.
            """
    )

    @Option(name: .long, help: "Which MACs to list: cnncalc (CNNCalc's definition) or torchinfo (its 'Total mult-adds').")
    var macs: RenderOptions.MACDefinition = .cnncalc

    func run() throws {
        print(try Self.listing(macs: macs), terminator: "")
    }

    /// The table of every model, analysed at its default in its framework's convention.
    static func listing(macs: RenderOptions.MACDefinition) throws -> String {
        let header = ["name", "model", "paper", "framework", "input", "width", "parameters", macs == .torchinfo ? "mult-adds" : "MACs"]
        var rows: [[String]] = []
        for model in Zoo.models {
            let network = try model.network(model.defaultConfiguration)
            let report = try Analyzer(options: AnalysisOptions(convention: model.convention)).analyze(network)
            let cost = macs == .torchinfo ? try report.torchinfoMultAdds() : report.totals.cost.macs
            rows.append([
                model.name, model.title, model.paper.short, model.framework, model.defaultInput.text(in: model.inputLayout),
                model.defaultWidth.map { String($0) } ?? "", NumberFormatting.grouped(report.totals.parameters),
                NumberFormatting.humanized(cost),
            ])
        }
        var lines = table(header: header, rows: rows, rightAligned: [6, 7])
        lines.append("")
        lines.append("\(Zoo.models.count) models. Parameters as each framework counts them; \(macs == .torchinfo ? "torchinfo's mult-adds" : "MACs") for one example at the input shown.")
        lines.append("Analyse one with: cnncalc --zoo NAME [--input SIZE] [--classes N] [--no-top] [--width W]")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Prints the report of the zoo model `name` with the knobs of `options`; its source and notes go to standard error.
    static func analyse(_ name: String, _ options: ZooSettings, output: ReportSettings) throws {
        let (model, network) = try options.network(named: name)
        print(try output.report(network), terminator: "")
        printError("note: \(model.name): \(model.title) (\(model.paper.full)), as in \(model.framework)")
        for note in model.notes {
            printError("note: \(note)")
        }
    }

    /// Columns separated by two spaces, with a dashed rule under the header.
    private static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let gap = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? gap + cell : cell + gap
            }
            var text = padded.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
