@testable import CNNCalcZoo
import Testing

/// The helpers the families share, against the values torchvision's own functions give.
@Suite struct ZooLayersTests {
    // torchvision's _make_divisible(v, 8) (torchvision.models._utils, 0.28) gives these: the nearest
    // multiple of 8, at least 8, and never more than 10% below v.
    @Test(arguments: [(16.0, 16), (8.4, 8), (12.0, 16), (1408.0000000000002, 1408), (35.2, 32), (3.0, 8), (76.0, 80)])
    func makeDivisibleRoundsAsTorchvision(value: Double, expected: Int) {
        #expect(ZooLayers.makeDivisible(value, 8) == expected)
    }

    /// RegNetY-400MF's stages, derived from d=16, w_0=48, w_a=27.89, w_m=2.09 as torchvision
    /// derives them: the blocks and widths torchvision's `trunk_output` has
    /// (Tests/Fixtures/zoo/torchvision.json: block1 to block4).
    @Test func regNetY400MFStages() {
        #expect(RegNet.stages(RegNet.y400mf) == [
            RegNet.Stage(blocks: 1, width: 48, groupWidth: 8), RegNet.Stage(blocks: 3, width: 104, groupWidth: 8),
            RegNet.Stage(blocks: 6, width: 208, groupWidth: 8), RegNet.Stage(blocks: 6, width: 440, groupWidth: 8),
        ])
    }

    @Test func callNamesCountFromTheSecond() {
        #expect(ZooLayers.call("layer1.0.relu", 1) == "layer1.0.relu")
        #expect(ZooLayers.call("layer1.0.relu", 3) == "layer1.0.relu (call 3)")
    }

    @Test func aConvolutionWithOneGroupPerChannelIsDepthwise() {
        guard case .depthwiseConvolution = ZooLayers.conv2d(32, 32, kernel: [3], groups: 32) else {
            Issue.record("expected a depthwise convolution")
            return
        }
        guard case .convolution(let grouped) = ZooLayers.conv2d(128, 128, kernel: [3], groups: 32) else {
            Issue.record("expected a grouped convolution")
            return
        }
        #expect(grouped.groups == 32)
    }
}
