import ArgumentParser
import CNNCalc
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cnncalc serve`: runs `cnncalc-serve`, the web server built beside `cnncalc`, with the same arguments.
///
/// The server is a program of its own so that its libraries (FlyingFox, FoundationNetworking, libcurl)
/// are never loaded by the other commands, whose start-up they would slow.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a page to edit a .cnn network and see every shape change as you type, and its JSON API.",
        discussion: """
            Open http://127.0.0.1:8080/ in a browser. The page analyses the editor's text as you type, and any file dropped on it (ONNX, Keras, MATLAB, PyTorch text, Lasagne, .cnn), in memory: nothing is written to disk or sent anywhere else.

            Options: --host ADDRESS (default 127.0.0.1, this machine only), --port N (default 8080; 0 for any free port), --max-body MiB (default 64), --timeout SECONDS per analysis (default 10). The API is documented in Schemas/openapi.yaml.

            It runs cnncalc-serve, which swift build (or swift build --product cnncalc-serve) builds beside cnncalc.
            """,
        helpNames: []
    )

    @Argument(parsing: .captureForPassthrough, help: "--host, --port, --max-body, --timeout, --help")
    var arguments: [String] = []

    func run() throws {
        let server = Self.serverPath()
        guard access(server, X_OK) == 0 else {
            throw CNNCalcError(.input, "cnncalc serve runs cnncalc-serve, and there is none beside this cnncalc (\(server))",
                               fix: "build it: swift build --product cnncalc-serve (or swift build, which builds both), in the same configuration")
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw CNNCalcError(.input, "cannot run \(server): \(String(cString: strerror(errno)))", fix: "check that it is executable")
    }

    /// `cnncalc-serve` in the folder of the running executable.
    static func serverPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let folder = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return (folder.isEmpty ? "." : folder) + "/cnncalc-serve"
    }
}
