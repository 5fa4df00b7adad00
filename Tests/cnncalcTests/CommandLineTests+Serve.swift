import CNNCalcTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `cnncalc serve` as a user starts it: the command prints its address, the page and the API
/// answer there, and the report is the one `cnncalc --format json` prints.
extension CommandLineTests {
    /// Starts `cnncalc serve` with `arguments` and returns the process and the address it printed.
    func startServer(_ arguments: [String]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains(UInt8(ascii: "\n")) && Date() < deadline && process.isRunning {
            printed.append(out.fileHandleForReading.availableData)
        }
        let line = String(decoding: printed, as: UTF8.self)
        guard let start = line.range(of: "http://"), let end = line[start.lowerBound...].firstIndex(of: " "),
              let url = URL(string: String(line[start.lowerBound..<end])) else {
            process.terminate()
            throw CocoaError(.coderInvalidValue, userInfo: [NSDebugDescriptionErrorKey: "cnncalc serve printed: \(line)"])
        }
        return (process, url)
    }

    @Test func serveAnswersWithTheReportTheCommandPrints() async throws {
        let (process, address) = try startServer(["--port", "0", "--timeout", "600"])
        defer { process.terminate(); process.waitUntilExit() }
        #expect(address.host == "127.0.0.1")
        let (page, pageResponse) = try await URLSession.shared.data(from: address)
        #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("<textarea id=\"editor\""))

        let file = Fixtures.directory.appendingPathComponent("onnx/residual_bn.onnx")
        var request = URLRequest(url: address.appendingPathComponent("api/analyze"))
        request.url = URL(string: address.absoluteString + "api/analyze?name=residual_bn.onnx&batch=4&layout=hwc")
        request.httpMethod = "POST"
        request.httpBody = try Data(contentsOf: file)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let served = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        let printed = try run([file.path, "--format", "json", "--batch", "4", "--layout", "hwc"])
        #expect(printed.status == 0)
        #expect(served["report"] == (try JSONValue.parse(printed.stdout)))
        let table = try run([file.path, "--batch", "4", "--layout", "hwc"])
        #expect(served["table"]?.stringValue == table.stdout)
    }

    @Test func serveRefusesAPortInUseAndBadOptions() throws {
        let (process, address) = try startServer(["--port", "0"])
        defer { process.terminate(); process.waitUntilExit() }
        let taken = try run(["serve", "--port", String(address.port ?? 0)])
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("cannot listen on 127.0.0.1 port \(address.port ?? 0)"))
        let badHost = try run(["serve", "--host", "my.machine"])
        #expect(badHost.status == 2)
        #expect(badHost.stderr.contains("--host my.machine is not an IPv4 or IPv6 address"))
        let badPort = try run(["serve", "--port", "70000"])
        #expect(badPort.status == 2)
    }
}

/// `cnncalc serve` runs `cnncalc-serve` from its own folder; without it, it says how to build it.
extension CommandLineTests {
    @Test func serveWithoutTheServerBesideItSaysHowToBuildIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnncalc-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("cnncalc")
        try FileManager.default.copyItem(at: Self.binary, to: alone)
        let result = try run(["serve", "--port", "0"], executable: alone.path)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: cnncalc serve runs cnncalc-serve, and there is none beside this cnncalc (\(folder.path)/cnncalc-serve); build it: swift build --product cnncalc-serve (or swift build, which builds both), in the same configuration\n")
    }

    @Test func serveHelpIsTheServersOwn() throws {
        let result = try run(["serve", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: cnncalc serve [--host <host>] [--port <port>] [--max-body <max-body>] [--timeout <timeout>]"))
    }
}
