import CNNCalc
import CNNCalcTestSupport
import Testing

/// ``LayerReport/parameterFormula(layout:)`` finds the formula of convolutions, dense layers and
/// batch normalizations without building the whole derivation: it must be the derivation's formula.
@Suite struct ParameterFormulaTests {
    private static func expectFormulasMatchDerivations(of network: Network, _ name: String) throws {
        for convention in Convention.allCases {
            let report = try Analyzer(options: AnalysisOptions(convention: convention)).analyze(network)
            for layer in report.layers {
                for layout in [Layout.channelsLast, .channelsFirst] {
                    #expect(
                        layer.parameterFormula(layout: layout) == layer.derivation(layout: layout).parameterFormula,
                        "\(name): \(layer.name) in \(convention), \(layout)")
                }
            }
        }
    }

    @Test("equal the derivations' in every network run in PyTorch and Keras", arguments: FrameworkNetwork.all)
    func frameworkNetworks(_ network: FrameworkNetwork) throws {
        try Self.expectFormulasMatchDerivations(of: try CNNTextReader.network(from: network.cnn, source: network.name), network.name)
    }

    @Test("equal the derivations' in every model of the zoo", arguments: Zoo.models)
    func zooModels(_ model: ZooModel) throws {
        try Self.expectFormulasMatchDerivations(of: try model.network(model.defaultConfiguration), model.name)
    }

    @Test("equal the derivations' for frozen, shared and untied layers")
    func frozenSharedAndUntied() throws {
        var untied = Convolution(filters: 4, kernelSize: [3])
        untied.untiedBias = true
        var layers = [
            Layer(name: "x", kind: .input(Input(.featureMap(spatial: [8, 8], channels: 2)))),
            Layer(name: "c", kind: .convolution(untied)),
            Layer(name: "d", kind: .convolution(Convolution(filters: 4, kernelSize: [1], groups: 2, hasBias: false))),
            Layer(name: "e", kind: .convolution(Convolution(filters: 4, kernelSize: [1], groups: 2, hasBias: false))),
            Layer(name: "f", kind: .flatten(Flatten())),
            Layer(name: "g", kind: .dense(Dense(units: 3))),
        ]
        layers[3].sharesLearnablesWith = "d"
        layers[5].isTrainable = false
        try Self.expectFormulasMatchDerivations(of: try Network(layers: layers), "frozen, shared and untied")
    }
}
