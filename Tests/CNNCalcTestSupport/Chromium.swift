import Foundation
import Testing

/// Headless Chromium, for tests that render the HTML and SVG reports the way a browser does.
///
/// Found as `$CNNCALC_CHROMIUM`, else as `chromium`, `chromium-browser`, `google-chrome` or
/// `google-chrome-stable` on the `PATH`. CI installs Debian's `chromium`; where it is missing the
/// tests that need it are skipped with ``unavailableReason``, unless `CNNCALC_REQUIRE_CHROMIUM=1`
/// says it must be there (CI sets it, so that a failed install cannot pass as a skip).
public enum Chromium {
    /// The browser's executable, or `nil` when none is installed.
    public static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CNNCALC_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }()

    /// Whether the browser tests can run.
    public static var isAvailable: Bool { executable != nil }

    /// Whether the environment says the browser must be installed (`CNNCALC_REQUIRE_CHROMIUM=1`).
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CNNCALC_REQUIRE_CHROMIUM"] == "1" }

    /// Why the browser tests are skipped.
    public static let unavailableReason: Comment =
        "Chromium is not installed (apt-get install chromium, or set CNNCALC_CHROMIUM): the browser rendering tests are skipped"

    /// What a run printed.
    public struct Output: Sendable {
        /// Standard output: the DOM with `--dump-dom`.
        public var stdout: String
        /// Standard error, with the page's console messages (`--enable-logging=stderr`).
        public var stderr: String
    }

    /// A browser failure: it could not start, timed out, or wrote no screenshot.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The DOM of the page at `file` (with `#fragment`, when given) after its scripts ran, and the console.
    public static func dumpDOM(of file: URL, fragment: String? = nil) throws -> Output {
        let address = file.absoluteString + (fragment.map { "#" + $0 } ?? "")
        return try run(["--dump-dom", address])
    }

    /// The DOM of the page at `address` (a served page) once its scripts have had
    /// `milliseconds` of virtual time, which does not pass while a request is pending, and the console.
    public static func dumpDOM(of address: URL, virtualTime milliseconds: Int) throws -> Output {
        try run(["--virtual-time-budget=\(milliseconds)", "--dump-dom", address.absoluteString])
    }

    /// A screenshot of the page at `file` in a window of `width` x `height` pixels; with
    /// `virtualTime`, taken once the page's scripts have had that many milliseconds of virtual time.
    public static func screenshot(of file: URL, width: Int, height: Int, virtualTime: Int? = nil) throws -> PNGImage {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("screenshot.png")
        let budget = virtualTime.map { ["--virtual-time-budget=\($0)"] } ?? []
        let output = try run(budget + ["--screenshot=\(target.path)", "--window-size=\(width),\(height)", file.absoluteString])
        guard let data = try? Data(contentsOf: target) else {
            throw Failure(description: "Chromium wrote no screenshot; it said:\n\(output.stderr.suffix(2000))")
        }
        return try PNGImage(data: data)
    }

    /// A new empty folder for files a test hands to the browser.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnncalc-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs the browser headless with `arguments`, in a profile of its own, for at most `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval = 90) throws -> Output {
        guard let executable else { throw Failure(description: "Chromium is not installed") }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdoutURL = folder.appendingPathComponent("stdout"), stderrURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
        ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "Chromium did not finish within \(Int(timeout)) s: \(arguments.joined(separator: " "))")
        }
        return Output(
            stdout: String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self))
    }
}
