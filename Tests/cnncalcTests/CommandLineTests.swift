import CNNCalcTestSupport
import Foundation
import Testing

/// Runs the built `cnncalc` binary and checks what a user sees: stdout, stderr and the exit status.
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        // The test bundle sits in the build products folder, next to the executable.
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("cnncalc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/cnncalc")
    }()

    func run(_ arguments: [String], stdin: String? = nil, environment overrides: [String: String] = [:], executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "80"
        environment.merge(overrides) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func temporaryFile(_ name: String, contents: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnncalc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url
    }

    @Test func noArgumentsAnalysesTheBuiltInExample() throws {
        let result = try run([])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "no-arguments.stdout.txt")
        #expect(result.stderr.contains("This is the built-in example"))
        #expect(result.stderr.contains("cnncalc net.cnn"))
    }

    @Test func expression() throws {
        let result = try run(["-e", "input 28x28x1; conv 32 5; maxpool 2; conv 32 3; maxpool 2; dense 256; dense 10"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("Total parameters:           217,706"))
        #expect(result.stdout.contains("24x24x32"))
    }

    @Test func fileAndExplain() throws {
        let file = try temporaryFile("net.cnn", contents: Data("input 50x50x2\nconv 20 5\n".utf8))
        let result = try run([file.path, "--explain"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("height: (50 - 5)/1 + 1 = 46"))
        #expect(result.stdout.contains("total: (5*5*2+1)*20 = 1,020"))
    }

    @Test func standardInput() throws {
        let result = try run(["-", "--format", "json"], stdin: "input 50x50x2; conv 20 5")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["totals"] as? [String: Any])?["parameters"] as? Int == 1020)
    }

    @Test func layoutOption() throws {
        let result = try run(["-e", "input 50x50x2; conv 20 5", "--layout", "chw"])
        #expect(result.stdout.contains("20x46x46"))
    }

    @Test func singleConvolution() throws {
        let result = try run(["conv", "--input", "50x50x2", "--filters", "20", "--kernel", "5"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("conv on 50x50x2: 46x46x20, (5*5*2+1)*20 = 1,020 parameters\n"))
        expectGolden(result.stdout, named: "conv.stdout.txt")
    }

    @Test func singleConvolutionThatDoesNotFit() throws {
        let result = try run(["conv", "--input", "3x3x1", "--filters", "8", "--kernel", "5"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: conv: kernel 5x5 does not fit the 3x3 input (padding 0); use padding=same or a kernel of at most 3\n")
    }

    @Test func singlePoolingAndDense() throws {
        let pool = try run(["pool", "--input", "24x24x32", "--size", "2"])
        #expect(pool.stdout.hasPrefix("maxpool on 24x24x32: 12x12x32, 0 parameters\n"))
        let dense = try run(["dense", "--input", "32x5x5", "--layout", "chw", "--units", "256"])
        #expect(dense.stdout.hasPrefix("dense on 32x5x5: 256, (32*5*5+1)*256 = 205,056 parameters\n"))
    }

    @Test func missingFile() throws {
        let result = try run(["no-such-net.cnn"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: no-such-net.cnn does not exist; check the path\n")
    }

    @Test func directoryInsteadOfFile() throws {
        let result = try run([FileManager.default.temporaryDirectory.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("is a directory; give a .cnn file inside it\n"))
    }

    @Test func binaryFile() throws {
        let file = try temporaryFile("model.bin", contents: Data([0x08, 0x00, 0xFF, 0xFE]))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path) is not a text file (it contains NUL bytes); give a .cnn text file\n")
    }

    @Test func invalidUTF8() throws {
        let file = try temporaryFile("latin1.cnn", contents: Data([0x69, 0x6E, 0xE9, 0x0A]))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file.path) is not valid UTF-8 text; save the file as UTF-8\n")
    }

    @Test func errorInTheNetworkPointsAtTheLine() throws {
        let file = try temporaryFile("net.cnn", contents: Data("input 11x11x1\nconv 8 5\nmaxpool 2\nconv 16 5\n".utf8))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path):4:1: conv2: kernel 5x5 does not fit the 3x3 input (padding 0); fix: use padding=same or a kernel of at most 3\n")
    }

    @Test func badUsageExitsWithTwo() throws {
        let unknownFormat = try run(["-e", "input 8", "--format", "xml"])
        #expect(unknownFormat.status == 2)
        #expect(unknownFormat.stdout.isEmpty)
        #expect(unknownFormat.stderr.contains("xml"))
        let both = try run(["net.cnn", "-e", "input 8"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give either a file or -e, not both"))
        let explainJSON = try run(["--explain", "--format", "json"])
        #expect(explainJSON.status == 2)
    }

    @Test func helpExitsWithZero() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }
}

extension CommandLineTests {
    @Test func singleLayerOptionsCannotSmuggleLayers() throws {
        let result = try run(["conv", "--input", "28x28x1", "--filters", "8", "--kernel", "5; dense 10"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--kernel '5; dense 10' is not a size or rule"))
    }

    // This network used to stop the process with "Illegal instruction": (10^12 - 1) * 10^12 does not fit in 64 bits.
    @Test func networkTooLargeToCountIsOneErrorLine() throws {
        let result = try run(["-e", "input 1000000000000x1; deconv 1 2 stride=1000000000000; deconv 1 2 stride=1000000000000"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: -e:1:24: deconv1: the length of the output of the 1000000000000 input at stride 1000000000000 "
            + "is larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; fix: use a smaller stride, or a smaller input\n")
    }

    // 10^12 values times a batch of 10^9 times 4 bytes is beyond 64 bits: the JSON leaves the bytes out.
    @Test func batchMemoryTooLargeToCountIsLeftOut() throws {
        let result = try run(["-e", "input 1000000000000x1x1; flatten", "--batch", "1000000000", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("\"batchSize\" : 1000000000"))
        #expect(!result.stdout.contains("outputBytes"))
        #expect(!result.stdout.contains("\"memory\""))
        let table = try run(["-e", "input 1000000000000x1x1; flatten", "--batch", "1000000000", "--macs", "torchinfo"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Memory: too large to count in 64 bits."))
    }

    @Test func expressionWithAnError() throws {
        let result = try run(["-e", "input 28x28x1; convv 32 5"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: -e:1:16: unknown layer kind 'convv'; did you mean 'conv'?\n")
    }
}

extension CommandLineTests {
    static let batchNormNet = "input 32x32x3; conv 16 3 padding=same; bn: batchnorm; relu; maxpool 2; flatten; dense 10"

    @Test func compareConventions() throws {
        let result = try run(["-e", Self.batchNormNet, "--compare"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "compare.stdout.txt")
    }

    @Test func pytorchConvention() throws {
        let result = try run(["-e", Self.batchNormNet, "--convention", "pytorch"])
        #expect(result.stdout.contains("Total parameters:            41,450"))
        #expect(result.stdout.contains("State (not parameters):          33"))
        #expect(result.stdout.contains("Counted as PyTorch counts"))
    }

    @Test func torchinfoMultAdds() throws {
        let result = try run(["--macs", "torchinfo", "--batch", "7"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Total mult-adds (torchinfo): 11,281,606"))
    }

    @Test func badBatchIsUsage() throws {
        let result = try run(["--batch", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--batch must be between 1 and 1,000,000,000"))
    }
}
