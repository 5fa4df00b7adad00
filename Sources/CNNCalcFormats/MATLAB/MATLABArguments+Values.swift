import CNNCalcCore

/// Typed reading of layer-function arguments; every error names the function and the argument,
/// quotes the value and points at it.
///
/// Sizes are whole numbers of at most ``ValueParser/sizeLimit`` (1,000,000,000,000), as in the
/// `.cnn` reader, so that every later sum and product of a few sizes stays far from overflow.
extension MATLABLayerArguments {
    /// A positive whole number, such as a filter count.
    func count(_ argument: MATLABEvaluatedArgument, what: String, example: String) throws(CNNCalcError) -> Int {
        let values = try wholeNumbers(argument, what: what, minimum: 1, expected: "a positive whole number", example: example)
        guard values.count == 1 else {
            throw mismatch(argument, what: what, expected: "one positive whole number", example: example)
        }
        return values[0]
    }

    /// Positive whole numbers, one for every axis or one for all: `5` or `[5 3]` for a 2-D filter.
    func sizes(_ argument: MATLABEvaluatedArgument, what: String, rank: Int, example: String) throws(CNNCalcError) -> [Int] {
        let expected = rank == 1 ? "a positive whole number" : "a positive whole number or a vector of \(rank)"
        let values = try wholeNumbers(argument, what: what, minimum: 1, expected: expected, example: example)
        guard values.count == 1 || values.count == rank else {
            throw mismatch(argument, what: what, expected: expected, example: example)
        }
        return values
    }

    /// A number, such as a dropout probability or a leaky ReLU's scale.
    func decimal(_ argument: MATLABEvaluatedArgument, what: String, example: String) throws(CNNCalcError) -> Double {
        guard case .numbers(let matrix) = argument.value, matrix.isScalar else {
            throw mismatch(argument, what: what, expected: "a number", example: example)
        }
        return matrix.values[0]
    }

    /// One of `choices`, ignoring case; the choice as `choices` spells it.
    func choice(_ argument: MATLABEvaluatedArgument, what: String, among choices: [String]) throws(CNNCalcError) -> String {
        let listed = Listing.or(choices.map { "'\($0)'" })
        guard let text = argument.value.text else {
            throw mismatch(argument, what: what, expected: listed, example: "\(what),'\(choices[0])'")
        }
        guard let choice = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
            let hint = EditDistance.didYouMean(text, among: choices) ?? "write \(what),'\(choices[0])'"
            throw CNNCalcError(
                .badArgument, "\(function): \(what) must be \(listed), found \(MATLABToken.quote(text))",
                fix: hint, location: argument.location)
        }
        return choice
    }

    /// `true` or `false` (also `1` or `0`).
    func boolean(_ argument: MATLABEvaluatedArgument, what: String) throws(CNNCalcError) -> Bool {
        guard case .numbers(let matrix) = argument.value, matrix.isScalar, matrix.values[0] == 0 || matrix.values[0] == 1 else {
            throw mismatch(argument, what: what, expected: "true or false", example: "\(what),false")
        }
        return matrix.values[0] == 1
    }

    /// A padding or cropping of a `rank`-axis layer as MATLAB writes it.
    ///
    /// | written | 1-D | 2-D | 3-D |
    /// |---|---|---|---|
    /// | `p` | `p` on both sides | `p` on every side | `p` on every side |
    /// | a vector | `[left right]` | `[a b]`: `a` top and bottom, `b` left and right; `[t b l r]` | `[a b c]`: each on both sides of its axis |
    /// | a 2×3 matrix | | | `[t l f; b r k]`: the first row before, the second after |
    /// | `'same'` | output `ceil(in/stride)`, the odd pixel after | | |
    /// | `'causal'` | `dilation*(filterSize-1)` before, none after (1-D only) | | |
    ///
    /// - Parameter causalSpan: for a 1-D convolution, `dilation*(filterSize-1)`; `nil` where `'causal'` is not allowed.
    func padding(
        _ argument: MATLABEvaluatedArgument, what: String, rank: Int, causalSpan: Int? = nil
    ) throws(CNNCalcError) -> Padding {
        let shapes = switch rank {
        case 1: "p or [left right]"
        case 2: "p, [a b] or [top bottom left right]"
        default: "p, [a b c] or [t l f; b r k]"
        }
        let words = causalSpan == nil ? "'same'" : "'same', 'causal'"
        let expected = "\(words) or whole numbers of 0 or more: \(shapes)"
        let example = "\(what),'same' or \(what),1"
        if let text = argument.value.text {
            switch text.lowercased() {
            case "same": return .same
            case "causal" where causalSpan != nil: return .explicit([AxisPadding(before: causalSpan ?? 0, after: 0)])
            default:
                throw CNNCalcError(
                    .badArgument, "\(function): \(what) must be \(expected), found \(argument.value.described)",
                    fix: "write e.g. \(example)", location: argument.location)
            }
        }
        guard case .numbers(let matrix) = argument.value else {
            throw mismatch(argument, what: what, expected: expected, example: example)
        }
        let values = try wholeNumbers(argument, what: what, minimum: 0, expected: expected, example: example)
        let sides: [AxisPadding]? = switch (rank, values.count, matrix.isVector) {
        case (_, 1, _): [AxisPadding(before: values[0], after: values[0])]
        case (1, 2, true): [AxisPadding(before: values[0], after: values[1])]
        case (2, 2, true): [AxisPadding(before: values[0], after: values[0]), AxisPadding(before: values[1], after: values[1])]
        case (2, 4, true): [AxisPadding(before: values[0], after: values[1]), AxisPadding(before: values[2], after: values[3])]
        case (3, 3, true): values.map { AxisPadding(before: $0, after: $0) }
        case (3, 6, false) where matrix.rows == 2:
            (0..<3).map { AxisPadding(before: values[$0], after: values[3 + $0]) }
        default: nil
        }
        guard let sides else {
            throw mismatch(argument, what: what, expected: expected, example: example)
        }
        return .explicit(sides)
    }

    /// Every value of a numeric argument as a whole number of at least `minimum`.
    private func wholeNumbers(
        _ argument: MATLABEvaluatedArgument, what: String, minimum: Int, expected: String, example: String
    ) throws(CNNCalcError) -> [Int] {
        guard case .numbers(let matrix) = argument.value, !matrix.values.isEmpty, matrix.isVector || matrix.values.count == 6 else {
            throw mismatch(argument, what: what, expected: expected, example: example)
        }
        var result: [Int] = []
        for value in matrix.values {
            guard value == value.rounded(), value >= Double(minimum) else {
                throw mismatch(argument, what: what, expected: expected, example: example)
            }
            guard value <= Double(ValueParser.sizeLimit) else {
                throw CNNCalcError(
                    .badArgument,
                    "\(function): \(what) \(MATLABMatrix.text(value)) is larger than 1,000,000,000,000, the largest size CNNCalc reads",
                    fix: "check it for a typo", location: argument.location)
            }
            result.append(Int(value))
        }
        return result
    }
}
