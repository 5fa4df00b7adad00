import CNNCalc
import Testing

/// Layers built with the library API, which bypasses the reader's limit on written numbers, with
/// `Int.max` wherever a layer takes a whole number: every one gives an error naming the layer.
@Suite struct LibraryOverflowTests {
    static let big = Int.max
    static let small = Int.min
    static let beyondLimit = "is larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; "
        + "check the sizes for a typo; no real network is this large"
    static let largerThanLimit = "larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; "
        + "check the sizes for a typo; no real network is this large"
    static let beyond64Bits = "is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; "
        + "check the sizes for a typo; no real network is this large"

    static let map = TensorShape.featureMap(spatial: [8, 8], channels: 4)
    static let sequence = TensorShape.sequence(steps: 10, features: 8)
    static let tokens = TensorShape.vector(features: 10)

    struct LibraryCase: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: LayerKind
        var input: TensorShape
        var errorKind: CNNCalcError.Kind
        var expected: String
        var testDescription: String { name }

        init(_ name: String, _ kind: LayerKind, _ input: TensorShape, _ errorKind: CNNCalcError.Kind, _ expected: String) {
            (self.name, self.kind, self.input, self.errorKind, self.expected) = (name, kind, input, errorKind, expected)
        }
    }

    static let cases: [LibraryCase] = [
        .init("input", .input(Input(.featureMap(spatial: [big, big], channels: big))), map, .overflow,
              "huge: the output \(big)x\(big)x\(big) has an axis of \(big), \(largerThanLimit)"),
        .init("conv, every size", .convolution(Convolution(filters: big, kernelSize: [big], stride: [big], padding: .uniform(big), dilation: [big], groups: 1)), map, .overflow,
              "huge: kernel \(big) \(beyondLimit)"),
        .init("conv filters", .convolution(Convolution(filters: big, kernelSize: [1])), map, .overflow,
              "huge: the output 8x8x\(big) has an axis of \(big), \(largerThanLimit)"),
        .init("conv dilation", .convolution(Convolution(filters: 1, kernelSize: [3], dilation: [big])), map, .overflow,
              "huge: dilation \(big) \(beyondLimit)"),
        .init("conv padding", .convolution(Convolution(filters: 1, kernelSize: [3], padding: .uniform(big))), map, .overflow,
              "huge: padding \(big) \(beyondLimit)"),
        .init("maxpool, every size", .pooling(Pooling(.max, poolSize: [big], stride: [big], padding: .uniform(big), ceilMode: true)), map, .overflow,
              "huge: pool \(big) \(beyondLimit)"),
        .init("avgpool stride", .pooling(Pooling(.average, poolSize: [2], stride: [big])), map, .overflow,
              "huge: stride \(big) \(beyondLimit)"),
        .init("dense", .dense(Dense(units: big)), map, .overflow,
              "huge: the output \(big) has an axis of \(big), \(largerThanLimit)"),
        .init("dense on the last axis", .dense(Dense(units: big, flattensInput: false)), map, .overflow,
              "huge: the output 8x8x\(big) has an axis of \(big), \(largerThanLimit)"),
        .init("embedding", .embedding(Embedding(vocabularySize: big, dimension: big)), tokens, .overflow,
              "huge: the output 10x\(big) has an axis of \(big), \(largerThanLimit)"),
        .init("embedding vocabulary", .embedding(Embedding(vocabularySize: big, dimension: 8)), tokens, .overflow,
              "huge: the size of 'embeddings' \(beyond64Bits)"),
        .init("lstm units and layers", .recurrent(Recurrent(.lstm, units: big, layerCount: big)), sequence, .overflow,
              "huge: unit count \(big) \(beyondLimit)"),
        .init("gru units", .recurrent(Recurrent(.gru, units: big)), sequence, .overflow,
              "huge: unit count \(big) \(beyondLimit)"),
        .init("mha, every size", .multiHeadAttention(MultiHeadAttention(heads: big, keyDimension: big, valueDimension: big, outputDimension: big)), sequence, .overflow,
              "huge: head count \(big) \(beyondLimit)"),
        .init("mha output_dim", .multiHeadAttention(MultiHeadAttention(heads: 2, outputDimension: big)), sequence, .overflow,
              "huge: output_dim \(big) \(beyondLimit)"),
        .init("transformer heads", .transformerEncoder(TransformerEncoder(heads: big, feedForward: big)), sequence, .shape,
              "huge: transformer splits the 8 features into \(big) heads, but \(big) does not divide 8; choose a head count that divides 8"),
        .init("transformer ff", .transformerEncoder(TransformerEncoder(heads: 1, feedForward: big)), sequence, .overflow,
              "huge: the FLOP count \(beyond64Bits)"),
        .init("deconv, every size", .transposedConvolution(TransposedConvolution(filters: big, kernelSize: [big], stride: [big], padding: .uniform(big), outputPadding: [big], dilation: [big])), map, .overflow,
              "huge: kernel \(big) \(beyondLimit)"),
        .init("deconv stride", .transposedConvolution(TransposedConvolution(filters: 1, kernelSize: [1], stride: [big])), map, .overflow,
              "huge: stride \(big) \(beyondLimit)"),
        .init("deconv output_padding", .transposedConvolution(TransposedConvolution(filters: 1, kernelSize: [3], stride: [2], outputPadding: [big])), map, .overflow,
              "huge: output_padding \(big) \(beyondLimit)"),
        .init("depthwiseconv, every size", .depthwiseConvolution(DepthwiseConvolution(kernelSize: [big], multiplier: big)), map, .overflow,
              "huge: kernel \(big) \(beyondLimit)"),
        .init("depthwiseconv multiplier", .depthwiseConvolution(DepthwiseConvolution(kernelSize: [1], multiplier: big)), map, .overflow,
              "huge: the output channel count \(beyond64Bits)"),
        .init("separableconv filters", .separableConvolution(SeparableConvolution(filters: big, kernelSize: [1], multiplier: big)), map, .overflow,
              "huge: the output 8x8x\(big) has an axis of \(big), \(largerThanLimit)"),
        .init("separableconv multiplier", .separableConvolution(SeparableConvolution(filters: 1, kernelSize: [1], multiplier: big)), map, .overflow,
              "huge: the depthwise channel count \(beyond64Bits)"),
        .init("upsample scale", .upsampling(Upsampling(.scale([big]))), map, .overflow,
              "huge: scale \(big) \(beyondLimit)"),
        .init("upsample size", .upsampling(Upsampling(.size([big]), mode: .bilinear)), map, .overflow,
              "huge: size \(big) \(beyondLimit)"),
        .init("zeropad", .zeroPadding(ZeroPadding([AxisPadding(before: big, after: big)])), map, .overflow,
              "huge: padding \(big) \(beyondLimit)"),
        .init("crop", .cropping(Cropping([AxisPadding(before: big, after: big)])), map, .overflow,
              "huge: cropping \(big) \(beyondLimit)"),
        .init("adaptiveavgpool", .adaptivePooling(AdaptivePooling(.average, outputSize: [big])), map, .overflow,
              "huge: output size \(big) \(beyondLimit)"),
        .init("spacetodepth", .spaceToDepth(SpaceToDepth(blockSize: big)), map, .shape,
              "huge: the height 8 of the input 8x8x4 is not a multiple of the block size \(big); crop or pad the input to a multiple of \(big), or choose a block size that divides every spatial size"),
        .init("depthtospace", .depthToSpace(DepthToSpace(blockSize: big)), map, .overflow,
              "huge: the block size \(beyond64Bits)"),
        .init("reshape", .reshape(Reshape([big, big])), map, .overflow,
              "huge: the reshaped size \(beyond64Bits)"),
        .init("reshape with -1", .reshape(Reshape([big, -1])), map, .shape,
              "huge: reshape \(big)x-1: the 256 values of the input do not divide into parts of \(big); choose sizes whose product divides 256"),
        .init("permute", .permute(Permute(axes: [big, small, 1])), map, .badArgument,
              "huge: permute \(big)x\(small)x1 is not an order of the 3 axes of the input 8x8x4; name every axis from 1 to 3 once, e.g. 'permute 3x2x1'"),
        .init("squeeze", .squeeze(Squeeze(axis: big)), map, .badArgument,
              "huge: axis \(big) is outside the 3 axes of the input 8x8x4; give an axis from 1 to 3"),
        .init("unsqueeze", .unsqueeze(Unsqueeze(axis: small)), map, .badArgument,
              "huge: axis \(small) is outside the 4 positions of a new axis in the input 8x8x4; give an axis from 1 to 4"),
        .init("groupnorm", .groupNormalization(GroupNormalization(groups: big)), map, .shape,
              "huge: groupnorm \(big) needs a channel count divisible by \(big), but its input 8x8x4 has 4; choose a group count that divides 4"),
        .init("lrn", .localResponseNormalization(LocalResponseNormalization(size: big)), map, .overflow,
              "huge: the MAC count \(beyond64Bits)"),
    ]

    @Test(arguments: cases) func hugeLayerIsAnErrorNamingIt(_ c: LibraryCase) throws {
        var layers = [Layer(name: "input", kind: .input(Input(c.input))), Layer(name: "huge", kind: c.kind)]
        if case .input = c.kind { layers = [Layer(name: "huge", kind: c.kind)] }
        let network = try Network(layers: layers)
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(error?.kind == c.errorKind)
        #expect(error?.layerName == "huge")
        #expect(error?.description == c.expected)
    }

    // learnables(for:) and cost(for:output:) may be called without outputShape(for:), so they check too.
    @Test func learnablesAndCostCheckTheirOwnSizes() {
        let lstm = LayerKind.recurrent(Recurrent(.lstm, units: Self.big, layerCount: Self.big))
        let attention = LayerKind.multiHeadAttention(MultiHeadAttention(heads: Self.big, keyDimension: Self.big))
        let separable = LayerKind.separableConvolution(SeparableConvolution(filters: 1, kernelSize: [1], multiplier: Self.big))
        let depthwise = LayerKind.depthwiseConvolution(DepthwiseConvolution(kernelSize: [1], multiplier: Self.big))
        for (kind, input) in [(lstm, Self.sequence), (attention, Self.sequence), (separable, Self.map), (depthwise, Self.map)] {
            for convention in Convention.allCases {
                let error = #expect(throws: CNNCalcError.self) { try kind.learnables(for: [input], convention: convention) }
                #expect(error?.kind == .overflow, "\(kind.kindName) in \(convention)")
            }
        }
        for (kind, input) in [(lstm, Self.sequence), (attention, Self.sequence), (separable, Self.map)] {
            let error = #expect(throws: CNNCalcError.self) { try kind.cost(for: [input], output: input) }
            #expect(error?.kind == .overflow, "\(kind.kindName)")
        }
    }
}
