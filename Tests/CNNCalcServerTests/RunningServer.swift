import CNNCalcTestSupport
import Foundation

/// `cnncalc serve` on a free port of the loopback address, in a process of its own, for one test.
///
/// A process of its own, not a server in the test process: the tests of the other suites run in
/// parallel and block the threads of the test process's cooperative pool for seconds at a time,
/// which would hold up a server there.
final class RunningServer: @unchecked Sendable {
    let process: Process
    let port: Int

    /// The built `cnncalc`, next to the test bundle in the build products folder.
    static let binary: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("cnncalc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/cnncalc")
    }()

    /// Starts `cnncalc serve --port 0` with `arguments` and waits for the address it prints.
    init(_ arguments: [String] = ["--timeout", "600"]) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        let deadline = Date().addingTimeInterval(120)
        while !printed.contains(UInt8(ascii: "\n")) && Date() < deadline && process.isRunning {
            printed.append(out.fileHandleForReading.availableData)
        }
        let line = String(decoding: printed, as: UTF8.self)
        guard let colon = line.range(of: "http://127.0.0.1:"), let port = Int(line[colon.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            throw CocoaError(.coderInvalidValue, userInfo: [NSDebugDescriptionErrorKey: "cnncalc serve printed: \(line)"])
        }
        self.process = process
        self.port = port
    }

    /// The address of `path` on this server.
    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Stops the server.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
