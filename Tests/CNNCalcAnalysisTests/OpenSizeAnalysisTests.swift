import CNNCalc
@testable import CNNCalcAnalysis
import Testing

/// The analysis of networks with open sizes: what it finds exact, what it leaves unknown, and
/// that every exact expression gives the number an analysis with that size gives.
@Suite struct OpenSizeAnalysisTests {
    static let length = OpenSize(name: "L", origin: "the length")

    /// The report of the network `layers` builds on a sequence of `L` steps of 8 features.
    static func report(_ layers: @escaping @Sendable (Int) throws(CNNCalcError) -> Network,
                       bindings: [String: Int] = [:]) throws(CNNCalcError) -> NetworkReport {
        try OpenSizeAnalysis.report(openSizes: [length], bindings: bindings) { sizes throws(CNNCalcError) in
            try layers(sizes["L"] ?? 0)
        }
    }

    static func network(_ text: String) -> @Sendable (Int) throws(CNNCalcError) -> Network {
        { length throws(CNNCalcError) in
            try CNNTextReader.network(from: text.replacingOccurrences(of: "$L", with: String(length)), source: "-e")
        }
    }

    /// Every exact size and cost of `open` evaluated at `sizes` equals the analysis made with those sizes.
    static func expectExact(_ open: NetworkReport, equals numeric: NetworkReport, at sizes: [String: Int]) throws {
        let report = try #require(open.openSizes)
        for (index, layer) in numeric.layers.enumerated() {
            for (axis, value) in report.outputShape(ofLayer: index).sizes.enumerated() {
                guard case .exact(let polynomial) = value else { continue }
                #expect(polynomial.value(for: sizes) == layer.outputShape.dimensions(in: .channelsLast)[axis], "\(layer.name) axis \(axis)")
            }
            if case .exact(let polynomial)? = report.macs(ofLayer: index) {
                #expect(polynomial.value(for: sizes) == layer.cost?.macs, "\(layer.name) MACs")
            }
            if case .exact(let polynomial)? = report.flops(ofLayer: index) {
                #expect(polynomial.value(for: sizes) == layer.cost?.flops, "\(layer.name) FLOPs")
            }
        }
    }

    @Test func lengthKeptThroughSameAndShiftedByValid() throws {
        let build = Self.network("input $Lx8 kind=sequence; a: conv 16 3 padding=same; b: conv 16 5; c: dense 4")
        let report = try Self.report(build)
        let open = try #require(report.openSizes)
        #expect(open.shapeText(open.outputShape(ofLayer: 1), layout: .channelsLast) == "L x 16")
        #expect(open.shapeText(open.outputShape(ofLayer: 2), layout: .channelsLast) == "L-4 x 16")
        // a: L*16*3*8 MACs; b: (L-4)*16*5*16 = 1,280*L - 5,120.
        #expect(open.countText(try #require(open.macs(ofLayer: 1))) == "384·L")
        #expect(open.countText(try #require(open.macs(ofLayer: 2))) == "1,280·L - 5,120")
        #expect(open.unknownCostLayers.isEmpty)
        for length in [9, 50, 101] {
            try Self.expectExact(report, equals: try Analyzer().analyze(try build(length)), at: ["L": length])
        }
    }

    @Test func attentionIsQuadraticInTheLength() throws {
        let build = Self.network("input $Lx16 kind=sequence; mha 2")
        let report = try Self.report(build)
        let macs = try #require(report.openSizes?.macs(ofLayer: 1))
        guard case .exact(let polynomial) = macs else {
            Issue.record("attention's MACs are not exact: \(macs)")
            return
        }
        #expect(polynomial.terms[["L": 2]] != nil)
        for length in [3, 17, 64] {
            try Self.expectExact(report, equals: try Analyzer().analyze(try build(length)), at: ["L": length])
        }
    }

    @Test func aStrideMakesTheLengthUnknown() throws {
        // ceil(L/2) is no polynomial: the stand-ins are even, the checks odd.
        let report = try Self.report(Self.network("input $Lx8 kind=sequence; conv 4 3 stride=2 padding=same; dense 2"))
        let open = try #require(report.openSizes)
        #expect(open.outputShape(ofLayer: 1).sizes[0] == .unknown(dependsOn: ["L"]))
        #expect(open.shapeText(open.outputShape(ofLayer: 1), layout: .channelsLast) == "?(L) x 4")
        #expect(open.unknownCostLayers == ["conv1", "dense1"])
    }

    @Test func poolingThenUpsamplingIsNotTheLength() throws {
        // 2*floor(L/2) equals L at every even size, not at odd ones.
        let report = try Self.report(Self.network("input $Lx8; maxpool 2; upsample 2"))
        let open = try #require(report.openSizes)
        #expect(open.outputShape(ofLayer: 2).sizes[0] == .unknown(dependsOn: ["L"]))
    }

    @Test func globalPoolingEndsTheDependence() throws {
        let report = try Self.report(Self.network("input $Lx8; conv 4 3 stride=2; globalavgpool; dense 3"))
        let open = try #require(report.openSizes)
        #expect(open.outputShape(ofLayer: 3).sizes.map(\.fixed) == [3])
        #expect(open.macs(ofLayer: 3)?.fixed == 12)
    }

    @Test func weightsThatDependOnTheLengthAreAnError() {
        let error = #expect(throws: CNNCalcError.self) {
            try Self.report(Self.network("input $Lx8; conv 4 3 padding=same; fc: dense 10"))
        }
        #expect(error?.kind == .shape)
        #expect(error?.description == "-e:1:39: fc: its weights depend on the open size L (806,410 and 1,612,810 values with the stand-ins L=20160 and 40320), as a Dense layer after a Flatten of an open axis does; give it a number, e.g. --dim L=N, or pool the axis away before the layer")
    }

    @Test func bindingEveryOpenSizeGivesAnOrdinaryReport() throws {
        let build = Self.network("input $Lx8 kind=sequence; conv 16 3")
        let report = try Self.report(build, bindings: ["L": 30])
        #expect(report.openSizes == nil)
        #expect(report.layers[1].outputShape == .sequence(steps: 28, features: 16))
        #expect(report == (try Analyzer().analyze(try build(30))))
    }

    @Test(arguments: [
        (["M": 4], "'M' is not an open size of the model; did you mean 'L'?"),
        (["L": 0], "the size 0 given to 'L' is not a positive size of at most 2^40; give a whole number of at least 1, e.g. L=128"),
    ])
    func badBindingsAreRefused(bindings: [String: Int], expected: String) {
        let error = #expect(throws: CNNCalcError.self) {
            try Self.report(Self.network("input $Lx8 kind=sequence"), bindings: bindings)
        }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == expected)
    }

    @Test func errorsOfTheStandInsSayWhichSizesTheyUsed() {
        let error = #expect(throws: CNNCalcError.self) {
            try Self.report(Self.network("input $Lx8 kind=sequence; b: input 7x8 kind=sequence; add inputs=input,b"))
        }
        #expect(error?.fix?.hasSuffix("the open sizes were given the stand-in sizes L=20160; if the model needs particular sizes, give them numbers (--dim L=N)") == true)
    }

    @Test func derivationsAreWrittenInTheOpenSize() throws {
        let report = try Self.report(Self.network("input $Lx8 kind=sequence; conv 16 5"))
        let derivation = try #require(report.openSizes?.derivation(ofLayer: 1, layout: .channelsLast))
        #expect(derivation.outputSteps.contains("length: (L - 5)/1 + 1 = L - 4"))
        #expect(derivation.costSteps.first == "MACs: (L - 4)*16*5*8 = 640*L - 2,560 (output positions x filters x kernel x input channels per filter)")
        #expect(derivation.parameterFormula == "(5*8+1)*16")
    }

    @Test func countsAreWrittenAsPolynomials() {
        let polynomial = SizePolynomial(terms: [["a": 1, "b": 1]: 432, ["a": 1]: -2, [:]: 7])
        #expect(polynomial.text(.report) == "432·a·b - 2·a + 7")
        #expect(polynomial.text(.plain) == "432*a*b-2*a+7")
        #expect(polynomial.value(for: ["a": 3, "b": 5]) == 432 * 15 - 6 + 7)
        #expect(SizePolynomial(terms: [["L": 2]: 1_000_000]).text(.short) == "1.00M·L^2")
    }

    @Test(arguments: [
        ([3, 5, 9], [1, 2, 4], [1, 2] as [Int]?),          // 1 + 2x through x = 1, 2, 4
        ([1, 4, 16], [1, 2, 4], [0, 0, 1]),                // x^2
        ([1, 2, 2], [1, 2, 4], nil),                       // no polynomial with whole coefficients
    ])
    func oneSizeInterpolation(values: [Int], nodes: [Int], expected: [Int]?) {
        let found = PolynomialFit.oneSize(values, nodes: nodes).map { coefficients in
            Array(coefficients.reversed().drop { $0 == 0 }.reversed())
        }
        #expect(found == expected)
    }
}
