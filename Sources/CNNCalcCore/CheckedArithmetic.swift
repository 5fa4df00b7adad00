/// Products and sums of counts that report overflow as an error instead of trapping or wrapping.
///
/// Every parameter count and every flattened size in CNNCalc goes through these
/// helpers, so a network too large to count in 64 bits gives a clear error and
/// never a wrong number.
public enum CheckedArithmetic {
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
    public static func product(_ factors: [Int], _ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
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
