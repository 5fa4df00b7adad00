import AllocationCounter
import CNNCalc
import Foundation

/// The benchmarks, each printing one JSON object.
enum Benchmark {
    static let names = ["analyze", "sequential", "dag"]

    /// Runs the benchmark `name`.
    static func run(_ name: String, _ arguments: [String]) throws -> String? {
        switch name {
        case "analyze": try analyzeFile(arguments)
        case "sequential": try sequential(arguments)
        case "dag": try dag(arguments)
        default: nil
        }
    }

    /// Times `body` `repetitions` times and returns the median seconds per run and allocations per run.
    static func measure(repetitions: Int, _ body: () throws -> Void) rethrows -> (median: Double, allocations: Double) {
        var seconds: [Double] = []
        let clock = ContinuousClock()
        let before = cnncalc_allocation_count()
        for _ in 0..<repetitions {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let allocations = Double(cnncalc_allocation_count() - before) / Double(repetitions)
        seconds.sort()
        return (seconds[seconds.count / 2], allocations)
    }

    /// `analyze <file.cnn> [seconds]`: analyses of an already-read network per second, on one core.
    static func analyzeFile(_ arguments: [String]) throws -> String {
        guard let path = arguments.first else { throw CNNCalcError(.input, "give a .cnn file") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let network = try CNNTextReader.network(from: text, source: path)
        let analyzer = Analyzer()
        var report = try analyzer.analyze(network)
        // Batches of analyses, timed one batch at a time.
        let batch = 200
        let (median, allocations) = try measure(repetitions: 25) {
            for _ in 0..<batch { report = try analyzer.analyze(network) }
        }
        let perSecond = Double(batch) / median
        return """
            {"benchmark":"analyze","file":"\(path)","layers":\(network.layers.count),"analysesPerSecond":\(Int(perSecond)),\
            "layerAnalysesPerSecond":\(Int(perSecond * Double(network.layers.count))),"allocationsPerAnalysis":\(allocations / Double(batch)),\
            "parameters":\(report.totals.parameters)}
            """
    }

    /// `sequential <layers>`: a chain of dense and activation layers, read from text and analysed.
    static func sequential(_ arguments: [String]) throws -> String {
        let count = Int(arguments.first ?? "") ?? 10_000
        var text = "input 16\n"
        text.reserveCapacity(count * 12)
        for index in 0..<count { text += index % 2 == 0 ? "dense 16\n" : "relu\n" }
        return try timed("sequential", layers: count + 1, text: text)
    }

    /// `dag <nodes>`: blocks of two branches merged by an add, then a concat of the block's input and output.
    static func dag(_ arguments: [String]) throws -> String {
        let count = Int(arguments.first ?? "") ?? 10_000
        var text = "x0: input 8x8x4\n"
        var last = "x0"
        var nodes = 1
        var block = 0
        while nodes + 4 <= count {
            block += 1
            text += "a\(block): conv 4 1 inputs=\(last)\nb\(block): relu inputs=\(last)\n"
            text += "s\(block): add inputs=a\(block),b\(block)\nx\(block): conv 4 1 inputs=s\(block)\n"
            last = "x\(block)"
            nodes += 4
        }
        return try timed("dag", layers: nodes, text: text)
    }

    private static func timed(_ name: String, layers: Int, text: String) throws -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let network = try CNNTextReader.network(from: text, source: name)
        let read = clock.now - start
        let report = try Analyzer().analyze(network)
        let total = clock.now - start
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        return """
            {"benchmark":"\(name)","layers":\(layers),"readSeconds":\(seconds(read)),"totalSeconds":\(seconds(total)),\
            "parameters":\(report.totals.parameters)}
            """
    }
}
