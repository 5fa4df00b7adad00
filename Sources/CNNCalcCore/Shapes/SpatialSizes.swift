/// The spatial sizes of a feature map: a length; a height and a width; or a depth, a height and
/// a width. It reads like an `[Int]` (`spatial[0]`, `spatial.count`, `spatial.map`, `[24, 24]`).
///
/// Up to three sizes are kept inline, so that a ``TensorShape`` is copied without a reference
/// count and made without allocating: an analysis copies shapes a few times per layer. More
/// sizes, which no layer makes but a caller may write, are kept in an array.
public struct SpatialSizes: RandomAccessCollection, MutableCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The number of sizes.
    public private(set) var count: Int = 0
    private var size0 = 0, size1 = 0, size2 = 0
    /// Every size, when there are more than three; `nil` otherwise.
    private var more: [Int]?

    /// Sizes in order.
    public init(_ sizes: some Sequence<Int>) {
        for size in sizes { append(size) }
    }

    /// Sizes in order, written as an array literal.
    public init(arrayLiteral sizes: Int...) {
        for size in sizes { append(size) }
    }

    private mutating func append(_ size: Int) {
        switch count {
        case 0: size0 = size
        case 1: size1 = size
        case 2: size2 = size
        case 3: more = [size0, size1, size2, size]
        default: more?.append(size)
        }
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The size of axis `index`; out of range traps, as an array's subscript does.
    public subscript(index: Int) -> Int {
        get {
            precondition(index >= 0 && index < count, "spatial axis \(index) out of range 0..<\(count)")
            if let more { return more[index] }
            return index == 0 ? size0 : index == 1 ? size1 : size2
        }
        set {
            precondition(index >= 0 && index < count, "spatial axis \(index) out of range 0..<\(count)")
            if more != nil {
                more![index] = newValue
                return
            }
            switch index {
            case 0: size0 = newValue
            case 1: size1 = newValue
            default: size2 = newValue
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
