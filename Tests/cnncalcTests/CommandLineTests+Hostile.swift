import CNNCalcTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile inputs at the command line: each ends with one error line and exit status 1, at once,
/// never a hang, a crash, or memory in proportion to what the input claims.
extension CommandLineTests {
    /// A folder of its own, for files that are not regular files.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnncalc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `cnncalc` with standard input left open (nothing written, never closed) or taken from `stdinPath`.
    func runWithOpenInput(_ arguments: [String], stdinPath: String? = nil) throws -> (result: Result, seconds: Double) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try stdinPath.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? input
        let start = Date()
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try input.fileHandleForWriting.close()
        return (Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                       stderr: String(decoding: stderrData, as: UTF8.self)), seconds)
    }

    @Test(arguments: ["net.cnn", "model.onnx", "model.keras", "layers.m", "mnist.py", "model.txt"])
    func fifoIsRefusedWithoutWaitingForAWriter(name: String) throws {
        let fifo = try temporaryFolder().appendingPathComponent(name)
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try run([fifo.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let kind = name.hasSuffix(".onnx") ? "an .onnx file" : name.hasSuffix(".keras") ? "a .keras file" : "a .cnn file"
        #expect(result.stderr == "error: \(fifo.path) is not a regular file; give \(kind), or '-' to read standard input\n")
    }

    @Test(arguments: ["model.onnx", "model.keras"])
    func directoryNamedLikeAModelIsRefused(name: String) throws {
        let folder = try temporaryFolder().appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try run([folder.path])
        #expect(result.status == 1)
        let kind = name.hasSuffix(".onnx") ? "an .onnx file" : "a .keras file"
        #expect(result.stderr == "error: \(folder.path) is a directory; give \(kind) inside it\n")
    }

    @Test func endlessDeviceIsRefusedByItsType() throws {
        let result = try run(["/dev/zero"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: /dev/zero is not a regular file; give a .cnn file, or '-' to read standard input\n")
        let link = try temporaryFolder().appendingPathComponent("zero.onnx")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        let onnx = try run([link.path])
        #expect(onnx.status == 1)
        #expect(onnx.stderr == "error: \(link.path) is not a regular file; give an .onnx file, or '-' to read standard input\n")
    }

    @Test func endlessStandardInputStopsAtTheLimit() throws {
        let (result, seconds) = try runWithOpenInput(["-", "--max-file-size", "1M"], stdinPath: "/dev/zero")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: standard input is more than the 1048576-byte limit (--max-file-size); "
            + "check that this is the network file you meant, or raise --max-file-size\n")
        #expect(seconds < 30)
    }

    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let file = try temporaryFile("net.cnn", contents: Data(("input 28x28x1\n" + String(repeating: "# padding\n", count: 200)).utf8))
        let result = try run([file.path, "--max-file-size", "1K"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file.path) is 2014 bytes, more than the 1024-byte limit (--max-file-size); "
            + "check that this is the network file you meant, or raise --max-file-size\n")
        #expect(try run([file.path, "--max-file-size", "2KiB"]).status == 0)
        let onnx = try run([Self.onnxFixtures.appendingPathComponent("plain_cnn.onnx").path, "--max-file-size", "1k"])
        #expect(onnx.status == 1)
        #expect(onnx.stderr.hasSuffix("bytes, more than the 1024-byte limit (--max-file-size); check that this is the network file you meant, or raise --max-file-size\n"))
    }

    @Test(arguments: ["0", "-5", "12Q", "", "99999999999T"])
    func maxFileSizeNeedsAPositiveSize(value: String) throws {
        let result = try run(["-e", "input 8", "--max-file-size", value])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-file-size"))
    }

    @Test func timeoutStopsARunThatWaitsForever() throws {
        // Standard input that never ends and never closes: the read waits until the clock runs out.
        let (result, seconds) = try runWithOpenInput(["-", "--timeout", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: the run took longer than 1 second and was stopped; raise --timeout, or give a smaller model\n")
        #expect(seconds >= 1 && seconds < 30)
    }

    @Test func timeoutIsAWholeNumberOfSecondsOrMore() throws {
        #expect(try run(["-e", "input 8; dense 2", "--timeout", "-1"]).status == 2)
        #expect(try run(["-e", "input 8; dense 2", "--timeout", "nan"]).status == 2)
        let none = try run(["-e", "input 8; dense 2", "--timeout", "0"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("Total parameters"))
        let diff = try run(["diff", "zoo:lenet5", "zoo:lenet5", "--timeout", "30"])
        #expect(diff.status == 0)
    }

    /// A 10 MB line in every text format is one short error. A debug build takes tens of seconds
    /// on the longest (every reader walks the line character by character), so the clock is off.
    @Test(arguments: [
        ("net.cnn", "input 8\n", ":2:1: unknown layer kind '9999999999999999999999999999999999999999...' (10000000 characters); the kinds are "),
        ("layers.m", "layers = [imageInputLayer([8 8 1]) ", ":1:36: the number '9999999999999999999999999999999999999999...' (10000000 characters) is too large; check it for a typo\n"),
        ("mnist.py", "import lasagne\nl = lasagne.layers.InputLayer((None, 1, 8, 8))\nx = ", ":3:5: 9999999999999999999999999999999999999999... (10000000 digits) is larger than 10^12, the largest size CNNCalc accepts\n"),
        ("model.txt", "Net(\n  (fc): Linear(in_features=8, out_features=", ":2:15: fc (Linear) opens 1 more '(' than this line closes; "),
        ("model.json", "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"", ": the JSON text: the file is not valid JSON (it may be truncated); export the model again with model.to_json() or model.save('model.keras')\n"),
    ])
    func tenMegabyteLineIsOneShortError(name: String, head: String, expected: String) throws {
        let file = try temporaryFile(name, contents: Data((head + String(repeating: "9", count: 10_000_000) + "\n").utf8))
        let result = try run([file.path, "--timeout", "0"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: \(file.path)\(expected)"))
        #expect(result.stderr.utf8.count < 1000)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test(arguments: ["layers.m", "mnist.py", "model.txt"])
    func invalidUTF8IsRefusedInEveryTextFormat(name: String) throws {
        let file = try temporaryFile(name, contents: Data([0x69, 0x6E, 0xE9, 0x0A, 0xC3, 0x28]))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file.path) is not valid UTF-8 text; save the file as UTF-8\n")
    }

    @Test func invalidUTF8InKerasJSONIsNotJSON() throws {
        let file = try temporaryFile("model.json", contents: Data([0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D]))
        let result = try run([file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file.path): the JSON text: the file is not valid JSON (it may be truncated); "
            + "export the model again with model.to_json() or model.save('model.keras')\n")
    }

    @Test func zipBombKerasFileIsRefusedWithoutInflating() throws {
        let bomb = Fixtures.directory.appendingPathComponent("hostile/keras_bomb.keras").path
        let result = try run([bomb])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(bomb): config.json unpacks to more than the 67108864-byte limit; check that this is the model you meant\n")
    }
}

/// Sizes of 2^62, sizes whose product overflows 64 bits, negative and zero sizes, and cycles, in each text format.
extension CommandLineTests {
    struct HostileText: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var expected: String
        var testDescription: String { name }
    }

    static let hostileTexts: [HostileText] = [
        .init(name: ".cnn 2^62", arguments: ["-e", "input 4611686018427387904x1"], expected: "error: -e:1:7: the input shape '4611686018427387904x1' is too large; the limit is 1,000,000,000,000\n"),
        .init(name: ".cnn product", arguments: ["-e", "input 1000000x1000000x1000000; flatten"], expected: "error: -e:1:32: flatten1: the output 1000000000000000000 has an axis of 1000000000000000000, larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; fix: check the sizes for a typo; no real network is this large\n"),
        .init(name: ".cnn negative", arguments: ["-e", "input -3x8"], expected: "error: -e:1:7: expected a positive whole number, or one per axis joined by 'x', for the input shape, found '-3x8'; write e.g. 'input 28x28x1' or 'input 1x28x28 layout=chw'\n"),
        .init(name: ".cnn zero", arguments: ["-e", "input 0x8"], expected: "error: -e:1:7: expected a positive whole number, or one per axis joined by 'x', for the input shape, found '0x8'; write e.g. 'input 28x28x1' or 'input 1x28x28 layout=chw'\n"),
        .init(name: ".cnn cycle", arguments: ["-e", "input 8; a: dense 4 inputs=b; b: dense 4 inputs=a"], expected: "error: -e:1:10: a: the layers a -> b -> a form a cycle; data must flow one way; change the inputs= of one of these layers\n"),
        .init(name: "MATLAB 2^62", arguments: ["-e", "layers = [imageInputLayer([2^62 1 1]) fullyConnectedLayer(2)]"], expected: "error: -e:1:27: imageInputLayer: inputSize 4.611686018427388e+18 is larger than 1,000,000,000,000, the largest size CNNCalc reads; check it for a typo\n"),
        .init(name: "MATLAB product", arguments: ["-e", "layers = [imageInputLayer([1e6 1e6 1e6]) fullyConnectedLayer(1e6)]"], expected: "error: -e:1:42: fc: the MAC count is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; fix: check the sizes for a typo; no real network is this large\n"),
        .init(name: "MATLAB negative", arguments: ["-e", "layers = [imageInputLayer([-3 8 1]) fullyConnectedLayer(2)]"], expected: "error: -e:1:27: imageInputLayer: inputSize must be a positive whole number or a vector of 3, found [-3 8 1]; write e.g. imageInputLayer([28 28 1])\n"),
        .init(name: "MATLAB zero", arguments: ["-e", "layers = [imageInputLayer([0 8 1]) fullyConnectedLayer(2)]"], expected: "error: -e:1:27: imageInputLayer: inputSize must be a positive whole number or a vector of 3, found [0 8 1]; write e.g. imageInputLayer([28 28 1])\n"),
        .init(name: "MATLAB cycle", arguments: ["-e", "lg = layerGraph([featureInputLayer(4, 'Name', 'x') additionLayer(2, 'Name', 'a') fullyConnectedLayer(4, 'Name', 'f')]); lg = connectLayers(lg, 'f', 'a/in2');"], expected: "error: -e:1:52: a: the layers a -> f -> a form a cycle; data must flow one way; change the inputs= of one of these layers\n"),
        .init(name: "Lasagne 2^62", arguments: ["-e", "import lasagne\nl = lasagne.layers.InputLayer((None, 2**62))\nl = lasagne.layers.DenseLayer(l, 2)"], expected: "error: -e:2:5: input0: the output 4611686018427387904 has an axis of 4611686018427387904, larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; fix: check the sizes for a typo; no real network is this large\n"),
        .init(name: "Lasagne product", arguments: ["-e", "import lasagne\nl = lasagne.layers.InputLayer((None, 10**6, 10**6, 10**6))\nl = lasagne.layers.DenseLayer(l, 10**6)"], expected: "error: -e:3:5: dense1: the MAC count is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; fix: check the sizes for a typo; no real network is this large\n"),
        .init(name: "Lasagne negative", arguments: ["-e", "import lasagne\nl = lasagne.layers.InputLayer((None, -3))\nl = lasagne.layers.DenseLayer(l, 2)"], expected: "error: -e:2:5: input0: InputLayer shape (None, -3) has -3 on axis 1; CNNCalc needs every size but the batch; give a size of 1 or more\n"),
        .init(name: "Lasagne zero", arguments: ["-e", "import lasagne\nl = lasagne.layers.InputLayer((None, 0))\nl = lasagne.layers.DenseLayer(l, 2)"], expected: "error: -e:2:5: input0: InputLayer shape (None, 0) has 0 on axis 1; CNNCalc needs every size but the batch; give a size of 1 or more\n"),
        .init(name: "PyTorch 2^62", arguments: ["-e", "Net(\n  (fc): Linear(in_features=4611686018427387904, out_features=2, bias=True)\n)", "--input", "8"], expected: """
            error: -e:2:16: fc: receives 8 features (the 8 output of input), declared in_features=4611686018427387904; fix: set in_features=8
            error: -e:2:9: fc: the MAC count is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; fix: check the sizes for a typo; no real network is this large
            note: modules are taken in printed order, since print(model) does not show forward: a forward that branches, merges, reuses a module or calls functions between modules (F.relu, torch.cat) is not seen (read as their children in printed order: Net)
            note: the input 8 is one example, batch excluded: 8 features

            """),
        .init(name: "PyTorch product", arguments: ["-e", "Net(\n  (fc): Linear(in_features=1000000000000, out_features=1000000000000, bias=True)\n)", "--input", "1000000000000"], expected: """
            error: -e:2:9: fc: the MAC count is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; fix: check the sizes for a typo; no real network is this large
            note: modules are taken in printed order, since print(model) does not show forward: a forward that branches, merges, reuses a module or calls functions between modules (F.relu, torch.cat) is not seen (read as their children in printed order: Net)
            note: the input 1000000000000 is one example, batch excluded: 1000000000000 features

            """),
        .init(name: "PyTorch negative", arguments: ["-e", "Net(\n  (fc): Linear(in_features=-3, out_features=2, bias=True)\n)", "--input", "4"], expected: "error: -e:2:16: fc: in_features=-3 must be at least 1; write e.g. Linear(in_features=800, out_features=256)\n"),
        .init(name: "PyTorch zero", arguments: ["-e", "Net(\n  (fc): Linear(in_features=0, out_features=2, bias=True)\n)", "--input", "4"], expected: "error: -e:2:16: fc: in_features=0 must be at least 1; write e.g. Linear(in_features=800, out_features=256)\n"),
    ]

    @Test(arguments: hostileTexts)
    func hostileSizesAndGraphsAreOneError(_ hostile: HostileText) throws {
        let result = try run(hostile.arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == hostile.expected)
    }
}
