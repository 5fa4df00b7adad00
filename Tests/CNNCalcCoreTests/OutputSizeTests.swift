import CNNCalcCore
import CNNCalcTestSupport
import Testing

/// One layer of `Tests/Fixtures/output-size-cases.json`, run through PyTorch or Keras by
/// `Scripts/generate_output_size_cases.py`.
struct FrameworkWindowCase: Decodable, Sendable, CustomTestStringConvertible {
    enum PaddingSpec: Decodable, Sendable {
        case named(String)
        case sides([[Int]])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let name = try? container.decode(String.self) { self = .named(name) } else {
                self = .sides(try container.decode([[Int]].self))
            }
        }
    }

    var id: String
    var framework: String
    var operation: String
    var input: [Int]
    var kernel: [Int]
    var stride: [Int]
    var dilation: [Int]
    var padding: PaddingSpec
    var ceilMode: Bool
    var output: [Int]

    var testDescription: String { id }

    var cnnPadding: Padding {
        switch padding {
        case .named("same"): .same
        case .named("full"): .full
        case .named(_): .valid
        case .sides(let sides): .explicit(sides.map { AxisPadding(before: $0[0], after: $0[1]) })
        }
    }
}

struct OutputSizeCases: Decodable {
    var cases: [FrameworkWindowCase]
    static let all = Fixtures.decode(OutputSizeCases.self, from: "output-size-cases.json").cases
}

@Suite struct OutputSizeTests {
    @Test("matches what PyTorch and Keras produce", arguments: OutputSizeCases.all)
    func matchesFramework(_ c: FrameworkWindowCase) throws {
        let window = SlidingWindow(kernel: c.kernel, stride: c.stride, dilation: c.dilation, padding: c.cnnPadding, ceilMode: c.ceilMode)
        let axes = try window.axes(over: SpatialSizes(c.input), what: c.operation == "conv" ? "kernel" : "pool")
        #expect(axes.map(\.length) == c.output)
    }

    @Test func fixtureCoversEveryRuleAndRank() {
        let cases = OutputSizeCases.all
        #expect(cases.count > 300)
        #expect(Set(cases.map(\.input.count)) == [1, 2, 3])
        #expect(Set(cases.map(\.framework)) == ["pytorch", "keras"])
        #expect(cases.contains { $0.ceilMode })
        #expect(cases.contains { $0.dilation.contains { $0 > 1 } })
        for name in ["same", "full", "valid"] {
            #expect(cases.contains { if case .named(name) = $0.padding { true } else { false } })
        }
    }

    struct RuleCase: Sendable, CustomTestStringConvertible {
        var input: Int, kernel: Int, stride: Int, dilation: Int = 1
        var padding: AxisPaddingMode
        var ceilMode = false
        var expected: Int, padBefore: Int, padAfter: Int, uncovered: Int
        var testDescription: String { "in \(input) k \(kernel) s \(stride) d \(dilation) \(padding)\(ceilMode ? " ceil" : "") -> \(expected)" }
    }

    // The worked values of Padding's documentation table, and the rule's corners.
    static let rules: [RuleCase] = [
        .init(input: 28, kernel: 5, stride: 2, padding: .valid, expected: 12, padBefore: 0, padAfter: 0, uncovered: 1),
        .init(input: 28, kernel: 5, stride: 2, padding: .same, expected: 14, padBefore: 1, padAfter: 2, uncovered: 0),
        .init(input: 28, kernel: 5, stride: 2, padding: .full, expected: 16, padBefore: 4, padAfter: 4, uncovered: 0),
        .init(input: 28, kernel: 5, stride: 2, padding: .explicit(.init(before: 2, after: 2)), expected: 14, padBefore: 2, padAfter: 2, uncovered: 0),
        .init(input: 28, kernel: 5, stride: 1, padding: .valid, expected: 24, padBefore: 0, padAfter: 0, uncovered: 0),
        .init(input: 50, kernel: 5, stride: 1, padding: .valid, expected: 46, padBefore: 0, padAfter: 0, uncovered: 0),
        .init(input: 28, kernel: 5, stride: 1, padding: .full, expected: 32, padBefore: 4, padAfter: 4, uncovered: 0),
        .init(input: 28, kernel: 3, stride: 1, dilation: 2, padding: .valid, expected: 24, padBefore: 0, padAfter: 0, uncovered: 0),
        .init(input: 7, kernel: 4, stride: 1, padding: .same, expected: 7, padBefore: 1, padAfter: 2, uncovered: 0),
        .init(input: 5, kernel: 2, stride: 2, padding: .explicit(.init(before: 1, after: 1)), ceilMode: true, expected: 3, padBefore: 1, padAfter: 1, uncovered: 0),
        .init(input: 6, kernel: 2, stride: 2, padding: .explicit(.init(before: 1, after: 1)), ceilMode: true, expected: 4, padBefore: 1, padAfter: 1, uncovered: 0),
        .init(input: 7, kernel: 3, stride: 3, padding: .explicit(.init(before: 1, after: 1)), ceilMode: true, expected: 3, padBefore: 1, padAfter: 1, uncovered: 0),
        .init(input: 3, kernel: 5, stride: 1, padding: .valid, expected: 0, padBefore: 0, padAfter: 0, uncovered: 0),
    ]

    @Test(arguments: rules)
    func ruleTable(_ c: RuleCase) {
        let axis = AxisOutput(inputLength: c.input, kernel: c.kernel, stride: c.stride, dilation: c.dilation, padding: c.padding, ceilMode: c.ceilMode)
        #expect(axis.length == c.expected)
        #expect(axis.padBefore == c.padBefore)
        #expect(axis.padAfter == c.padAfter)
        #expect(axis.uncoveredInputs == c.uncovered)
    }

    @Test func kernelLargerThanInputIsAnError() {
        let window = SlidingWindow(kernel: [5], stride: [1])
        let error = #expect(throws: CNNCalcError.self) { try window.axes(over: [3, 3], what: "kernel") }
        #expect(error?.kind == .shape)
        #expect(error?.description == "kernel 5x5 does not fit the 3x3 input (padding 0); use padding=same or a kernel of at most 3")
    }

    @Test func dilatedKernelThatDoesNotFitSaysWhatItSpans() {
        let window = SlidingWindow(kernel: [3], stride: [1], dilation: [3])
        let error = #expect(throws: CNNCalcError.self) { try window.axes(over: [6], what: "kernel") }
        #expect(error?.description == "kernel 3 (spanning 7 with dilation 3) does not fit the 6 input (padding 0); use padding=same, a smaller dilation or a smaller kernel")
    }

    @Test func axisCountMustMatchInput() {
        let window = SlidingWindow(kernel: [3, 3, 3], stride: [1])
        let error = #expect(throws: CNNCalcError.self) { try window.axes(over: [28, 28], what: "kernel") }
        #expect(error?.description == "kernel 3x3x3 has 3 axes but the input 28x28 has 2 spatial axes; give 2 sizes like 3x3 or a single number")
    }

    @Test(arguments: [
        (SlidingWindow(kernel: [], stride: [1]), "kernel has no size but the input 28x28 has 2 spatial axes; give 2 sizes like 1x1 or a single number"),
        (SlidingWindow(kernel: [3], stride: []), "stride has no size but the input 28x28 has 2 spatial axes; give 2 sizes like 1x1 or a single number"),
        (SlidingWindow(kernel: [3], stride: [1], dilation: []), "dilation has no size but the input 28x28 has 2 spatial axes; give 2 sizes like 1x1 or a single number"),
    ])
    func emptySizesAreAnErrorNotATrap(_ window: SlidingWindow, _ message: String) {
        let error = #expect(throws: CNNCalcError.self) { try window.axes(over: [28, 28], what: "kernel") }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == message)
    }

    @Test func zeroStrideIsAnError() {
        let window = SlidingWindow(kernel: [3], stride: [0])
        let error = #expect(throws: CNNCalcError.self) { try window.axes(over: [28, 28], what: "kernel") }
        #expect(error?.description == "stride 0 is not positive; stride sizes must be 1 or more")
    }
}
