import CNNCalcServer
import FlyingFox
import FlyingSocks
import Foundation

/// The socket layer of `cnncalc serve`: FlyingFox's HTTP/1.1 server in front of ``CNNCalcService``.
///
/// It only moves bytes: each request's body is read within the service's limit (a larger one
/// is answered with status 413 without being kept), handed to the service with the method, the
/// target and the headers, and the service's response is written back.
public final class WebServer: Sendable {
    private let server: HTTPServer
    private let service: CNNCalcService

    /// A server for `service` on `host` (an IPv4 or IPv6 address, or `localhost`) and `port`
    /// (0 for any free port); it listens once ``start()`` is called.
    ///
    /// - Throws: ``ServerError`` with status 400 for a host that is not an address.
    public init(service: CNNCalcService, host: String, port: UInt16) throws {
        self.service = service
        let address: any SocketAddress
        do {
            if host == "localhost" {
                address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
            } else if host.contains(":") {
                address = try sockaddr_in6.inet6(ip6: host, port: port)
            } else {
                address = try sockaddr_in.inet(ip4: host, port: port)
            }
        } catch {
            throw ServerError(400, "--host \(host) is not an IPv4 or IPv6 address", fix: "give 127.0.0.1 (the default), ::1 or 0.0.0.0")
        }
        // FlyingFox's own time limit per request covers reading the body and the analysis; the
        // service's tighter limit on the analysis answers first.
        let seconds = Double(service.configuration.analysisTimeout.components.seconds) + 60
        server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: seconds, logger: .disabled),
            handler: Adapter(service: service))
    }

    /// Starts listening and returns once the server listens, with the task that answers until
    /// ``stop()``.
    ///
    /// - Throws: the reason the address cannot be bound (a port in use, an address this machine
    ///   does not have), as soon as binding fails.
    public func start() async throws -> Task<Void, any Error> {
        let failure = Failure()
        let task = Task { [server] in
            do {
                try await server.run()
            } catch {
                failure.set(error)
                throw error
            }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if await server.isListening { return task }
            if let error = failure.error { throw error }
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        throw ServerError(503, "the server did not start listening within 30 s")
    }

    /// The port the server listens on, once it does: the one asked for, or the one the system
    /// chose for port 0.
    public var port: UInt16? {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): port
            default: nil
            }
        }
    }

    /// Stops listening and closes the connections.
    public func stop() async {
        await server.stop()
    }
}

/// The error a server's task ended with, read by the task that waits for it to listen.
private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }

    func set(_ error: any Error) { lock.withLock { stored = error } }
}

/// Turns FlyingFox's requests into the service's and its responses back.
private struct Adapter: HTTPHandler {
    let service: CNNCalcService

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let headers = Dictionary(request.headers.map { ($0.key.rawValue.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let limit = service.configuration.maximumBodyBytes
        var served: ServerRequest
        do {
            served = try ServerRequest(method: request.method.rawValue, target: request.target.rawValue, headers: headers)
        } catch {
            return response(service.refusing(error, for: ServerRequest(method: request.method.rawValue, path: "/api/", headers: headers)))
        }
        if let declared = request.bodySequence.count, declared > limit {
            return response(service.bodyTooLarge(served, declaredBytes: declared))
        }
        var body: [UInt8] = []
        for try await chunk in request.bodySequence {
            body.append(contentsOf: chunk)
            if body.count > limit { return response(service.bodyTooLarge(served, declaredBytes: nil)) }
        }
        served.body = body
        return response(await service.respond(to: served))
    }

    private func response(_ answer: ServerResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: headers, body: Data(answer.body))
    }

    private static func phrase(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Content Too Large",
         422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Status"
    }
}
