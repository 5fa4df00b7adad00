/// The spatial sizes of a feature map: a length; a height and a width; or a depth, a height and
/// a width. It reads like an `[Int]` (`spatial[0]`, `spatial.count`, `spatial.map`, `[24, 24]`).
///
/// The sizes are kept inline, so that a ``TensorShape`` is a plain value: copied without a
/// reference count and made without allocating (an analysis copies shapes a few times per layer).
/// A feature map has at most ``maximumCount`` spatial axes; ``init(_:)`` refuses more.
public struct SpatialSizes: RandomAccessCollection, MutableCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The most spatial axes a feature map has: 3 (depth, height, width).
    public static let maximumCount = 3

    /// The number of sizes.
    public private(set) var count: Int = 0
    private var sizes: (Int, Int, Int) = (0, 0, 0)

    /// Sizes in order.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.shape` for more than ``maximumCount`` sizes.
    public init(_ sizes: some Sequence<Int>) throws(CNNCalcError) {
        for size in sizes {
            guard count < Self.maximumCount else {
                let all = Array(sizes)
                throw CNNCalcError(
                    .shape, "a feature map has at most 3 spatial axes, but \(all.map(String.init).joined(separator: "x")) has \(all.count)",
                    fix: "keep at most 3 spatial axes and the channels")
            }
            append(size)
        }
    }

    /// Sizes of another shape's axes, at most ``maximumCount`` of them by construction.
    init(axesOf sizes: some Sequence<Int>) {
        for size in sizes.prefix(Self.maximumCount) { append(size) }
    }

    /// Sizes in order, written as an array literal of at most ``maximumCount`` sizes.
    public init(arrayLiteral sizes: Int...) {
        precondition(sizes.count <= Self.maximumCount, "a feature map has at most 3 spatial axes, not \(sizes.count)")
        for size in sizes { append(size) }
    }

    private mutating func append(_ size: Int) {
        switch count {
        case 0: sizes.0 = size
        case 1: sizes.1 = size
        default: sizes.2 = size
        }
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The size of axis `index`; out of range traps, as an array's subscript does.
    public subscript(index: Int) -> Int {
        get {
            precondition(index >= 0 && index < count, "spatial axis \(index) out of range 0..<\(count)")
            return index == 0 ? sizes.0 : index == 1 ? sizes.1 : sizes.2
        }
        set {
            precondition(index >= 0 && index < count, "spatial axis \(index) out of range 0..<\(count)")
            switch index {
            case 0: sizes.0 = newValue
            case 1: sizes.1 = newValue
            default: sizes.2 = newValue
            }
        }
    }

    public static func == (lhs: SpatialSizes, rhs: SpatialSizes) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for size in self { hasher.combine(size) }
    }

    /// The sizes as an array's description would show them: `[24, 24]`.
    public var description: String { Array(self).description }
}
