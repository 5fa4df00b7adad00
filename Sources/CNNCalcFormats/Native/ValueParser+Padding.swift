import CNNCalcCore

extension ValueParser {
    /// A padding rule: a keyword, pixels on every side, or pixels per axis.
    ///
    /// | written | meaning |
    /// |---|---|
    /// | `valid`, `same`, `full` | the named rule (see ``Padding``) |
    /// | `2` | 2 pixels on both sides of every axis |
    /// | `1x2` | 1 pixel on both sides of the first axis, 2 on both sides of the second |
    /// | `1:2` | 1 pixel before and 2 after, on every axis |
    /// | `1:2x0:1` | 1 before and 2 after on the first axis, 0 before and 1 after on the second |
    ///
    /// Keywords are matched without regard to case. Zero is allowed; negative numbers are not.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for any other text, a size over
    ///   ``sizeLimit`` or more than ``maximumWindowAxes`` axes.
    static func padding(_ token: Token, fix: @autoclosure () -> String) throws(CNNCalcError) -> Padding {
        switch token.text.lowercased() {
        case "valid": return .valid
        case "same": return .same
        case "full": return .full
        default: break
        }
        let axes = token.text.split(omittingEmptySubsequences: false) { axisSeparators.contains($0) }
        var sides: [AxisPadding] = []
        var isTooLarge = false
        for axis in axes {
            let parts = axis.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            let numbers = parts.map(wholeNumber)
            guard parts.count <= 2, !numbers.contains(.invalid) else {
                throw CNNCalcError(
                    .badArgument,
                    "expected 'valid', 'same', 'full' or pixels such as 1, 1x2 or 1:2x0:1 for the padding, found \(token.quoted)",
                    fix: fix(), location: token.location)
            }
            if numbers.contains(.tooLarge) {
                isTooLarge = true
                continue
            }
            let pixels = numbers.map { number in
                if case .value(let value) = number { value } else { 0 }
            }
            sides.append(AxisPadding(before: pixels[0], after: pixels.count == 2 ? pixels[1] : pixels[0]))
        }
        if isTooLarge { throw tooLarge(token, noun: "padding") }
        try checkAxisCount(axes.count, token: token, noun: "padding", maximum: maximumWindowAxes)
        return .explicit(sides)
    }
}
