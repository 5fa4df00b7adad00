import CNNCalc
import CNNCalcTestSupport
import Testing

/// ViT-B/16's MACs, which torchinfo does not count: against the operations PyTorch ran and
/// against the architecture's own arithmetic; and why torchinfo's total is what it is.
@Suite struct ZooVisionTransformerTests {
    static let cases = ZooFixtures.torchvision.cases.filter { $0.operationMACs != nil }

    @Test func theFixtureHasTheVisionTransformer() {
        #expect(Self.cases.map(\.options.case) == ["default", "input and classes", "no top"])
    }

    /// CNNCalc's own MACs are the multiply-accumulates of every convolution, addmm and bmm PyTorch
    /// ran, counted from their shapes by `Scripts/generate_zoo_fixtures.py`, plus one per value
    /// for the scale and shift of each LayerNorm, as CNNCalc counts every normalization.
    @Test(arguments: cases)
    func macsAreTheOperationsPyTorchRanAndTheNormalizations(_ fixture: ZooFixtureCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try fixture.network())
        var normalizations = 0
        for layer in report.layers {
            guard case .layerNormalization = layer.layer.kind else { continue }
            #expect(layer.cost?.macs == layer.outputElements, "\(layer.name)")
            normalizations += layer.cost?.macs ?? 0
        }
        #expect(report.totals.cost.macs - normalizations == fixture.operationMACs)
    }

    /// The MACs written out from the paper's architecture: `P` patches of 16x16x3 projected to
    /// `D = 768`; `L = P + 1` tokens through 12 blocks of the four attention projections
    /// (`4*L*D*D`), the scores and the weighted sum (`2*L*L*D`, over the 12 heads of 64), the MLP
    /// (`2*L*D*3072`) and two LayerNorms (`2*L*D`, a scale and shift per value), the last LayerNorm
    /// (`L*D`), and the head on one token (`D*classes`).
    @Test(arguments: [(224, 1000), (384, 10), (32, 2)])
    func macsFollowTheArchitecture(side: Int, classes: Int) throws {
        let (d, mlp, blocks) = (768, 3072, 12)
        let patches = (side / 16) * (side / 16)
        let tokens = patches + 1
        let block = 4 * tokens * d * d + 2 * tokens * tokens * d + 2 * tokens * d * mlp + 2 * tokens * d
        let expected = patches * d * (16 * 16 * 3) + blocks * block + tokens * d + d * classes
        let network = try Zoo.model("vit_b_16", input: .featureMap(spatial: [side, side], channels: 3), classes: classes)
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(network)
        #expect(report.totals.cost.macs == expected)
    }

    /// torchinfo's total, as the fixture recorded it, is the patch convolution's parameters times
    /// its positions, plus every parameter of the other leaf modules once (a Linear is counted
    /// once per example, not once per token), and nothing for the attention, the class token
    /// and the position embedding, which are no leaf modules' parameters.
    @Test(arguments: cases)
    func torchinfoCountsLinearsOncePerExampleAndNoAttention(_ fixture: ZooFixtureCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try fixture.network())
        var expected = 0
        for layer in report.layers {
            switch layer.layer.kind {
            case .convolution: expected += layer.parameterCount * layer.outputShape.spatial.reduce(1, *)
            case .multiHeadAttention, .classToken, .positionEmbedding: break
            default: expected += layer.parameterCount
            }
        }
        #expect(expected == fixture.multAdds)
        #expect(fixture.multAdds * 50 < report.totals.cost.macs, "torchinfo counts under 2% of the MACs")
    }
}
