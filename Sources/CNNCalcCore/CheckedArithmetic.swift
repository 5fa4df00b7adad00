/// Products and sums of counts that report overflow as an error instead of trapping or wrapping.
///
/// Every parameter count and every flattened size in CNNCalc goes through these
/// helpers, so a network too large to count in 64 bits gives a clear error and
/// never a wrong number.
///
/// Sizes have a limit, ``maximumSize`` (2^40): the analysis rejects any layer output with a
/// larger axis, and layers reject larger kernels, strides, paddings, units and heads. The
/// sum of a few such sizes, or one multiplied by a small constant, then stays far below
/// `Int.max` (2^63 - 1), so the output-size rules can add and subtract them freely; every
/// product of two sizes still goes through these helpers, since it can reach 2^80.
public enum CheckedArithmetic {
    /// The largest size of one axis, and of any size a layer is given, that CNNCalc counts:
    /// 2^40 = 1,099,511,627,776.
    ///
    /// It lies just above the largest number the `.cnn` reader accepts (1,000,000,000,000), so
    /// that every written size is countable, while a layer that grows its input (upsampling,
    /// transposed convolution, depth to space, zero padding) past it gives an error.
    public static let maximumSize = 1 << 40

    /// Whether `value` is a size from 0 to ``maximumSize``.
    public static func isCountable(_ value: Int) -> Bool {
        (0...maximumSize).contains(value)
    }

    /// Nothing when `value` is at most ``maximumSize``; otherwise an overflow error that names
    /// `what` (e.g. `stride`) and quotes the value.
    public static func checkSize(_ value: Int, _ what: @autoclosure () -> String) throws(CNNCalcError) {
        guard value > maximumSize else { return }
        throw tooLarge("\(what()) \(value)")
    }

    /// The error for a size beyond ``maximumSize``: `what` (a noun with its value) is too large.
    public static func tooLarge(_ what: String, fix: String = "check the sizes for a typo; no real network is this large") -> CNNCalcError {
        CNNCalcError(.overflow, "\(what) is larger than \(maximumSizeText), the largest size CNNCalc counts", fix: fix)
    }

    /// ``maximumSize`` as messages write it.
    static let maximumSizeText = "1,099,511,627,776 (2^40)"

    /// `a * b`, or an overflow error that names `what` was being computed.
    public static func multiply(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw overflowError(what()) }
        return value
    }

    /// `a + b`, or an overflow error that names `what` was being computed.
    public static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow { throw overflowError(what()) }
        return value
    }

    /// The product of all `factors` (1 for none), or an overflow error.
    public static func product(_ factors: some Sequence<Int>, _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        var result = 1
        for factor in factors {
            let (value, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { throw overflowError(what()) }
            result = value
        }
        return result
    }

    /// The sum of all `terms` (0 for none), or an overflow error.
    public static func sum(_ terms: [Int], _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        var result = 0
        for term in terms {
            let (value, overflow) = result.addingReportingOverflow(term)
            if overflow { throw overflowError(what()) }
            result = value
        }
        return result
    }

    private static func overflowError(_ what: String) -> CNNCalcError {
        CNNCalcError(
            .overflow,
            "\(what) is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits",
            fix: "check the sizes for a typo; no real network is this large"
        )
    }
}
