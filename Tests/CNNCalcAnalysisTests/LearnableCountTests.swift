import CNNCalc
import CNNCalcTestSupport
import Testing

/// ``LayerKind/learnableCounts(for:convention:)`` counts convolutions, batch normalizations and
/// dense layers without building their learnables: its numbers must be the sums of the learnables.
@Suite struct LearnableCountTests {
    /// Every layer of `network` with the shapes arriving at it.
    private static func layersWithInputs(_ network: Network) throws -> [(Layer, [TensorShape])] {
        let report = try Analyzer().analyze(network)
        return report.layers.map { ($0.layer, $0.inputShapes) }
    }

    private static func expectCountsAreSums(of network: Network, _ name: String) throws {
        for (layer, inputs) in try layersWithInputs(network) {
            for convention in Convention.allCases {
                let summed = try LearnableCounts(layer.kind.learnables(for: inputs, convention: convention))
                let counted = try layer.kind.learnableCounts(for: inputs, convention: convention)
                #expect(counted == summed, "\(name): \(layer.name) in \(convention)")
            }
        }
    }

    @Test("equal the sums of the learnables in every network run in PyTorch and Keras", arguments: FrameworkNetwork.all)
    func frameworkNetworks(_ network: FrameworkNetwork) throws {
        try Self.expectCountsAreSums(of: try CNNTextReader.network(from: network.cnn, source: network.name), network.name)
    }

    @Test("equal the sums of the learnables in every model of the zoo", arguments: Zoo.models)
    func zooModels(_ model: ZooModel) throws {
        let network = try model.network(model.defaultConfiguration)
        try Self.expectCountsAreSums(of: network, model.name)
    }

    @Test("equal the sums of the learnables for the variants of each counted kind", arguments: [
        "input 28x28x3; conv 8 3 bias=false",
        "input 28x28x4; conv 8 3 groups=2",
        "input 28x28x3; conv 8 3x5 dilation=2",
        "input 16x16x16x3; conv 4 3",
        "input 100x8; conv 16 5",
        "input 28x28x3; bn",
        "input 28x28x3; bn scale=false center=false",
        "input 8x8x3; dense 10",
        "input 8x8x3; dense 10 bias=false",
        "input 50x300; dense 64",
        "input 16; dense 4",
    ])
    func variants(_ text: String) throws {
        try Self.expectCountsAreSums(of: try CNNTextReader.network(from: text, source: "-e"), text)
    }

    @Test func untiedBiasIsCountedThroughItsLearnables() throws {
        var convolution = Convolution(filters: 4, kernelSize: [3])
        convolution.untiedBias = true
        let input: [TensorShape] = [.featureMap(spatial: [8, 8], channels: 2)]
        #expect(LayerKind.convolution(convolution).directLearnableCounts(for: input, convention: .lasagne) == nil)
        // kernel 3*3*2*4 = 72, and one bias per filter and output position: 4*6*6 = 144.
        #expect(try LayerKind.convolution(convolution).learnableCounts(for: input, convention: .lasagne).trainable == 216)
    }

    @Test func countsThatOverflowAreCountedThroughTheLearnablesAndTheirError() throws {
        let input: [TensorShape] = [.vector(features: 1 << 40)]
        let dense = LayerKind.dense(Dense(units: 1 << 40))
        #expect(dense.directLearnableCounts(for: input, convention: .keras) == nil)
        #expect(throws: CNNCalcError.self) { try dense.learnableCounts(for: input, convention: .keras) }
    }

    @Test("frozen and shared layers report the sums of what they list", arguments: [(true, nil), (false, "a"), (true, "a")] as [(Bool, String?)])
    func frozenAndShared(_ frozen: Bool, _ owner: String?) throws {
        let report = try Analyzer().analyze(try FrozenAndSharedLayerTests.network(frozen: frozen, sharedWith: owner))
        for layer in report.layers {
            let summed = try LearnableCounts(layer.learnables)
            #expect([layer.trainableCount, layer.nonTrainableCount, layer.stateCount] == [summed.trainable, summed.nonTrainable, summed.state])
        }
    }
}
