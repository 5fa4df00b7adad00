import CNNCalcCore

/// Reads the values of a `.cnn` statement: whole numbers, sizes per axis, decimals.
///
/// Every function takes the token to read, the noun that names it in messages
/// ("filter count") and the fix to suggest when the text is not a value of the
/// right form. Errors point at the token.
///
/// Sizes are positive whole numbers of at most ``sizeLimit``. Bounding them keeps every
/// later sum and product of a few sizes far from 64-bit overflow.
enum ValueParser {
    /// The largest size accepted: 1,000,000,000,000.
    static let sizeLimit = 1_000_000_000_000

    /// The characters that join sizes per axis: `x` as in `5x5`, also `X` and `×`.
    static let axisSeparators: Set<Character> = ["x", "X", "×"]

    /// The most axes a window (kernel, stride, pool, padding) can have.
    static let maximumWindowAxes = 3

    /// A whole number read from text.
    enum WholeNumber: Equatable {
        /// Digits only, at most ``sizeLimit``.
        case value(Int)
        /// Digits only, but more than ``sizeLimit``.
        case tooLarge
        /// Empty, or something other than the digits `0` to `9`.
        case invalid
    }

    /// The text of `token` split at every axis separator, empty parts kept: `3x3` gives `3` and `3`.
    static func axisParts(_ token: Token) -> [Substring] {
        guard token.isASCII else { return token.text.split(omittingEmptySubsequences: false) { axisSeparators.contains($0) } }
        // ASCII alone: each byte is a character, and `x` and `X` are the separators among them.
        let utf8 = token.text.utf8
        var parts: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") {
                parts.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(Substring(utf8[start..<utf8.endIndex]))
        return parts
    }

    /// The whole number that `text` spells in decimal digits.
    static func wholeNumber(_ text: Substring) -> WholeNumber {
        // The bytes read in place: the `utf8` view would read each byte through the string.
        text.utf8.withContiguousStorageIfAvailable { wholeNumber(bytes: $0) } ?? wholeNumber(bytes: Array(text.utf8))
    }

    /// The whole number that the UTF-8 `bytes` spell in decimal digits.
    static func wholeNumber(bytes: some Collection<UInt8>) -> WholeNumber {
        guard !bytes.isEmpty else { return .invalid }
        var value = 0
        var isTooLarge = false
        // A character is a digit only when it is one ASCII byte, so the bytes say it all:
        // any other byte, a combining mark's too, makes the text invalid.
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .invalid }
            let digit = Int(byte - UInt8(ascii: "0"))
            // Stop accumulating once past the limit, so that 30 digits cannot overflow.
            if !isTooLarge {
                value = value * 10 + digit
                isTooLarge = value > sizeLimit
            }
        }
        return isTooLarge ? .tooLarge : .value(value)
    }

    /// A positive whole number such as a filter count.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for anything else, or a number over ``sizeLimit``.
    static func count(_ token: Token, noun: String, fix: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        switch wholeNumber(token.text[...]) {
        case .value(let value) where value > 0:
            return value
        case .tooLarge:
            throw tooLarge(token, noun: noun)
        case .value, .invalid:
            throw CNNCalcError(
                .badArgument, "expected a positive whole number for the \(noun), found \(token.quoted)",
                fix: fix(), location: token.location)
        }
    }

    /// A whole number, possibly 0 or negative (`-1`), such as the index of a step.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for anything else, or a number beyond ``sizeLimit``.
    static func index(_ token: Token, noun: String, fix: String) throws(CNNCalcError) -> Int {
        let negative = token.text.hasPrefix("-")
        switch wholeNumber(token.text.dropFirst(negative ? 1 : 0)) {
        case .value(let value):
            return negative ? -value : value
        case .tooLarge:
            throw tooLarge(token, noun: noun)
        case .invalid:
            throw CNNCalcError(
                .badArgument, "expected a whole number for the \(noun), found \(token.quoted)",
                fix: fix, location: token.location)
        }
    }

    /// Positive sizes joined by `x`, one per axis, or a single size for every axis: `5`, `5x5`, `3x3x3`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for a size that is not positive, too large,
    ///   or more than `maximumAxes` axes.
    static func sizes(_ token: Token, noun: String, maximumAxes: Int, fix: @autoclosure () -> String) throws(CNNCalcError) -> [Int] {
        let parts = axisParts(token)
        var sizes: [Int] = []
        var isTooLarge = false
        for part in parts {
            switch wholeNumber(part) {
            case .value(let value) where value > 0:
                sizes.append(value)
            case .tooLarge:
                isTooLarge = true
            case .value, .invalid:
                throw CNNCalcError(
                    .badArgument,
                    "expected a positive whole number, or one per axis joined by 'x', for the \(noun), found \(token.quoted)",
                    fix: fix(), location: token.location)
            }
        }
        if isTooLarge { throw tooLarge(token, noun: noun) }
        try checkAxisCount(parts.count, token: token, noun: noun, maximum: maximumAxes)
        return sizes
    }

    /// A finite decimal number such as `0.5`, `-1`, `.25` or `1e-3`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for anything else.
    static func decimal(_ token: Token, noun: String, fix: @autoclosure () -> String) throws(CNNCalcError) -> Double {
        guard let value = decimalValue(token.text), value.isFinite else {
            throw CNNCalcError(
                .badArgument, "expected a decimal number for the \(noun), found \(token.quoted)",
                fix: fix(), location: token.location)
        }
        return value
    }

    /// The error for a size over ``sizeLimit``.
    static func tooLarge(_ token: Token, noun: String) -> CNNCalcError {
        CNNCalcError(
            .badArgument, "the \(noun) \(token.quoted) is too large",
            fix: "the limit is 1,000,000,000,000", location: token.location)
    }

    /// Checks that a value written per axis has at most `maximum` axes.
    static func checkAxisCount(_ count: Int, token: Token, noun: String, maximum: Int) throws(CNNCalcError) {
        guard count > maximum else { return }
        throw CNNCalcError(
            .badArgument, "the \(noun) \(token.quoted) has \(count) axes, but a layer has at most \(maximum) spatial axes",
            fix: "give one value per spatial axis, or a single value for every axis", location: token.location)
    }

    /// The number `text` spells as `[+-]digits[.digits][e[+-]digits]`, with at least one digit
    /// before the exponent, or `nil` for any other text; infinite when it is too large for a `Double`.
    ///
    /// `Double(_:)` alone would also accept `inf`, `nan` and hexadecimal forms. Every character of
    /// the form is one ASCII byte, so the bytes are read: a byte of any other character rejects the text.
    /// A number of at most 2^53 in its digits, written with at most 22 decimals or an exponent that
    /// brings it within 10^±22, is one exact product or quotient of two `Double`s, rounded once, as
    /// `Double(_:)` rounds it; any other is left to `Double(_:)`.
    static func decimalValue(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            let count = bytes.count
            var index = 0
            var isNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                isNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            // The digits as one whole number, while it stays exact; `scale` counts the decimals.
            var significand: UInt64 = 0
            var isExact = true
            var scale = 0
            var digits = 0
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                accumulate(bytes[index], into: &significand, isExact: &isExact)
                digits += 1
                index += 1
            }
            if index < count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                    accumulate(bytes[index], into: &significand, isExact: &isExact)
                    scale += 1
                    digits += 1
                    index += 1
                }
            }
            guard digits > 0 else { return nil }
            var exponent = 0
            if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                var isNegativeExponent = false
                if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    isNegativeExponent = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                let exponentStart = index
                while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                    // Past four digits the quick way is out of reach anyway.
                    if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                    index += 1
                }
                guard index > exponentStart else { return nil }
                if isNegativeExponent { exponent = -exponent }
            }
            guard index == count else { return nil }
            let power = exponent - scale
            guard isExact, significand <= 1 << 53, power >= -22, power <= 22 else {
                return Double(String(decoding: bytes, as: UTF8.self))
            }
            let whole = Double(significand)
            let magnitude = power < 0 ? whole / exactPowersOfTen[-power] : whole * exactPowersOfTen[power]
            return isNegative ? -magnitude : magnitude
        }
    }

    /// `significand * 10 + digit`, or `isExact` set to `false` once that would pass 2^53.
    private static func accumulate(_ digit: UInt8, into significand: inout UInt64, isExact: inout Bool) {
        guard isExact else { return }
        // At most 2^53 so far, so no overflow here.
        let next = significand * 10 + UInt64(digit &- UInt8(ascii: "0"))
        if next > 1 << 53 {
            isExact = false
        } else {
            significand = next
        }
    }

    /// 10^0 to 10^22, each exactly a `Double`.
    private static let exactPowersOfTen: [Double] = {
        var powers: [Double] = [1]
        for _ in 1...22 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
}
