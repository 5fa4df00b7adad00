import CNNCalcHTTP
import CNNCalcServer
import Foundation

/// A ``WebServer`` on a free port of the loopback address, for one test.
final class RunningServer: Sendable {
    let server: WebServer
    let port: UInt16
    private let task: Task<Void, any Error>

    /// Starts a server for `service` and waits until it listens.
    init(_ service: CNNCalcService = ServiceTests.service) async throws {
        let server = try WebServer(service: service, host: "127.0.0.1", port: 0)
        task = try await server.start()
        guard let port = await server.port else { throw CocoaError(.coderInvalidValue) }
        self.server = server
        self.port = port
    }

    /// The address of `path` on this server.
    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Stops the server.
    func stop() async {
        await server.stop()
        task.cancel()
    }
}
