import CNNCalc
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cnncalc models/*.onnx`: one row per file (its layers, parameters, MACs and FLOPs), the files
/// read and analysed on every core, in the order given. A file that cannot be read gets its
/// error on standard error, and the exit status is then 1. When the work takes more than a
/// second and standard error is a terminal, a progress bar is drawn there.
enum ManyFiles {
    /// The summary of one file; in JSON, the counts are left out of a file that failed.
    struct Row: Sendable, Encodable {
        var file: String
        var layers = 0
        var parameters = 0
        var trainable = 0
        var macs: Int?
        var flops: Int?
        var error: String?

        enum CodingKeys: String, CodingKey { case file, layers, parameters, trainable, macs, flops, error }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            if let error {
                try container.encode(error, forKey: .error)
                return
            }
            try container.encode(layers, forKey: .layers)
            try container.encode(parameters, forKey: .parameters)
            try container.encode(trainable, forKey: .trainable)
            try container.encodeIfPresent(macs, forKey: .macs)
            try container.encodeIfPresent(flops, forKey: .flops)
        }
    }

    /// Analyses every file of `paths` and prints the summary in `format`.
    static func run(_ paths: [String], input: InputSizeArgument?, output: ReportSettings) throws {
        let rows = analyse(paths, input: input, output: output)
        print(render(rows, format: output.format), terminator: "")
        let failed = rows.filter { $0.error != nil }
        for row in failed { printError("error: \(row.error ?? "")") }
        if !failed.isEmpty { terminate(1) }
    }

    /// The rows of `paths`, computed in parallel, in the order given.
    static func analyse(_ paths: [String], input: InputSizeArgument?, output: ReportSettings) -> [Row] {
        let results = Results(count: paths.count)
        let progress = Progress(total: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.set(index, row(for: paths[index], input: input, output: output))
            progress.advance()
        }
        progress.finish()
        return results.rows
    }

    private static func row(for path: String, input: InputSizeArgument?, output: ReportSettings) -> Row {
        var row = Row(file: path)
        do {
            let network = try NetworkFile.network(at: path, input: input)
            let report = try Analyzer(options: output.analysisOptions(for: network)).analyzeCollectingProblems(network)
            row.layers = report.layers.count
            row.parameters = report.totals.parameters
            row.trainable = report.totals.trainable
            if report.totals.uncostedLayers.isEmpty {
                row.macs = try? CheckedArithmetic.multiply(report.totals.cost.macs, output.batch, "")
                row.flops = try? CheckedArithmetic.multiply(report.totals.cost.flops, output.batch, "")
            }
        } catch let problems as AnalysisProblems {
            row.error = problems.errors.map(\.description).joined(separator: "; ")
        } catch {
            row.error = "\(error)"
        }
        return row
    }

    /// The rows as a table, CSV, Markdown or JSON.
    static func render(_ rows: [Row], format: ReportFormat) -> String {
        func number(_ value: Int?, grouped: Bool) -> String {
            value.map { grouped ? NumberFormatting.grouped($0) : String($0) } ?? (grouped ? "?" : "")
        }
        switch format {
        case .csv:
            var lines = ["file,layers,parameters,trainable,macs,flops,error"]
            for row in rows {
                let cells = [row.file, row.error == nil ? String(row.layers) : "", row.error == nil ? String(row.parameters) : "",
                             row.error == nil ? String(row.trainable) : "", number(row.macs, grouped: false),
                             number(row.flops, grouped: false), row.error ?? ""]
                lines.append(cells.map(CSVRenderer.field).joined(separator: ","))
            }
            return lines.joined(separator: "\r\n") + "\r\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        case .markdown:
            var lines = ["| file | layers | parameters | trainable | MACs | FLOPs |", "| :-- | --: | --: | --: | --: | --: |"]
            for row in rows {
                let cells = row.error == nil
                    ? [String(row.layers), NumberFormatting.grouped(row.parameters), NumberFormatting.grouped(row.trainable),
                       number(row.macs, grouped: true), number(row.flops, grouped: true)]
                    : ["error", "", "", "", ""]
                lines.append("| " + ([MarkdownRenderer.escaped(row.file)] + cells).joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            var lines: [String] = []
            let header = ["file", "layers", "parameters", "trainable", "MACs", "FLOPs"]
            var table = rows.map { row in
                row.error == nil
                    ? [row.file, String(row.layers), NumberFormatting.grouped(row.parameters), NumberFormatting.grouped(row.trainable),
                       number(row.macs, grouped: true), number(row.flops, grouped: true)]
                    : [row.file, "error", "", "", "", ""]
            }
            let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max() ?? 0 }
            table.insert(widths.map { String(repeating: "-", count: $0) }, at: 0)
            for cells in [header] + table {
                let padded = cells.enumerated().map { column, cell in
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + padding : padding + cell
                }
                var line = padded.joined(separator: "  ")
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// The rows, filled in by the workers.
    private final class Results: @unchecked Sendable {
        private var storage: [Row?]
        private let lock = PthreadMutex()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ row: Row) { lock.locked { storage[index] = row } }

        var rows: [Row] { lock.locked { storage.compactMap { $0 } } }
    }

    /// A progress bar on standard error, drawn only after a second and only on a terminal.
    private final class Progress: @unchecked Sendable {
        private let total: Int
        private var done = 0
        private var drawn = false
        private let start = ContinuousClock.now
        private let lock = PthreadMutex()
        private let isTerminal = isatty(2) != 0

        init(total: Int) { self.total = total }

        func advance() {
            lock.locked {
                done += 1
                guard isTerminal, ContinuousClock.now - start > .seconds(1) else { return }
                let width = 30
                let filled = done * width / max(total, 1)
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                var line = "\r[\(bar)] \(done)/\(total) files"
                drawn = true
                line.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
            }
        }

        func finish() {
            lock.locked {
                guard drawn else { return }
                var clear = "\r" + String(repeating: " ", count: 60) + "\r"
                clear.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
            }
        }
    }
}

/// A mutex over a pthread mutex, without Foundation.
final class PthreadMutex: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
