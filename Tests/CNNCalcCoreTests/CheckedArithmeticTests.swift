import CNNCalcCore
import Testing

/// The size limit, and the non-throwing output-size rules at and beyond it.
@Suite struct CheckedArithmeticTests {
    static let limit = CheckedArithmetic.maximumSize

    @Test func limitIsTwoToTheFortyJustAboveTheReadersCap() throws {
        #expect(Self.limit == 1_099_511_627_776)
        #expect(Self.limit > 1_000_000_000_000)
        try CheckedArithmetic.checkSize(Self.limit, "stride")
        let error = #expect(throws: CNNCalcError.self) { try CheckedArithmetic.checkSize(Self.limit + 1, "stride") }
        #expect(error?.kind == .overflow)
        #expect(error?.description == "stride 1099511627777 is larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; check the sizes for a typo; no real network is this large")
    }

    struct AxisCase: Sendable, CustomTestStringConvertible {
        var what: String
        var axis: AxisOutput
        var isCountable: Bool
        var length: Int
        var testDescription: String { what }
    }

    static let axisCases: [AxisCase] = [
        .init(what: "Int.max kernel", axis: AxisOutput(inputLength: 8, kernel: .max, stride: 1, padding: .valid), isCountable: false, length: 0),
        .init(what: "Int.min kernel", axis: AxisOutput(inputLength: 8, kernel: .min, stride: 1, padding: .valid), isCountable: false, length: 0),
        .init(what: "Int.max dilation", axis: AxisOutput(inputLength: 8, kernel: 3, stride: 1, dilation: .max, padding: .same), isCountable: false, length: 0),
        .init(what: "Int.max input", axis: AxisOutput(inputLength: .max, kernel: 3, stride: .max, padding: .valid), isCountable: false, length: 0),
        .init(what: "Int.max padding", axis: AxisOutput(inputLength: 8, kernel: 3, stride: 1, padding: .explicit(AxisPadding(before: .max, after: .max))),
              isCountable: false, length: 0),
        // dilation*(kernel-1) = 2^20 * 2^20 = 2^40: the span 2^40 + 1 is one too many.
        .init(what: "span of 2^40 + 1", axis: AxisOutput(inputLength: 8, kernel: (1 << 20) + 1, stride: 1, dilation: 1 << 20, padding: .full),
              isCountable: false, length: 0),
        // Full padding of a 2^40 kernel on 2^40 inputs: in + kernel - 1 = 2^41 - 1 outputs, which the analysis then rejects.
        .init(what: "full padding at the limit", axis: AxisOutput(inputLength: 1 << 40, kernel: 1 << 40, stride: 1, padding: .full),
              isCountable: true, length: (1 << 41) - 1),
        // ceil((2^40 + 2*2^40 - 2^40)/2^40) + 1 = 3, and the third window would start in the padding: 2.
        .init(what: "ceil mode at the limit",
              axis: AxisOutput(inputLength: 1 << 40, kernel: 1 << 40, stride: 1 << 40, padding: .explicit(AxisPadding(before: 1 << 40, after: 1 << 40)), ceilMode: true),
              isCountable: true, length: 2),
        // ceil(2^40 / 3) = 366,503,875,926.
        .init(what: "same at the limit", axis: AxisOutput(inputLength: 1 << 40, kernel: 1 << 40, stride: 3, padding: .same),
              isCountable: true, length: 366_503_875_926),
    ]

    @Test(arguments: axisCases) func windowRuleReportsWhatItCannotCount(_ c: AxisCase) {
        #expect(c.axis.isCountable == c.isCountable)
        #expect(c.axis.length == c.length)
    }

    @Test func transposedRuleReportsAnOutputBeyondTheLimit() {
        // (2^40 - 1)*2^40 would not fit in 64 bits.
        let huge = TransposedAxisOutput(inputLength: 1 << 40, kernel: 2, stride: 1 << 40, padding: .valid, outputPadding: nil)
        #expect(!huge.isCountable && huge.length == 0)
        // in*stride = 2^20 * 2^20 = 2^40: the largest countable output.
        let largest = TransposedAxisOutput(inputLength: 1 << 20, kernel: 3, stride: 1 << 20, padding: .same, outputPadding: nil)
        #expect(largest.isCountable && largest.length == 1 << 40)
        // (2^20 + 1 - 1)*2^20 + 1 + 0 = 2^40 + 1, one more than the limit.
        let beyond = TransposedAxisOutput(inputLength: (1 << 20) + 1, kernel: 1, stride: 1 << 20, padding: .valid, outputPadding: 0)
        #expect(!beyond.isCountable)
        // Padding brings a spread beyond the limit back under it: (2^21 + 1 - 1)*2^20 + 3 - 2^40 - 2^39 = 2^39 + 3 rows.
        let padded = TransposedAxisOutput(
            inputLength: (1 << 21) + 1, kernel: 3, stride: 1 << 20, padding: .explicit(AxisPadding(before: 1 << 40, after: 1 << 39)), outputPadding: nil)
        #expect(padded.isCountable && padded.length == (1 << 39) + 3)
        #expect(!TransposedAxisOutput(inputLength: 8, kernel: .max, stride: .max, dilation: .max, padding: .same, outputPadding: .max).isCountable)
    }

    // Expected windows from Python's exact integers: floor(i*n/o) and ceil((i+1)*n/o).
    @Test func adaptiveWindowsAreExactBeyondSixtyFourBitProducts() {
        let (input, output) = (999_999_999_999, 9_999_999)
        #expect(AdaptivePooling.window(9_999_998, input: input, output: output) == 999_999_899_998..<999_999_999_999)
        #expect(AdaptivePooling.window(5_000_000, input: input, output: output) == 500_000_049_999..<500_000_150_000)
        #expect(AdaptivePooling.window(0, input: input, output: output) == 0..<100_001)
        #expect(AdaptivePooling.window(1, input: 7, output: 3) == 2..<5)
    }
}
