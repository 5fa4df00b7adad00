import CNNCalcCore

/// The arithmetic a network definition may do on numbers (`2*num_filters`, `-1`) and on
/// tuples and lists (`(None,) + shape`), checked for overflow. Anything else is an opaque value.
enum PythonArithmetic {
    static func unary(_ symbol: String, _ operand: PythonValue, at location: SourceLocation) throws(CNNCalcError) -> PythonValue {
        switch (symbol, operand) {
        case ("-", .integer(let value)): .integer(-value)
        case ("-", .real(let value)): .real(-value)
        case ("+", .integer), ("+", .real): operand
        default: .opaque
        }
    }

    static func binary(_ symbol: String, _ left: PythonValue, _ right: PythonValue, at location: SourceLocation) throws(CNNCalcError) -> PythonValue {
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            return try integer(symbol, a, b, at: location)
        case (.integer, .real), (.real, .integer), (.real, .real):
            guard let a = real(left), let b = real(right) else { return .opaque }
            switch symbol {
            case "+": return .real(a + b)
            case "-": return .real(a - b)
            case "*": return .real(a * b)
            case "/" where b != 0: return .real(a / b)
            default: return .opaque
            }
        case (.tuple(let a), .tuple(let b)) where symbol == "+": return .tuple(a + b)
        case (.list(let a), .list(let b)) where symbol == "+": return .list(a + b)
        default: return .opaque
        }
    }

    private static func real(_ value: PythonValue) -> Double? {
        switch value {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    private static func integer(_ symbol: String, _ a: Int, _ b: Int, at location: SourceLocation) throws(CNNCalcError) -> PythonValue {
        func overflow() -> CNNCalcError {
            CNNCalcError(.overflow, "\(a) \(symbol) \(b) is beyond 64-bit integers", location: location)
        }
        switch symbol {
        case "+":
            let (sum, overflowed) = a.addingReportingOverflow(b)
            if overflowed { throw overflow() }
            return .integer(sum)
        case "-":
            let (difference, overflowed) = a.subtractingReportingOverflow(b)
            if overflowed { throw overflow() }
            return .integer(difference)
        case "*":
            let (product, overflowed) = a.multipliedReportingOverflow(by: b)
            if overflowed { throw overflow() }
            return .integer(product)
        case "//", "%":
            guard b != 0 else { throw CNNCalcError(.badArgument, "division by zero", location: location) }
            guard !(a == Int.min && b == -1) else { throw overflow() }
            // Python rounds toward negative infinity.
            var quotient = a / b
            if (a % b != 0) && ((a < 0) != (b < 0)) { quotient -= 1 }
            return .integer(symbol == "//" ? quotient : a - quotient * b)
        case "/":
            guard b != 0 else { throw CNNCalcError(.badArgument, "division by zero", location: location) }
            return .real(Double(a) / Double(b))
        case "**":
            guard b >= 0 else { return .real(pow(Double(a), Double(b))) }
            var result = 1
            for _ in 0..<min(b, 64) {
                let (product, overflowed) = result.multipliedReportingOverflow(by: a)
                if overflowed { throw overflow() }
                result = product
            }
            if b > 64 && abs(a) > 1 { throw overflow() }
            return .integer(result)
        default:
            return .opaque
        }
    }

    /// `base` to a negative whole `exponent`, by repeated squaring (so `2 ** -100` is exact in
    /// magnitude, and a huge exponent costs about 40 steps, not a loop of its size).
    private static func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var factor = 1.0 / base
        var count = UInt64(-exponent)
        while count > 0 {
            if count & 1 == 1 { result *= factor }
            factor *= factor
            count >>= 1
        }
        return result
    }
}
