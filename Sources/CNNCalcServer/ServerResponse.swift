/// An HTTP response as the service writes it: a status, headers and the whole body.
public struct ServerResponse: Sendable {
    /// The status code: 200, 400, 404, 405, 413, 422, 503.
    public var status: Int
    /// The headers, in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the header `name` (any case), when present.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// A JSON body.
    public static func json(_ text: String, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + commonHeaders, body: Array(text.utf8))
    }

    /// An HTML body.
    public static func html(_ text: String, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + commonHeaders, body: Array(text.utf8))
    }

    /// A plain-text or other body of type `type`.
    public static func text(_ text: String, type: String, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", type)] + commonHeaders, body: Array(text.utf8))
    }

    /// Headers on every response: nothing is cached, nothing is loaded from elsewhere, the page
    /// is not framed by another site, and a browser does not guess another content type.
    static let commonHeaders: [(name: String, value: String)] = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
    ]
}
