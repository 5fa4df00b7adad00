import CNNCalcCore
import Testing

/// A Vision Transformer's token layers: the class token, the position embedding and `x[:, i]`.
@Suite struct TokenLayerTests {
    // ViT-B/16 at 224x224: 196 patches of 768 features, 197 tokens with the class token.
    let patches = TensorShape.sequence(steps: 196, features: 768)
    let tokens = TensorShape.sequence(steps: 197, features: 768)

    @Test func classTokenAddsOneStep() throws {
        #expect(try ClassToken().outputShape(for: [patches], layout: .channelsFirst) == tokens)
        // A 1-D feature map is read as steps x features, as the sequence layers do.
        let map = TensorShape.featureMap(spatial: [10], channels: 4)
        #expect(try ClassToken().outputShape(for: [map], layout: .channelsLast) == .sequence(steps: 11, features: 4))
    }

    @Test(arguments: [
        (Convention.pytorch, "class_token", [1, 1, 768]),
        (.keras, "class_token", [1, 1, 768]),
        (.matlab, "ClassToken", [768, 1]),
        (.lasagne, "class_token", [768]),
    ])
    func classTokenIsOneTrainableVector(convention: Convention, name: String, shape: [Int]) throws {
        let learnables = try ClassToken().learnables(for: [patches], convention: convention)
        #expect(learnables == [Learnable(name, shape: shape, role: .trainable)])
        #expect(try learnables[0].elementCount() == 768)
    }

    @Test(arguments: [
        (Convention.pytorch, "pos_embedding", [1, 197, 768]),
        (.keras, "embeddings", [197, 768]),
        (.matlab, "Weights", [768, 197]),
        (.lasagne, "W", [197, 768]),
    ])
    func positionEmbeddingIsOneVectorPerStep(convention: Convention, name: String, shape: [Int]) throws {
        let learnables = try PositionEmbedding().learnables(for: [tokens], convention: convention)
        #expect(learnables == [Learnable(name, shape: shape, role: .trainable)])
        #expect(try learnables[0].elementCount() == 151_296)  // 197*768, torchvision's encoder.pos_embedding
    }

    @Test func positionEmbeddingKeepsTheShapeAndAddsOncePerValue() throws {
        #expect(try PositionEmbedding().outputShape(for: [tokens], layout: .channelsFirst) == tokens)
        let cost = try PositionEmbedding().cost(for: [tokens], output: tokens)
        #expect(cost == Cost(macs: 0, flops: 197 * 768))
        #expect(try ClassToken().cost(for: [patches], output: tokens) == .zero)
    }

    @Test(arguments: [0, 5, 196, -1, -197])
    func selectStepGivesTheFeaturesOfOneStep(index: Int) throws {
        #expect(try SelectStep(index: index).outputShape(for: [tokens], layout: .channelsFirst) == .vector(features: 768))
        #expect(try SelectStep(index: index).learnables(for: [tokens], convention: .pytorch).isEmpty)
        #expect(try SelectStep(index: index).cost(for: [tokens], output: .vector(features: 768)) == .zero)
    }

    @Test(arguments: [197, -198])
    func selectStepOutsideTheStepsIsAnError(index: Int) {
        let error = #expect(throws: CNNCalcError.self) {
            try SelectStep(index: index).outputShape(for: [tokens], layout: .channelsFirst)
        }
        #expect(error?.kind == .shape)
        #expect(error?.description == "selectstep \(index) is outside the 197 steps of its input 197x768; give a step from 0 to 196, or from -1 (the last) to -197")
    }

    @Test func aMapOfTwoAxesIsNoSequence() {
        let map = TensorShape.featureMap(spatial: [14, 14], channels: 768)
        for kind in [ClassToken().layerKind, PositionEmbedding().layerKind, SelectStep().layerKind] {
            let error = #expect(throws: CNNCalcError.self) { try kind.outputShape(for: [map], layout: .channelsFirst) }
            #expect(error?.kind == .shape)
            #expect(error?.description.hasPrefix("\(kind.kindName) needs a sequence (steps x features) or a 1-D feature map") == true)
        }
    }

    // torchinfo adds up leaf modules only: the token and the table are parameters of torchvision's
    // VisionTransformer and Encoder, and nn.MultiheadAttention holds out_proj, so it is no leaf.
    @Test func torchinfoCountsNoMultAdds() {
        #expect(ClassToken().torchinfoRule == .never)
        #expect(PositionEmbedding().torchinfoRule == .never)
        #expect(MultiHeadAttention(heads: 12).torchinfoRule == .never)
        #expect([ClassToken().layerKind.kindName, PositionEmbedding().layerKind.kindName, SelectStep().layerKind.kindName]
                == ["classtoken", "posembedding", "selectstep"])
    }
}
