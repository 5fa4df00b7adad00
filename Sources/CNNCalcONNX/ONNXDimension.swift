/// One axis of an ONNX tensor as the reader knows it: a fixed size, a named size, or unknown.
///
/// Named sizes are the `dim_param` symbols of the graph's inputs (`batch`). A reshape that merges
/// the batch with another axis gives a multiple of it, `2*batch` (a transformer's batch times its
/// two heads), which the dynamo exporter also writes in `value_info`. A product of two different
/// symbols, or a sum that is not a multiple of one symbol, is ``unknown``.
///
/// | written | case |
/// |---|---|
/// | `32` | `.size(32)` |
/// | `batch` | `.symbol("batch", factor: 1)` |
/// | `2*batch` | `.symbol("batch", factor: 2)` |
/// | `?` | `.unknown` |
public enum ONNXDimension: Hashable, Sendable, CustomStringConvertible {
    /// A fixed size (or, for the values of a shape tensor, a fixed integer, which may be negative).
    case size(Int)
    /// A named size times a whole factor, at least 1.
    case symbol(String, factor: Int)
    /// A size the reader cannot know.
    case unknown

    /// The named size `name`, once.
    public static func named(_ name: String) -> ONNXDimension { .symbol(name, factor: 1) }

    /// `32`, `batch`, `2*batch` or `?`.
    public var description: String {
        switch self {
        case .size(let size): "\(size)"
        case .symbol(let name, let factor): factor == 1 ? name : "\(factor)*\(name)"
        case .unknown: "?"
        }
    }

    /// The fixed size, when the axis has one.
    public var fixedSize: Int? {
        if case .size(let size) = self { return size }
        return nil
    }

    /// Whether the axis is known, fixed or named.
    public var isKnown: Bool { self != .unknown }
}

extension ONNXDimension {
    /// Reads a `dim_param`: a symbol (`batch`), or a multiple of one of `symbols` as the dynamo
    /// exporter writes it (`2*batch`, `batch*2`). Sizes in `bound` replace their symbols.
    static func parse(_ text: String, symbols: Set<String>, bound: [String: Int]) -> ONNXDimension {
        if let size = bound[text] { return .size(size) }
        guard text.utf8.contains(UInt8(ascii: "*")) else { return .named(text) }
        let parts = text.split(separator: "*", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        if parts.count == 2 {
            let (first, second) = (parts[0], parts[1])
            let pair: (Int, String)? = if let factor = Int(first), symbols.contains(second) || bound[second] != nil {
                (factor, second)
            } else if let factor = Int(second), symbols.contains(first) || bound[first] != nil {
                (factor, first)
            } else {
                nil
            }
            if let (factor, name) = pair, factor >= 1 {
                if let size = bound[name] { return ONNXDimension.size(size).times(.size(factor)) }
                return .symbol(name, factor: factor)
            }
        }
        return .named(text)
    }

    /// The product; `.unknown` for two symbols, an unknown factor or an overflow.
    func times(_ other: ONNXDimension) -> ONNXDimension {
        switch (self, other) {
        case (.size(let a), .size(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .unknown : .size(product)
        case (.size(0), .symbol), (.symbol, .size(0)):
            return .size(0)
        case (.size(let a), .symbol(let name, let factor)), (.symbol(let name, let factor), .size(let a)):
            let (product, overflow) = a.multipliedReportingOverflow(by: factor)
            return overflow || product < 1 ? .unknown : .symbol(name, factor: product)
        default:
            return .unknown
        }
    }

    /// The sum; `.unknown` unless both are fixed, both multiples of one symbol, or one is 0.
    func plus(_ other: ONNXDimension) -> ONNXDimension {
        switch (self, other) {
        case (.size(let a), .size(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .unknown : .size(sum)
        case (.size(0), let value), (let value, .size(0)):
            return value
        case (.symbol(let name, let a), .symbol(let other, let b)) where name == other:
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .unknown : .symbol(name, factor: sum)
        default:
            return .unknown
        }
    }

    /// The difference; `.unknown` unless both are fixed, or multiples of one symbol, or the second is 0.
    func minus(_ other: ONNXDimension) -> ONNXDimension {
        switch (self, other) {
        case (.size(let a), .size(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            return overflow ? .unknown : .size(difference)
        case (let value, .size(0)):
            return value
        case (.symbol(let name, let a), .symbol(let other, let b)) where name == other:
            if a == b { return .size(0) }
            return a > b ? .symbol(name, factor: a - b) : .unknown
        default:
            return .unknown
        }
    }

    /// The quotient when it is exact: `2*batch / 2 = batch`, `6 / 3 = 2`; else `.unknown`.
    func exactlyDivided(by divisor: ONNXDimension) -> ONNXDimension {
        switch (self, divisor) {
        case (.size(let a), .size(let b)) where b != 0 && a % b == 0:
            return .size(a / b)
        case (.symbol(let name, let factor), .size(let b)) where b >= 1 && factor % b == 0:
            return .symbol(name, factor: factor / b)
        case (.symbol(let name, let a), .symbol(let other, let b)) where name == other && a % b == 0:
            return .size(a / b)
        default:
            return .unknown
        }
    }

    /// Integer division as ONNX's `Div` does it on integers, truncating toward zero; exact for symbols.
    func truncatingDivided(by divisor: ONNXDimension) -> ONNXDimension {
        if case .size(let a) = self, case .size(let b) = divisor {
            guard b != 0, !(a == .min && b == -1) else { return .unknown }
            return .size(a / b)
        }
        return exactlyDivided(by: divisor)
    }

    /// Whether the two are known to be equal (`true`), known to differ (`false`), or cannot be told apart (`nil`).
    ///
    /// A named size is a size, so it is at least 1: `batch` differs from 0 and from -1.
    func isEqual(to other: ONNXDimension) -> Bool? {
        switch (self, other) {
        case (.size(let a), .size(let b)):
            return a == b
        case (.symbol(let name, let a), .symbol(let other, let b)) where name == other:
            return a == b
        case (.symbol(_, let factor), .size(let value)), (.size(let value), .symbol(_, let factor)):
            return value < factor ? false : nil
        default:
            return nil
        }
    }

    /// The product of `dims`, `.size(1)` for none.
    static func product(_ dims: some Sequence<ONNXDimension>) -> ONNXDimension {
        dims.reduce(.size(1)) { $0.times($1) }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
