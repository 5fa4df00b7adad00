import CNNCalc
import CNNCalcServer
import CNNCalcTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The socket layer, in `cnncalc serve`: the same answers over HTTP on the loopback address, the body limit kept
/// while reading, and a server that survives what is not HTTP.
@Suite(.serialized) struct WebServerTests {
    static func exchange(_ request: URLRequest) async throws -> (Int, String, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http)
    }

    @Test func answersAsTheServiceDoes() async throws {
        let running = try RunningServer()
        defer { running.stop() }
        let (status, text, _) = try await Self.exchange(URLRequest(url: running.url("/api/health")))
        #expect(status == 200 && text == "{\"status\":\"ok\"}\n")
        var post = URLRequest(url: running.url("/api/analyze?name=net.cnn&convention=pytorch"))
        post.httpMethod = "POST"
        post.httpBody = Data("input 1x28x28 layout=chw\nconv 32 5\nbatchnorm\ndense 10\n".utf8)
        let (analysed, body, response) = try await Self.exchange(post)
        #expect(analysed == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=utf-8")
        let direct = await ServiceTests.service.respond(to: try ServerRequest(
            method: "POST", target: "/api/analyze?name=net.cnn&convention=pytorch", body: Array(post.httpBody!)))
        #expect(body == direct.text)
        let (page, html, _) = try await Self.exchange(URLRequest(url: running.url("/")))
        #expect(page == 200 && html.contains("<textarea id=\"editor\""))
    }

    @Test func bodyOverTheLimitIsRefusedWhileReading() async throws {
        let running = try RunningServer(["--max-body", "1", "--timeout", "600"])
        defer { running.stop() }
        var post = URLRequest(url: running.url("/api/analyze?name=net.cnn"))
        post.httpMethod = "POST"
        post.httpBody = Data(repeating: UInt8(ascii: "#"), count: 3_000_000)
        let (status, text, _) = try await Self.exchange(post)
        #expect(status == 413)
        #expect(text.contains("the request body is 3000000 bytes; the server reads at most 1048576 bytes"))
        let (after, _, _) = try await Self.exchange(URLRequest(url: running.url("/api/health")))
        #expect(after == 200)
    }

    @Test(arguments: [
        "NOT HTTP AT ALL\r\n\r\n", "GET /api/health HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "\u{0}\u{1}\u{2}\r\n\r\n",
        "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ninput 28", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
    ])
    func garbageOnTheSocketLeavesTheServerRunning(_ garbage: String) async throws {
        let running = try RunningServer()
        defer { running.stop() }
        try Self.sendRaw(garbage, port: UInt16(running.port))
        let (status, _, _) = try await Self.exchange(URLRequest(url: running.url("/api/health")))
        #expect(status == 200)
    }

    /// Writes `text` on a new connection and closes it after at most a second.
    static func sendRaw(_ text: String, port: UInt16) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        shutdown(descriptor, Int32(SHUT_WR))
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = recv(descriptor, &buffer, buffer.count, 0)
    }
}
