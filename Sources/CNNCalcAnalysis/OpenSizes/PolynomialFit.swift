import CNNCalcCore

/// Finds the polynomial with whole coefficients through values on a grid of stand-in sizes.
///
/// Along each size in turn, the values at the `degree + 1` stand-ins of that size are turned
/// into the coefficients of a polynomial in it by Newton's divided differences, which are whole
/// numbers for a polynomial with whole coefficients at whole points. A division that leaves a
/// remainder means the values are no such polynomial (`ceil(seq/2)`, say), and nothing is found.
/// Every step is checked for overflow; an overflow also finds nothing.
enum PolynomialFit {
    /// The polynomial through `values`, given row-major over the grid of `nodes[j][l]` (the
    /// stand-in of size `j` at level `l`), or `nil`.
    static func interpolate(_ values: [Int], nodes: [[Int]], names: [String], degree: Int) -> SizePolynomial? {
        let count = names.count
        let levels = degree + 1
        var coefficients = values
        var stride = 1
        // The last size varies fastest in the grid, so walk the sizes from the last.
        for size in (0..<count).reversed() {
            let fibres = values.count / levels
            for fibre in 0..<fibres {
                let low = fibre % stride
                let high = fibre / stride
                let start = high * stride * levels + low
                let indices = (0..<levels).map { start + $0 * stride }
                guard let monomial = oneSize(indices.map { coefficients[$0] }, nodes: nodes[size]) else { return nil }
                for (index, value) in zip(indices, monomial) { coefficients[index] = value }
            }
            stride *= levels
        }
        var terms: [SizePolynomial.Powers: Int] = [:]
        for (point, coefficient) in coefficients.enumerated() where coefficient != 0 {
            var remainder = point
            var powers: SizePolynomial.Powers = [:]
            for size in (0..<count).reversed() {
                let power = remainder % levels
                remainder /= levels
                if power > 0 { powers[names[size]] = power }
            }
            terms[powers] = coefficient
        }
        return SizePolynomial(terms: terms)
    }

    /// The coefficients `c0, c1, ...` of the polynomial in one size through `values` at `nodes`.
    static func oneSize(_ values: [Int], nodes: [Int]) -> [Int]? {
        let count = values.count
        // Divided differences, in place: after step k, table[i] = f[x_(i-k), ..., x_i].
        var table = values
        var newton = [table[0]]
        for step in 1..<max(count, 1) {
            for index in stride(from: count - 1, through: step, by: -1) {
                let (difference, overflow) = table[index].subtractingReportingOverflow(table[index - 1])
                let span = nodes[index] - nodes[index - step]
                guard !overflow, span != 0, difference % span == 0 else { return nil }
                table[index] = difference / span
            }
            newton.append(table[step])
        }
        // Expand c0 + c1(x-x0) + c2(x-x0)(x-x1) + ... from the innermost product out.
        var polynomial = [newton[count - 1]]
        for step in stride(from: count - 2, through: 0, by: -1) {
            var next = [Int](repeating: 0, count: polynomial.count + 1)
            for (power, coefficient) in polynomial.enumerated() {
                let (shifted, overflow1) = next[power + 1].addingReportingOverflow(coefficient)
                let (scaled, overflow2) = coefficient.multipliedReportingOverflow(by: nodes[step])
                let (lowered, overflow3) = next[power].subtractingReportingOverflow(scaled)
                guard !overflow1, !overflow2, !overflow3 else { return nil }
                next[power + 1] = shifted
                next[power] = lowered
            }
            let (constant, overflow) = next[0].addingReportingOverflow(newton[step])
            guard !overflow else { return nil }
            next[0] = constant
            polynomial = next
        }
        return polynomial
    }
}
