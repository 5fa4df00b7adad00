import CNNCalc
import Testing

@Suite struct ConventionTests {
    private func layer(_ text: String, _ convention: Convention, at index: Int = 1) throws -> LayerReport {
        try Analyzer(options: AnalysisOptions(convention: convention)).analyze(try CNNTextReader.network(from: text, source: "-e")).layers[index]
    }

    // The shapes the issue quotes for the MATLAB question's first layer.
    @Test(arguments: [
        (Convention.pytorch, ["weight [20, 2, 5, 5]", "bias [20]"]),
        (Convention.keras, ["kernel (5, 5, 2, 20)", "bias (20,)"]),
        (Convention.matlab, ["Weights 5×5×2×20", "Bias 1×1×20"]),
        (Convention.lasagne, ["W (20, 2, 5, 5)", "b (20,)"]),
    ])
    func convolutionLearnables(_ convention: Convention, _ expected: [String]) throws {
        let report = try layer("input 50x50x2; conv 20 5", convention)
        #expect(report.learnables.map { "\($0.name) \(convention.shapeText($0.shape))" } == expected)
        #expect(report.parameterCount == 1020)
    }

    // Published conventions: Keras 4C with 2C non-trainable, PyTorch 2C plus 2C + 1 buffer values,
    // MATLAB 2C learnables plus 2C states, Lasagne count_params 4C.
    @Test(arguments: [
        (Convention.keras, 128, 64, 64, 0),
        (Convention.pytorch, 64, 64, 0, 65),
        (Convention.matlab, 64, 64, 0, 64),
        (Convention.lasagne, 128, 64, 64, 0),
    ])
    func batchNormalization(_ convention: Convention, parameters: Int, trainable: Int, nonTrainable: Int, state: Int) throws {
        let report = try layer("input 8x8x32; batchnorm", convention)
        #expect(report.parameterCount == parameters)
        #expect(report.trainableCount == trainable)
        #expect(report.nonTrainableCount == nonTrainable)
        #expect(report.stateCount == state)
    }

    @Test func denseShapes() throws {
        #expect(try layer("input 800; dense 256", .pytorch).learnables.map(\.shape) == [[256, 800], [256]])
        #expect(try layer("input 800; dense 256", .matlab).learnables.map(\.shape) == [[256, 800], [256, 1]])
        #expect(try layer("input 800; dense 256", .keras).learnables.map(\.shape) == [[800, 256], [256]])
    }

    @Test func outputShapesDoNotDependOnTheConvention() throws {
        let shapes = try Convention.allCases.map { convention in
            try Analyzer(options: AnalysisOptions(convention: convention))
                .analyze(try CNNTextReader.network(from: BuiltInExample.text, source: "-e")).layers.map(\.outputShape)
        }
        #expect(Set(shapes).count == 1)
    }
}
