import AllocationCounter
import CNNCalc
import Foundation

/// `cnncalc-bench <benchmark> [arguments]`: one benchmark per run, results as one JSON line.
let arguments = CommandLine.arguments.dropFirst()
do {
    guard let name = arguments.first, let result = try Benchmark.run(name, Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data("usage: cnncalc-bench <\(Benchmark.names.joined(separator: "|"))> [arguments]\n".utf8))
        exit(2)
    }
    print(result)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
