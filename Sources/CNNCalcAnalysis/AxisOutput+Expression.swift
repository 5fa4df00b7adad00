import CNNCalcCore

extension AxisOutput {
    /// The output-size arithmetic of this axis with its numbers, e.g. `(28 - 5)/1 + 1 = 24`,
    /// `floor((28 - 5)/2) + 1 = 12` or `ceil(28/2) = 14`.
    ///
    /// The part before ` = ` is an expression that evaluates to ``length``; a note in
    /// parentheses may follow the result.
    public var expression: String {
        guard isCountable else { return "too large to count" }
        let result = NumberFormatting.grouped(length)
        switch paddingMode {
        case .same:
            return "ceil(\(inputLength)/\(stride)) = \(result) (same: pad \(padBefore) before, \(padAfter) after)"
        case .full where stride == 1 && dilation == 1:
            return "\(inputLength) + \(kernel) - 1 = \(result) (full: pad \(padBefore) on each side)"
        default:
            break
        }
        var span = "\(inputLength)"
        if padBefore == padAfter && padBefore > 0 {
            span += " + 2*\(padBefore)"
        } else {
            if padBefore > 0 { span += " + \(padBefore)" }
            if padAfter > 0 { span += " + \(padAfter)" }
        }
        span += dilation == 1 ? " - \(kernel)" : " - (\(dilation)*(\(kernel)-1)+1)"
        let numerator = inputLength + padBefore + padAfter - effectiveKernel
        let exact = numerator % stride == 0
        var text: String
        if exact {
            text = "(\(span))/\(stride) + 1"
        } else {
            text = "\(ceilMode ? "ceil" : "floor")((\(span))/\(stride)) + 1"
        }
        var note = ""
        let unclamped = (ceilMode ? (numerator + stride - 1) / stride : numerator / stride) + 1
        if unclamped != length {
            text += " - 1"
            note = " (the last window would start in the padding, so it is dropped)"
        } else if case .full = paddingMode {
            note = " (full: pad \(padBefore) on each side)"
        }
        return "\(text) = \(result)\(note)"
    }
}
