import Foundation

/// Evaluates the arithmetic CNNCalc prints in derivations, so tests can check that every
/// formula shown to the user really computes the number shown beside it.
///
/// It reads integers (commas between digit groups allowed), `+ - * /`, parentheses, and
/// `floor(...)` and `ceil(...)`. Division is exact (rational), so `floor((28 - 5)/2)` is 11.
public enum ArithmeticEvaluator {
    /// The value of `expression`, or `nil` when it is not well formed.
    public static func evaluate(_ expression: String) -> Rational? {
        var parser = Parser(characters: Array(expression.filter { $0 != " " && $0 != "," }))
        guard let value = parser.sum(), parser.position == parser.characters.count else { return nil }
        return value
    }

    /// Checks a line `expression = result ...`: the expression before ` = ` must evaluate to the
    /// number after it. Returns a description of the mismatch, or `nil` when it holds.
    public static func mismatch(in line: String) -> String? {
        guard let equals = line.range(of: " = ", options: .backwards) else { return "no ' = ' in \(line)" }
        let left = arithmeticSuffix(of: String(line[..<equals.lowerBound]))
        let right = line[equals.upperBound...].prefix { $0.isNumber || $0 == "," }
        guard let expected = Int(right.filter { $0 != "," }) else { return "no number after ' = ' in \(line)" }
        guard let value = evaluate(left) else { return "cannot evaluate '\(left)' in \(line)" }
        return value == Rational(expected) ? nil : "'\(left)' is \(value), not \(expected), in \(line)"
    }

    /// The longest tail of `text` made of arithmetic: digits, operators, parentheses, `floor`, `ceil`.
    static func arithmeticSuffix(of text: String) -> String {
        let characters = Array(text)
        var start = characters.count
        while start > 0 {
            let character = characters[start - 1]
            if character.isNumber || "+-*/() ,".contains(character) {
                start -= 1
                continue
            }
            let before = String(characters[..<start])
            if let name = ["floor", "ceil"].first(where: { before.hasSuffix($0) }) {
                start -= name.count
                continue
            }
            break
        }
        return String(characters[start...]).trimmingCharacters(in: .whitespaces)
    }

    /// An exact fraction.
    public struct Rational: Equatable, CustomStringConvertible, Sendable {
        public var numerator: Int
        public var denominator: Int

        public init(_ numerator: Int, _ denominator: Int = 1) {
            let divisor = Self.gcd(abs(numerator), abs(denominator))
            let sign = denominator < 0 ? -1 : 1
            self.numerator = sign * numerator / max(divisor, 1)
            self.denominator = sign * denominator / max(divisor, 1)
        }

        public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

        var floor: Rational {
            let quotient = numerator / denominator
            return Rational(numerator < 0 && numerator % denominator != 0 ? quotient - 1 : quotient)
        }

        var ceil: Rational {
            let quotient = numerator / denominator
            return Rational(numerator > 0 && numerator % denominator != 0 ? quotient + 1 : quotient)
        }

        static func + (a: Rational, b: Rational) -> Rational {
            Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func - (a: Rational, b: Rational) -> Rational {
            Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func * (a: Rational, b: Rational) -> Rational {
            Rational(a.numerator * b.numerator, a.denominator * b.denominator)
        }
        static func / (a: Rational, b: Rational) -> Rational? {
            b.numerator == 0 ? nil : Rational(a.numerator * b.denominator, a.denominator * b.numerator)
        }

        private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        mutating func sum() -> Rational? {
            guard var value = product() else { return nil }
            while position < characters.count, characters[position] == "+" || characters[position] == "-" {
                let op = characters[position]
                position += 1
                guard let right = product() else { return nil }
                value = op == "+" ? value + right : value - right
            }
            return value
        }

        mutating func product() -> Rational? {
            guard var value = factor() else { return nil }
            while position < characters.count, characters[position] == "*" || characters[position] == "/" {
                let op = characters[position]
                position += 1
                guard let right = factor() else { return nil }
                if op == "*" { value = value * right } else {
                    guard let quotient = value / right else { return nil }
                    value = quotient
                }
            }
            return value
        }

        mutating func factor() -> Rational? {
            for function in ["floor", "ceil"] where matches(function + "(") {
                position += function.count
                guard let inner = parenthesized() else { return nil }
                return function == "floor" ? inner.floor : inner.ceil
            }
            if position < characters.count, characters[position] == "(" { return parenthesized() }
            let start = position
            while position < characters.count, characters[position].isNumber { position += 1 }
            guard position > start, let value = Int(String(characters[start..<position])) else { return nil }
            return Rational(value)
        }

        mutating func parenthesized() -> Rational? {
            guard position < characters.count, characters[position] == "(" else { return nil }
            position += 1
            guard let value = sum(), position < characters.count, characters[position] == ")" else { return nil }
            position += 1
            return value
        }

        func matches(_ text: String) -> Bool {
            let needle = Array(text)
            return position + needle.count <= characters.count && Array(characters[position..<position + needle.count]) == needle
        }
    }
}
