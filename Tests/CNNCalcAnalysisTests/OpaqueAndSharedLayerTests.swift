import CNNCalc
import Testing

/// The two core additions readers of foreign formats need: operators without a formula, and tied weights.
@Suite struct OpaqueAndSharedLayerTests {
    static let vector16: TensorShape = .vector(features: 16)

    func network(_ layers: [Layer]) throws -> Network {
        try Network(layers: [Layer(name: "x", kind: .input(Input(Self.vector16)))] + layers)
    }

    @Test func opaqueLayerTakesItsDeclaredShapeAndTensors() throws {
        let op = OpaqueOperator(
            operatorName: "Einsum", declaredOutputShape: .sequence(steps: 4, features: 8),
            declaredLearnables: [Learnable("mix.weight", shape: [4, 8, 16], role: .trainable)])
        let report = try Analyzer().analyze(try network([
            Layer(name: "mix", kind: .opaque(op), inputs: ["x"]),
            Layer(name: "fc", kind: .dense(Dense(units: 2, flattensInput: false)), inputs: ["mix"]),
        ]))
        #expect(report.layers[1].outputShape == .sequence(steps: 4, features: 8))
        #expect(report.layers[1].parameterCount == 4 * 8 * 16)
        // The dense layer after it acts on the declared 8 features: (8+1)*2.
        #expect(report.layers[2].parameterCount == 18)
        // Its cost is unknown, so the totals say so.
        #expect(report.totals.uncostedLayers == ["mix"])
        #expect(report.totals.parameters == 512 + 18)
    }

    @Test func opaqueLayerLearnablesAreTheSameUnderEveryConvention() throws {
        let op = OpaqueOperator(operatorName: "PRelu", declaredOutputShape: nil, keepsInputShape: true,
                                declaredLearnables: [Learnable("slope", shape: [16], role: .trainable)], knownCost: .flops(16))
        let network = try network([Layer(name: "p", kind: .opaque(op), inputs: ["x"])])
        for convention in Convention.allCases {
            let report = try Analyzer(options: AnalysisOptions(convention: convention)).analyze(network)
            #expect(report.layers[1].outputShape == Self.vector16)
            #expect(report.layers[1].learnables == [Learnable("slope", shape: [16], role: .trainable)])
            #expect(report.totals.uncostedLayers.isEmpty)
        }
    }

    @Test func sharedLayerCountsNoLearnablesButKeepsItsCost() throws {
        let report = try Analyzer().analyze(try network([
            Layer(name: "fc", kind: .dense(Dense(units: 16)), inputs: ["x"]),
            Layer(name: "fc_again", kind: .dense(Dense(units: 16)), inputs: ["fc"], sharesLearnablesWith: "fc"),
        ]))
        #expect(report.layers.map(\.parameterCount) == [0, 272, 0])
        #expect(report.totals.parameters == 272)
        // 16*16 MACs each time the layer runs.
        #expect(report.layers[2].cost?.macs == 256)
        #expect(report.totals.cost.macs == 512)
    }

    @Test func sourceConventionIsNilForWrittenNetworks() throws {
        let network = try CNNTextReader.network(from: "input 28x28x1; conv 8 3", source: "-e")
        #expect(network.sourceConvention == nil)
    }
}
