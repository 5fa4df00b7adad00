import ArgumentParser
import CNNCalc
import CNNCalcHTTP
import CNNCalcServer
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cnncalc serve`: the page and the JSON API on a local web server.
///
/// A program of its own, `cnncalc-serve`, which `cnncalc serve` runs: the web server's libraries
/// (FlyingFox, and through it FoundationNetworking and libcurl) are loaded only by it, so that every
/// other `cnncalc` command starts without them.
@main
struct ServeServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnncalc serve",
        abstract: "Serve a page to edit a .cnn network and see every shape change as you type, and its JSON API.",
        discussion: """
            Open http://127.0.0.1:8080/ in a browser. The page analyses the editor's text as you type, and any file dropped on it (ONNX, Keras, MATLAB, PyTorch text, Lasagne, .cnn), in memory: nothing is written to disk or sent anywhere else.

            The server listens on the loopback address only, unless --host says otherwise. The API is documented in Schemas/openapi.yaml.
            """
    )

    @Option(name: .long, help: "The address to listen on: 127.0.0.1 (this machine only), ::1, or 0.0.0.0 (every network: anyone who can reach this machine can use it).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .customLong("max-body"), help: "The largest request body read, in MiB.")
    var maxBody = 64

    @Option(name: .long, help: "The longest an analysis may take, in seconds.")
    var timeout = 10

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        guard (1...4_096).contains(maxBody) else { throw ValidationError("--max-body must be between 1 and 4096 MiB, not \(maxBody)") }
        guard (1...3_600).contains(timeout) else { throw ValidationError("--timeout must be between 1 and 3600 seconds, not \(timeout)") }
    }

    /// Runs the server, mapping errors to cnncalc's exit codes: 1 for input, 2 for usage.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CNNCalcError {
            printError("error: \(error)")
            terminate(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                terminate(0)
            }
            printError(fullMessage(for: error))
            terminate(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// Serves until the process is stopped, waiting here for the server's task.
    func run() throws {
        // Ctrl-C and kill stop the server even when the parent started it with them blocked.
        var stopping = sigset_t()
        sigemptyset(&stopping)
        sigaddset(&stopping, SIGINT)
        sigaddset(&stopping, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopping, nil)
        let outcome = Outcome()
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            do { try await serve() } catch { outcome.error = error }
            semaphore.signal()
        }
        semaphore.wait()
        if let error = outcome.error { throw error }
    }

    private func serve() async throws {
        let service = CNNCalcService(configuration: ServerConfiguration(
            maximumBodyBytes: maxBody * 1024 * 1024, analysisTimeout: .seconds(timeout)))
        let server: WebServer
        do {
            server = try WebServer(service: service, host: host, port: UInt16(port))
        } catch let error as ServerError {
            throw ValidationError(error.description)
        }
        let running: Task<Void, any Error>
        do {
            running = try await server.start()
        } catch {
            throw CNNCalcError(.input, "cannot listen on \(host) port \(port): \(error)",
                               fix: "choose another port with --port, or stop the program that uses it")
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        print("cnncalc serve: http://\(shown):\(await server.port ?? UInt16(port))/  (Ctrl-C stops it)")
        fflush(nil)
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            printError("note: listening on \(host): anyone who can reach this machine on that port can use the server")
        }
        try await running.value
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    let bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, bytes.count - offset) }
        if written <= 0 { return }
        offset += written
    }
}

/// Ends the process with `status`.
func terminate(_ status: Int32) -> Never {
    exit(status)
}

/// The error the server's task ended with, handed to the waiting thread.
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
