import CNNCalc
import Testing

/// ``Layer/isTrainable`` and ``Layer/sharesLearnablesWith``: frozen layers and layers called twice.
@Suite struct FrozenAndSharedLayerTests {
    /// input 16 -> dense 8 (a) -> dense 8 (b), with the given flags on b.
    static func network(frozen: Bool = false, sharedWith owner: String? = nil) throws -> Network {
        var layers = [
            Layer(name: "x", kind: .input(Input(.vector(features: 16)))),
            Layer(name: "a", kind: .dense(Dense(units: 16, flattensInput: false))),
            Layer(name: "b", kind: .dense(Dense(units: 16, flattensInput: false))),
        ]
        layers[2].isTrainable = !frozen
        layers[2].sharesLearnablesWith = owner
        return try Network(layers: layers)
    }

    @Test func frozenLayerMovesItsWeightsToNonTrainable() throws {
        let report = try Analyzer().analyze(try Self.network(frozen: true))
        // (16 + 1) * 16 = 272 per layer; b's are frozen.
        #expect(report.totals.parameters == 544)
        #expect(report.totals.trainable == 272)
        #expect(report.totals.nonTrainable == 272)
        #expect(report.layers[2].learnables.map(\.role) == [.nonTrainable, .nonTrainable])
    }

    @Test func frozenLayerKeepsBuffersAsState() throws {
        var layers = [
            Layer(name: "x", kind: .input(Input(.featureMap(spatial: [4, 4], channels: 8)))),
            Layer(name: "bn", kind: .batchNormalization(BatchNormalization())),
        ]
        layers[1].isTrainable = false
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try Network(layers: layers))
        // PyTorch: weight and bias (2 * 8) become non-trainable; running statistics stay buffers.
        #expect(report.totals.trainable == 0)
        #expect(report.totals.nonTrainable == 16)
        #expect(report.layers[1].stateCount > 0)
    }

    @Test func sharedLayerCountsNothingButKeepsItsCost() throws {
        let plain = try Analyzer().analyze(try Self.network())
        let shared = try Analyzer().analyze(try Self.network(sharedWith: "a"))
        #expect(shared.layers[2].parameterCount == 0)
        #expect(shared.totals.parameters == 272)
        #expect(shared.layers[2].cost == plain.layers[2].cost)
        #expect(shared.layers[2].outputShape == plain.layers[2].outputShape)
    }

    @Test func explainSaysWhereSharedWeightsAreCounted() throws {
        let report = try Analyzer().analyze(try Self.network(sharedWith: "a"))
        let derivation = report.layers[2].derivation(layout: .channelsLast)
        #expect(derivation.parameterSteps == ["none of its own: it reuses the weights of 'a', counted there"])
        #expect(derivation.parameterFormula == "")
    }

    @Test func explainSaysAFrozenLayerIsFrozen() throws {
        let report = try Analyzer().analyze(try Self.network(frozen: true))
        let derivation = report.layers[2].derivation(layout: .channelsLast)
        #expect(derivation.parameterSteps.last == "frozen: training leaves these weights alone, so they count as non-trainable")
    }
}
