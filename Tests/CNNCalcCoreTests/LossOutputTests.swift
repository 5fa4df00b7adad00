import CNNCalcCore
import Testing

/// MATLAB's output layers: the training loss at the end, which passes its input through.
@Suite struct LossOutputTests {
    @Test(arguments: [LossOutput.Loss.crossEntropy, .meanSquaredError])
    func passesItsInputThroughAndLearnsNothing(loss: LossOutput.Loss) throws {
        let layer = LossOutput(loss)
        for input in [TensorShape.vector(features: 10), .featureMap(spatial: [28, 28], channels: 3), .sequence(steps: 5, features: 9)] {
            #expect(try layer.outputShape(for: [input], layout: .channelsLast) == input)
            for convention in Convention.allCases {
                #expect(try LayerKind.lossOutput(layer).learnables(for: [input], convention: convention).isEmpty)
            }
            #expect(try layer.cost(for: [input], output: input) == .zero)
        }
        #expect(layer.kindName == (loss == .crossEntropy ? "classoutput" : "regressionoutput"))
    }
}
