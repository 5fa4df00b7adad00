import CNNCalc
import Testing

/// A convolution slides along a sequence's steps as along a 1-D map's length, and costs as much.
@Suite struct SequenceConvolutionCostTests {
    // PyTorch Conv1d(3, 32, 5) over 100 steps: 96 output positions, 96*32*5*3 MACs; torchinfo
    // multiplies its (5*3*32+32) parameters by the 96 output positions.
    @Test(arguments: ["input 100x3 kind=sequence; conv 32 5", "input 100x3; conv 32 5"])
    func costCountsEveryStep(text: String) throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
        let convolution = report.layers[1]
        #expect(convolution.cost?.macs == 96 * 32 * 5 * 3)
        #expect(try convolution.torchinfoMultAdds() == (5 * 3 * 32 + 32) * 96)
        #expect(convolution.derivation(layout: .channelsLast).costSteps.first
            == "MACs: 96*32*5*3 = 46,080 (output positions x filters x kernel x input channels per filter)")
    }

    // MATLAB's clippedReluLayer(ceiling): min(max(0, x), ceiling), two comparisons per value.
    @Test func clippedReLUCostsTwoFLOPsPerValue() throws {
        let layer = Activation(.clippedReLU(ceiling: 10))
        let map = TensorShape.featureMap(spatial: [4, 4], channels: 2)
        #expect(try layer.cost(for: [map], output: map) == Cost(macs: 0, flops: 4 * 4 * 2 * 2))
        #expect(layer.kindName == "clippedrelu")
    }
}
