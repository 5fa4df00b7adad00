import CNNCalcCore

/// A polynomial with whole coefficients in open sizes: `12288*seq_len + 5130`,
/// `432*image:1*image:2`, `seq_len - 4`, or a plain number.
///
/// Every count CNNCalc computes is a sum of products of sizes, so a count that depends on
/// open sizes only through axes that are those sizes (or those sizes plus a constant) is such a
/// polynomial; ``OpenSizeReport`` finds it from the counts of stand-in networks and checks it.
public struct SizePolynomial: Hashable, Sendable {
    /// The open sizes one term multiplies and their powers: `["seq_len": 2]` for `seq_len^2`;
    /// empty for the constant term.
    public typealias Powers = [String: Int]

    /// The coefficient of each term; no zero coefficients.
    public let terms: [Powers: Int]

    /// Creates a polynomial, dropping zero coefficients.
    public init(terms: [Powers: Int]) {
        self.terms = terms.filter { $0.value != 0 }
    }

    /// The number `value`.
    public init(constant value: Int) {
        self.init(terms: [[:]: value])
    }

    /// The value when it does not depend on any open size, else `nil`.
    public var constant: Int? {
        if terms.isEmpty { return 0 }
        guard terms.count == 1, let only = terms[[:]] else { return nil }
        return only
    }

    /// The open sizes the polynomial depends on, sorted.
    public var sizes: [String] {
        Set(terms.keys.flatMap(\.keys)).sorted()
    }

    /// The value for the given sizes, or `nil` when a size is missing or the value does not fit 64 bits.
    public func value(for sizes: [String: Int]) -> Int? {
        var total = 0
        for (powers, coefficient) in terms {
            var term = coefficient
            for (name, power) in powers {
                guard let size = sizes[name] else { return nil }
                for _ in 0..<power {
                    let (product, overflow) = term.multipliedReportingOverflow(by: size)
                    guard !overflow else { return nil }
                    term = product
                }
            }
            let (sum, overflow) = total.addingReportingOverflow(term)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// How a polynomial is written.
    public struct Style: Sendable {
        /// The sign between factors: `·` in reports, `*` in arithmetic and JSON.
        public var times: String
        /// How a coefficient is written: grouped (`12,288`), plain (`12288`), or shortened (`12.3K`).
        public var number: @Sendable (Int) -> String
        /// Whether terms are joined with spaces around `+` and `-`.
        public var spaced: Bool

        /// Creates a style.
        public init(times: String, number: @escaping @Sendable (Int) -> String, spaced: Bool) {
            self.times = times
            self.number = number
            self.spaced = spaced
        }

        /// Exact, for reports: `12,288·seq_len + 5,130`.
        public static let report = Style(times: "·", number: { NumberFormatting.grouped($0) }, spaced: true)
        /// Shortened, for table cells: `12.3K·seq_len + 5,130`.
        public static let short = Style(times: "·", number: { NumberFormatting.humanized($0) }, spaced: true)
        /// In the arithmetic of `--explain`: `12,288*seq_len + 5,130`.
        public static let arithmetic = Style(times: "*", number: { NumberFormatting.grouped($0) }, spaced: true)
        /// For programs (JSON): `12288*seq_len+5130`.
        public static let plain = Style(times: "*", number: { String($0) }, spaced: false)
    }

    /// The polynomial written in `style`, highest degree first, the constant last.
    public func text(_ style: Style) -> String {
        if terms.isEmpty { return style.number(0) }
        let ordered = terms.sorted { left, right in
            let (leftDegree, rightDegree) = (left.key.values.reduce(0, +), right.key.values.reduce(0, +))
            if leftDegree != rightDegree { return leftDegree > rightDegree }
            return Self.factors(left.key, times: "*") < Self.factors(right.key, times: "*")
        }
        var text = ""
        for (index, (powers, coefficient)) in ordered.enumerated() {
            let magnitude = coefficient.magnitude > UInt(Int.max) ? nil : abs(coefficient)
            let factors = Self.factors(powers, times: style.times)
            var term: String
            if let magnitude, magnitude == 1, !factors.isEmpty {
                term = factors
            } else {
                let number = magnitude.map(style.number) ?? String(coefficient.magnitude)
                term = factors.isEmpty ? number : number + style.times + factors
            }
            if index == 0 {
                text = coefficient < 0 ? "-" + term : term
            } else {
                let sign = coefficient < 0 ? "-" : "+"
                text += style.spaced ? " \(sign) \(term)" : sign + term
            }
        }
        return text
    }

    /// `seq_len^2*image:1`: the factors of one term, sizes sorted.
    private static func factors(_ powers: Powers, times: String) -> String {
        powers.keys.sorted().map { name in
            let power = powers[name] ?? 1
            return power == 1 ? name : "\(name)^\(power)"
        }.joined(separator: times)
    }

    /// Every coefficient times `factor` (a batch size, the bytes of a value), or `nil` on overflow.
    public func scaled(by factor: Int) -> SizePolynomial? {
        var result: [Powers: Int] = [:]
        for (powers, coefficient) in terms {
            let (product, overflow) = coefficient.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            result[powers] = product
        }
        return SizePolynomial(terms: result)
    }

    /// The sum of two polynomials, or `nil` when a coefficient does not fit 64 bits.
    public func adding(_ other: SizePolynomial) -> SizePolynomial? {
        var sum = terms
        for (powers, coefficient) in other.terms {
            let (value, overflow) = (sum[powers] ?? 0).addingReportingOverflow(coefficient)
            guard !overflow else { return nil }
            sum[powers] = value
        }
        return SizePolynomial(terms: sum)
    }
}
