/// An exact fraction `numerator/denominator` in lowest terms, with a positive denominator.
///
/// Receptive fields use it for the jump, the distance between neighbouring outputs measured in
/// input positions: a stride of 2 doubles it, and an upsampling by 2 halves it, so after
/// `conv stride=2; upsample 2; upsample 2` it is `1/2`.
public struct Fraction: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The numerator, sharing no factor with the denominator.
    public let numerator: Int
    /// The denominator, at least 1.
    public let denominator: Int

    /// The fraction `numerator/denominator`, reduced; `denominator` must not be 0.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction needs a non-zero denominator")
        if denominator == 1 {
            // A whole number, as every jump is until a layer raises the resolution: no division.
            (self.numerator, self.denominator) = (numerator, 1)
            return
        }
        let divisor = Self.greatestCommonDivisor(numerator.magnitude, denominator.magnitude)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int(divisor)
        self.denominator = sign * denominator / Int(divisor)
    }

    /// A whole number as a fraction.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// The nearest `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `2` for a whole number, `1/2` otherwise.
    public var description: String { denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)" }

    /// The product, or `nil` when it does not fit in 64 bits.
    public func multiplied(by other: Fraction) -> Fraction? {
        if denominator == 1, other.denominator == 1 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: other.numerator)
            return overflow ? nil : Fraction(product)
        }
        // Cross-reducing first keeps the intermediate products as small as they can be.
        let a = Fraction(numerator, other.denominator)
        let b = Fraction(other.numerator, denominator)
        let (top, topOverflow) = a.numerator.multipliedReportingOverflow(by: b.numerator)
        let (bottom, bottomOverflow) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        return topOverflow || bottomOverflow ? nil : Fraction(top, bottom)
    }

    /// `ceil(count * self)` for a count of at least 0, or `nil` when it does not fit in 64 bits.
    public func ceilingOfMultiple(_ count: Int) -> Int? {
        let (product, overflow) = count.multipliedReportingOverflow(by: numerator)
        guard !overflow else { return nil }
        if denominator == 1 { return product }
        let quotient = product / denominator
        return product % denominator > 0 ? quotient + 1 : quotient
    }

    private static func greatestCommonDivisor(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
