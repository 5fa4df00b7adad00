import CNNCalc
import CNNCalcTestSupport
import Testing

/// Every `keras/` zoo model against Keras Applications: at its default and with one other knob
/// (input and classes, no top, or `alpha`). Keras' layers are the zoo's rows one for one, with
/// Keras' names, so every row must have Keras' output shape and `count_params()`, and the totals
/// Keras' `count_params()` and trainable/non-trainable split.
@Suite struct ZooKerasTests {
    static let cases = ZooFixtures.keras.cases

    @Test(arguments: cases)
    func parametersEqualKerasCountParams(_ fixture: ZooKerasCase) throws {
        let network = try fixture.network()
        #expect(network.sourceConvention == .keras)
        let report = try Analyzer(options: AnalysisOptions(convention: .keras)).analyze(network)
        #expect(report.totals.parameters == fixture.parameters, "model.count_params()")
        #expect(report.totals.trainable == fixture.trainable, "trainable_weights")
        #expect(report.totals.nonTrainable == fixture.nonTrainable, "non_trainable_weights")
    }

    @Test(arguments: cases)
    func everyLayerHasKerasShapeAndParameters(_ fixture: ZooKerasCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .keras)).analyze(try fixture.network())
        #expect(report.layers.map(\.name).sorted() == fixture.layers.map(\.name).sorted(), "the rows are Keras' layers")
        let rows = Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
        for expected in fixture.layers {
            guard let row = rows[expected.name] else { continue }
            #expect(row.outputShape.dimensions(in: .channelsLast) == expected.shape, "\(expected.name)")
            #expect(row.parameterCount == expected.parameters, "\(expected.name)")
        }
    }

    @Test(arguments: cases.filter { $0.options.case == "default" })
    func defaultInputIsKerass(_ fixture: ZooKerasCase) throws {
        let model = try Zoo.entry(named: fixture.model)
        #expect(model.defaultInput.dimensions(in: .channelsLast) == fixture.options.input)
        #expect(model.inputLayout == .channelsLast)
        let report = try Analyzer(options: AnalysisOptions(convention: .keras)).analyze(try Zoo.model(fixture.model))
        #expect(report.totals.parameters == fixture.parameters)
    }
}
