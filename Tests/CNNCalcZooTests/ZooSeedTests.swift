import CNNCalc
import CNNCalcTestSupport
import Testing

/// The networks of the two questions CNNCalc grew from.
@Suite struct ZooSeedTests {
    struct LasagneDocument: Decodable {
        struct Network: Decodable {
            var layers: [Layer]
            var totalParameters: Int
        }

        struct Layer: Decodable {
            var outputShape: [Int]
            var parameters: Int
            var tensorShapes: [[Int]]
        }

        var networks: [String: Network]
    }

    /// Lasagne 0.1 and nolearn 0.6.1 ran the question's nolearn network
    /// (`Tests/Fixtures/lasagne/nolearn_mnist.py`, by `Scripts/generate_lasagne_fixtures.py`).
    @Test func lasagneSeedEqualsLasagnesCounts() throws {
        let document = Fixtures.decode(LasagneDocument.self, from: "lasagne/expected.json")
        let expected = try #require(document.networks["nolearn_mnist.py"])
        let network = try Zoo.model("seed/lasagne")
        #expect(network.sourceConvention == .lasagne)
        let report = try Analyzer(options: AnalysisOptions(convention: .lasagne)).analyze(network)
        #expect(report.layers.count == expected.layers.count)
        for (layer, row) in zip(report.layers, expected.layers) {
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == row.outputShape, "\(layer.name)")
            #expect(layer.parameterCount == row.parameters, "\(layer.name)")
            #expect(layer.learnables.map(\.shape).sorted { $0.count < $1.count } == row.tensorShapes, "\(layer.name)")
        }
        #expect(report.totals.parameters == expected.totalParameters)
        // The names of nolearn's table in the question.
        #expect(report.layers.map(\.name) == ["input", "conv2d1", "maxpool1", "conv2d2", "maxpool2", "dense", "output"])
    }

    /// Data Science SE 65392: "(50-5+1)x(50-5+1)x20 = [46x46x20]" and "(5*5*2+1)*20" parameters,
    /// with MATLAB's learnables for convolution2dLayer and fullyConnectedLayer.
    @Test func matlabSeedAsTheQuestionWorksItOut() throws {
        let network = try Zoo.model("seed/matlab")
        #expect(network.sourceConvention == .matlab)
        let report = try Analyzer(options: AnalysisOptions(convention: .matlab)).analyze(network)
        #expect(report.layers.map(\.name) == ["imageinput", "conv", "relu", "fc", "softmax"])
        let conv = report.layers[1]
        #expect(conv.outputShape.text(in: .channelsLast) == "46x46x20")
        #expect(conv.derivation(layout: .channelsLast).parameterFormula == "(5*5*2+1)*20")
        #expect(conv.learnables.map(\.shape) == [[5, 5, 2, 20], [1, 1, 20]])
        #expect(report.layers[3].learnables.map(\.shape) == [[5, 46 * 46 * 20], [5, 1]])
        #expect(report.layers[4].outputShape == .vector(features: 5))
    }

    @Test func seedsTakeOtherInputsAndClasses() throws {
        let lasagne = try Analyzer().analyze(try Zoo.model("seed/lasagne", input: .featureMap(spatial: [32, 32], channels: 3), classes: 2))
        #expect(lasagne.layers[1].parameterCount == (5 * 5 * 3 + 1) * 32)
        #expect(lasagne.layers.last?.outputShape == .vector(features: 2))
    }
}
