import CNNCalcCore

/// A size or count of a model with open sizes: exact (a number, or a polynomial in the open
/// sizes) or unknown, naming the open sizes it depends on. Never a stand-in's number.
public enum OpenValue: Hashable, Sendable {
    /// A polynomial in the open sizes that holds for every size checked (a constant when it
    /// depends on none).
    case exact(SizePolynomial)
    /// A value that depends on these open sizes in a way CNNCalc cannot write exactly, such as
    /// `ceil(seq/2)` after a stride.
    case unknown(dependsOn: [String])

    /// The value when it depends on no open size.
    public var fixed: Int? {
        if case .exact(let polynomial) = self { return polynomial.constant }
        return nil
    }

    /// The open sizes the value depends on, sorted; empty for a fixed value.
    public var dependsOn: [String] {
        switch self {
        case .exact(let polynomial): polynomial.sizes
        case .unknown(let sizes): sizes.sorted()
        }
    }

    /// The value times `factor`; unknown when it does not fit 64 bits.
    public func scaled(by factor: Int) -> OpenValue {
        if case .exact(let polynomial) = self, let scaled = polynomial.scaled(by: factor) { return .exact(scaled) }
        return .unknown(dependsOn: dependsOn)
    }

    /// The sum of two values: exact when both are, else unknown, depending on the sizes of both.
    public func adding(_ other: OpenValue) -> OpenValue {
        if case .exact(let left) = self, case .exact(let right) = other, let sum = left.adding(right) {
            return .exact(sum)
        }
        return .unknown(dependsOn: Array(Set(dependsOn + other.dependsOn)).sorted())
    }
}
