/// An HTTP request as the service sees it, whatever server received it: the method, the path,
/// the query's items (percent-decoded), the headers and the whole body.
///
/// The socket layer builds one per request after reading the body within
/// ``ServerConfiguration/maximumBodyBytes``; tests build them directly, with no socket.
public struct ServerRequest: Sendable {
    /// One `name=value` item of the query, decoded.
    public struct QueryItem: Hashable, Sendable {
        /// The name, decoded.
        public var name: String
        /// The value, decoded; empty for an item written without `=`.
        public var value: String

        /// Creates an item.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The method, in capitals: `GET`, `POST`, ...
    public var method: String
    /// The path, without the query: `/api/analyze`.
    public var path: String
    /// The query's items, in order.
    public var query: [QueryItem]
    /// The headers, by lowercased name.
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]

    /// Creates a request from its parts.
    public init(method: String, path: String, query: [QueryItem] = [], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// Creates a request from its target as sent (`/api/analyze?name=net.cnn&batch=8`).
    ///
    /// - Throws: ``ServerError`` with status 400 for a query that is not valid percent-encoded UTF-8.
    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) throws(ServerError) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = try Self.decoded(String(parts[0]), plusIsSpace: false)
        var items: [QueryItem] = []
        if parts.count == 2 {
            for written in parts[1].split(separator: "&") where !written.isEmpty {
                let pair = written.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try Self.decoded(String(pair[0]), plusIsSpace: true)
                let value = pair.count == 2 ? try Self.decoded(String(pair[1]), plusIsSpace: true) : ""
                items.append(QueryItem(name: name, value: value))
            }
        }
        self.init(method: method, path: path, query: items, headers: headers, body: body)
    }

    /// The values of the query items named `name`, in order.
    public func values(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// Whether the client would rather read HTML than JSON (a browser navigating, not a script).
    public var prefersHTML: Bool {
        guard let accept = headers["accept"] else { return false }
        return accept.contains("text/html")
    }

    /// `text` with `%XX` escapes (and `+`, in a query) decoded.
    static func decoded(_ text: String, plusIsSpace: Bool) throws(ServerError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw ServerError(400, "the request target '\(text.prefix(200))' has a % not followed by two hexadecimal digits",
                                      fix: "percent-encode the query's values (encodeURIComponent in JavaScript)")
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ServerError(400, "the request target '\(text.prefix(200))' does not decode to UTF-8 text",
                              fix: "percent-encode the query's values as UTF-8")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
