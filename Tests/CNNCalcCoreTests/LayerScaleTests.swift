import CNNCalcCore
import Testing

/// A learned scale per channel: ConvNeXt's layer scale, Lasagne's ScaleLayer.
@Suite struct LayerScaleTests {
    // ConvNeXt-T's first stage: a 96-channel map of 56x56 (torchvision's CNBlock.layer_scale is [96, 1, 1]).
    let input = TensorShape.featureMap(spatial: [56, 56], channels: 96)

    @Test func shapeIsUnchanged() throws {
        #expect(try LayerScale().outputShape(for: [input], layout: .channelsFirst) == input)
    }

    @Test(arguments: [
        (Convention.pytorch, "layer_scale", [96, 1, 1]),
        (.keras, "gamma", [96]),
        (.matlab, "Scale", [1, 1, 96]),
        (.lasagne, "scales", [96]),
    ])
    func oneTrainableScalePerChannel(convention: Convention, name: String, shape: [Int]) throws {
        let learnables = try LayerScale().learnables(for: [input], convention: convention)
        #expect(learnables == [Learnable(name, shape: shape, role: .trainable)])
        #expect(try learnables[0].elementCount() == 96)
    }

    @Test func oneMultiplyPerValue() throws {
        let cost = try LayerScale().cost(for: [input], output: input)
        #expect(cost?.macs == 0)
        #expect(cost?.flops == 56 * 56 * 96)
    }

    // torchinfo adds up leaf modules only; the layer scale is a parameter of the block.
    @Test func torchinfoCountsNoMultAdds() {
        #expect(LayerScale().torchinfoRule == .never)
        #expect(LayerScale().layerKind.kindName == "layerscale")
    }
}
