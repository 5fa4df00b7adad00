import CNNCalc
import Testing

/// Receptive fields, costs and convention notes of the convolution, resampling, reshaping and
/// normalization families.
@Suite struct NewLayerAnalysisTests {
    private func report(_ text: String, _ convention: Convention = .keras) throws -> NetworkReport {
        try Analyzer(options: AnalysisOptions(convention: convention)).analyze(try CNNTextReader.network(from: text, source: "-e"))
    }

    private func field(_ text: String) throws -> ReceptiveFieldAxis? {
        guard case .local(let axes) = try report(text).layers.last?.receptiveField else { return nil }
        return axes.first
    }

    // Output 0 of the conv reads upsampled positions 0, 1 and 2, i.e. inputs 0, 0 and 1: 2 inputs centred at 0.5.
    @Test func upsamplingHalvesTheJump() throws {
        let axis = try #require(try field("input 16x1; upsample 2; conv 1 3"))
        #expect(axis == ReceptiveFieldAxis(size: 2, jump: Fraction(1, 2), start: 0.5))
        #expect(try report("input 16x1; upsample 2; conv 1 3").layers[1].receptiveField.text == "1 (jump 1/2, start 0)")
    }

    // Output 0 of a 3-tap, stride-2 transposed convolution gathers inputs -1 and 0.
    @Test func transposedConvolutionDividesTheJumpByItsStride() throws {
        let axis = try #require(try field("input 16x1; deconv 1 3 stride=2 padding=0"))
        #expect(axis == ReceptiveFieldAxis(size: 2, jump: Fraction(1, 2), start: -0.5))
        let back = try #require(try field("input 16x1; deconv 1 3 stride=2 padding=0; conv 1 2 stride=2"))
        #expect(back.jump == 1)
    }

    @Test func depthToSpaceAndSpaceToDepth() throws {
        #expect(try field("input 8x8x4; depthtospace 2")?.jump == Fraction(1, 2))
        #expect(try field("input 8x8x4; spacetodepth 2") == ReceptiveFieldAxis(size: 2, jump: 2, start: 0.5))
        #expect(try field("input 8x8x4; zeropad 2") == ReceptiveFieldAxis(size: 1, jump: 1, start: -2))
    }

    @Test func mixingLayersSeeTheWholeInput() throws {
        for text in ["input 8x8x4; reshape 4x4x16", "input 8x8x4; instancenorm", "input 8x8x4; groupnorm 2",
                     "input 8x8x4; layernorm axes=all", "input 8x8x4; adaptiveavgpool 1", "input 8x8x4; globalavgpool keepdims=true"] {
            #expect(try report(text).layers.last?.receptiveField == .whole, "\(text)")
        }
        #expect(try report("input 8x8x4; layernorm; prelu; lrn 3").layers.last?.receptiveField == .local([ReceptiveFieldAxis(size: 1, jump: 1, start: 0), ReceptiveFieldAxis(size: 1, jump: 1, start: 0)]))
    }

    // torchinfo multiplies ConvTranspose parameters by the OUTPUT positions: 222 * 15*15.
    @Test func transposedConvolutionMACsAndTorchinfo() throws {
        let layer = try report("input 7x7x4; deconv 6 3 stride=2").layers[1]
        #expect(layer.cost?.macs == 7 * 7 * 4 * 3 * 3 * 6)
        #expect(try layer.torchinfoMultAdds() == 222 * 15 * 15)
    }

    @Test func batchNormalizationOneAndThreeD() throws {
        let one = try report("input 100x8; batchnorm1d").layers[1]
        #expect(one.parameterCount == 4 * 8)
        #expect(one.outputShape == .featureMap(spatial: [100], channels: 8))
        let three = try report("input 4x8x8x2; batchnorm3d", .pytorch).layers[1]
        #expect(three.parameterCount == 2 * 2)
        #expect(three.stateCount == 2 * 2 + 1)
    }

    @Test func compareExplainsTheNewDisagreements() throws {
        let network = try CNNTextReader.network(
            from: "input 8x8x4; sep: separableconv 8 3; p: prelu; n: instancenorm; l: layernorm axes=all", source: "-e")
        let reports = try Convention.allCases.map { try Analyzer(options: AnalysisOptions(convention: $0)).analyze(network) }
        let text = CompareRenderer().render(reports)
        #expect(text.contains("separableconv: Keras' SeparableConv2D has one bias"))
        #expect(text.contains("prelu: Keras learns one slope per input value"))
        #expect(text.contains("instancenorm: PyTorch's InstanceNorm learns no scale or offset by default"))
        #expect(text.contains("layernorm axes=all: Keras and PyTorch learn a scale and an offset per value"))
    }

    @Test func jsonWritesFractionalJumps() throws {
        let json = JSONRenderer().render(try report("input 8x8x1; upsample 2"))
        #expect(json.contains("\"jump\" : [\n          0.5,\n          0.5\n        ]"))
    }
}
