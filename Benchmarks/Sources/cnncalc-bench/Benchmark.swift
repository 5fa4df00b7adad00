import AllocationCounter
import CNNCalc
import Foundation

/// The benchmarks, each printing one JSON object.
enum Benchmark {
    static let names = ["analyze", "sweep", "sequential", "distinct", "dag"]

    /// Runs the benchmark `name`.
    static func run(_ name: String, _ arguments: [String]) throws -> String? {
        switch name {
        case "analyze": try analyzeFile(arguments)
        case "sweep": try sweep(arguments)
        case "sequential": try sequential(arguments)
        case "distinct": try distinct(arguments)
        case "dag": try dag(arguments)
        default: nil
        }
    }

    /// Times `body` `repetitions` times and returns the median wall seconds per run, the median
    /// CPU seconds of the thread per run (what the run costs when other processes share the cores:
    /// the time it waits for a core is not counted) and the allocations per run.
    static func measure(
        repetitions: Int, _ body: () throws -> Void
    ) rethrows -> (median: Double, cpu: Double, allocations: Double) {
        var seconds: [Double] = []
        var cpuSeconds: [Double] = []
        let clock = ContinuousClock()
        let before = cnncalc_allocation_count()
        for _ in 0..<repetitions {
            let start = clock.now
            let cpuStart = cpuTime(CLOCK_THREAD_CPUTIME_ID)
            try body()
            cpuSeconds.append(cpuTime(CLOCK_THREAD_CPUTIME_ID) - cpuStart)
            seconds.append(Self.seconds(clock.now - start))
        }
        let allocations = Double(cnncalc_allocation_count() - before) / Double(repetitions)
        seconds.sort()
        cpuSeconds.sort()
        return (seconds[seconds.count / 2], cpuSeconds[cpuSeconds.count / 2], allocations)
    }

    /// The CPU time of `clock` (the thread's or the process's) in seconds.
    static func cpuTime(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The process's peak resident memory so far, in MiB.
    static var peakMiB: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// `analyze <file.cnn>`: full analyses (every layer's report, with receptive fields) of an
    /// already-read network per second, on one core, and the heap allocations each one makes.
    static func analyzeFile(_ arguments: [String]) throws -> String {
        guard let path = arguments.first else { throw CNNCalcError(.input, "give a .cnn file") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let network = try CNNTextReader.network(from: text, source: path)
        let analyzer = Analyzer()
        var report = try analyzer.analyze(network)
        // Batches of analyses, timed one batch at a time.
        let batch = 200
        let (median, cpu, allocations) = try measure(repetitions: 25) {
            for _ in 0..<batch { report = try analyzer.analyze(network) }
        }
        let perSecond = Double(batch) / median
        let perCPUSecond = Double(batch) / cpu
        return """
            {"benchmark":"analyze","file":"\(path)","layers":\(network.layers.count),"analysesPerSecond":\(Int(perSecond)),\
            "analysesPerCPUSecond":\(Int(perCPUSecond)),"layerAnalysesPerCPUSecond":\(Int(perCPUSecond * Double(network.layers.count))),\
            "allocationsPerAnalysis":\(allocations / Double(batch)),\
            "parameters":\(report.totals.parameters)}
            """
    }

    /// `sweep <file.cnn>`: a width sweep as a search loop runs it, with the API made for it: the
    /// network read once, then for each of 8 width multipliers a variant with every convolution's
    /// filters scaled (``Network/replacingKinds(_:)``, which keeps the resolved wiring) and analysed. Reports variants per second and allocations per variant.
    static func sweep(_ arguments: [String]) throws -> String {
        guard let path = arguments.first else { throw CNNCalcError(.input, "give a .cnn file") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let network = try CNNTextReader.network(from: text, source: path)
        let analyzer = Analyzer()
        let multipliers = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
        var parameters: [Int] = []
        func variant(_ multiplier: Double) throws -> Network {
            try network.replacingKinds { layer in
                switch layer.kind {
                case .convolution(var convolution):
                    convolution.filters = max(1, Int((Double(convolution.filters) * multiplier).rounded()))
                    return .convolution(convolution)
                default:
                    return layer.kind
                }
            }
        }
        let batch = 25
        let (median, cpu, allocations) = try measure(repetitions: 25) {
            parameters.removeAll(keepingCapacity: true)
            for _ in 0..<batch {
                for multiplier in multipliers {
                    parameters.append(try analyzer.analyze(try variant(multiplier)).totals.parameters)
                }
            }
        }
        let variants = Double(batch * multipliers.count)
        return """
            {"benchmark":"sweep","file":"\(path)","variantsPerSecond":\(Int(variants / median)),"variantsPerCPUSecond":\(Int(variants / cpu)),\
            "allocationsPerVariant":\(allocations / variants),"parameters":[\(parameters.prefix(multipliers.count).map(String.init).joined(separator: ","))]}
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

    /// `distinct <layers>`: a chain of dense and dropout layers in which no two lines are the same
    /// text (widths and rates vary), so the reader cannot reuse a statement it has read before.
    static func distinct(_ arguments: [String]) throws -> String {
        let count = Int(arguments.first ?? "") ?? 10_000
        var text = "input 16\n"
        text.reserveCapacity(count * 16)
        for index in 0..<count {
            text += index % 2 == 0 ? "dense \(16 + (index / 2) % 100_000)\n" : "dropout 0.1\(index)\n"
        }
        return try timed("distinct", layers: count + 1, text: text)
    }

    /// `dag <nodes>`: blocks of a convolution and a ReLU side by side, merged by an add, then a
    /// convolution: a merge every four nodes.
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
        let cpuStart = cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        let network = try CNNTextReader.network(from: text, source: name)
        let read = clock.now - start
        let readCPU = cpuTime(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
        let report = try Analyzer().analyze(network)
        let total = clock.now - start
        let totalCPU = cpuTime(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
        return """
            {"benchmark":"\(name)","layers":\(layers),"readSeconds":\(seconds(read)),"totalSeconds":\(seconds(total)),\
            "readCPUSeconds":\(readCPU),"totalCPUSeconds":\(totalCPU),\
            "peakMiB":\(peakMiB),"parameters":\(report.totals.parameters)}
            """
    }
}
