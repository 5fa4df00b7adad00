import CNNCalcCore

/// A receptive field's axes, one per spatial axis of the layer's output: at most three, kept
/// inline, so that a field is a plain value, made without allocating. It reads like an array of
/// ``ReceptiveFieldAxis`` (`axes[0].size`, `axes.map(\.size)`, `[axis]`).
public struct ReceptiveFieldAxes: RandomAccessCollection, MutableCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The number of axes.
    public private(set) var count = 0
    private var axes = (Self.unused, Self.unused, Self.unused)
    private static let unused = ReceptiveFieldAxis(size: 0, jump: 1, start: 0)

    /// Axes in order: one per spatial axis of a shape, so at most
    /// ``SpatialSizes/maximumCount`` by construction.
    init(_ axes: some Sequence<ReceptiveFieldAxis>) {
        for axis in axes { append(axis) }
    }

    /// Axes in order, written as an array literal of at most ``SpatialSizes/maximumCount``.
    public init(arrayLiteral axes: ReceptiveFieldAxis...) {
        self.init(axes)
    }

    /// Adds an axis after the others.
    mutating func append(_ axis: ReceptiveFieldAxis) {
        precondition(count < SpatialSizes.maximumCount, "a receptive field has at most 3 axes")
        switch count {
        case 0: axes.0 = axis
        case 1: axes.1 = axis
        default: axes.2 = axis
        }
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The field of axis `index`; out of range traps, as an array's subscript does.
    public subscript(index: Int) -> ReceptiveFieldAxis {
        get {
            precondition(index >= 0 && index < count, "receptive field axis \(index) out of range 0..<\(count)")
            return index == 0 ? axes.0 : index == 1 ? axes.1 : axes.2
        }
        set {
            precondition(index >= 0 && index < count, "receptive field axis \(index) out of range 0..<\(count)")
            switch index {
            case 0: axes.0 = newValue
            case 1: axes.1 = newValue
            default: axes.2 = newValue
            }
        }
    }

    public static func == (lhs: ReceptiveFieldAxes, rhs: ReceptiveFieldAxes) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for axis in self { hasher.combine(axis) }
    }
}
