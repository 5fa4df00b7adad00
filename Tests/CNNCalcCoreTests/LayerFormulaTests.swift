import CNNCalcCore
import Testing

@Suite struct LayerFormulaTests {
    struct ConvolutionCase: Sendable, CustomTestStringConvertible {
        var input: TensorShape
        var layer: Convolution
        var expectedShape: TensorShape
        var expectedParameters: Int
        var source: String
        var testDescription: String { source }
    }

    // Published answers: Data Science SE 65392 (MATLAB) and Stack Overflow 42786717 (Lasagne).
    static let convolutions: [ConvolutionCase] = [
        .init(input: .featureMap(spatial: [50, 50], channels: 2), layer: Convolution(filters: 20, kernelSize: [5]),
              expectedShape: .featureMap(spatial: [46, 46], channels: 20), expectedParameters: 1020, source: "(5*5*2+1)*20 = 1020"),
        .init(input: .featureMap(spatial: [50, 50], channels: 2), layer: Convolution(filters: 20, kernelSize: [5], hasBias: false),
              expectedShape: .featureMap(spatial: [46, 46], channels: 20), expectedParameters: 1000, source: "5*5*2*20 = 1000 without bias"),
        .init(input: .featureMap(spatial: [46, 46], channels: 20), layer: Convolution(filters: 40, kernelSize: [5]),
              expectedShape: .featureMap(spatial: [42, 42], channels: 40), expectedParameters: 20040, source: "(5*5*20+1)*40 = 20040"),
        .init(input: .featureMap(spatial: [28, 28], channels: 1), layer: Convolution(filters: 32, kernelSize: [5, 5]),
              expectedShape: .featureMap(spatial: [24, 24], channels: 32), expectedParameters: 832, source: "(5*5*1+1)*32 = 832"),
        .init(input: .featureMap(spatial: [12, 12], channels: 32), layer: Convolution(filters: 32, kernelSize: [3]),
              expectedShape: .featureMap(spatial: [10, 10], channels: 32), expectedParameters: 9248, source: "(3*3*32+1)*32 = 9248"),
        .init(input: .featureMap(spatial: [32, 32], channels: 4), layer: Convolution(filters: 20, kernelSize: [5], groups: 2),
              expectedShape: .featureMap(spatial: [28, 28], channels: 20), expectedParameters: 1020, source: "(5*5*4/2+1)*20 = 1020 with 2 groups"),
        .init(input: .featureMap(spatial: [32, 32], channels: 4), layer: Convolution(filters: 20, kernelSize: [5], groups: 4),
              expectedShape: .featureMap(spatial: [28, 28], channels: 20), expectedParameters: 520, source: "(5*5*4/4+1)*20 = 520 with 4 groups"),
        .init(input: .featureMap(spatial: [16, 16, 16], channels: 1), layer: Convolution(filters: 8, kernelSize: [3]),
              expectedShape: .featureMap(spatial: [14, 14, 14], channels: 8), expectedParameters: 224, source: "3-D: (3*3*3*1+1)*8 = 224"),
        .init(input: .featureMap(spatial: [100], channels: 8), layer: Convolution(filters: 16, kernelSize: [5], stride: [2]),
              expectedShape: .featureMap(spatial: [48], channels: 16), expectedParameters: 656, source: "1-D: (5*8+1)*16 = 656"),
    ]

    @Test(arguments: convolutions)
    func convolution(_ c: ConvolutionCase) throws {
        #expect(try c.layer.outputShape(for: [c.input], layout: .channelsLast) == c.expectedShape)
        let counts = try c.layer.learnables(for: [c.input], convention: .keras).map { try $0.elementCount() }
        #expect(counts.reduce(0, +) == c.expectedParameters)
    }

    @Test func denseFlattensAFeatureMap() throws {
        let input = TensorShape.featureMap(spatial: [5, 5], channels: 32)
        let dense = Dense(units: 256)
        #expect(try dense.outputShape(for: [input], layout: .channelsLast) == .vector(features: 256))
        #expect(try dense.learnables(for: [input], convention: .keras).map(\.shape) == [[800, 256], [256]])
    }

    @Test func denseWithoutFlatteningActsOnTheLastAxis() throws {
        let input = TensorShape.featureMap(spatial: [5, 5], channels: 32)
        let dense = Dense(units: 256, flattensInput: false)
        #expect(try dense.outputShape(for: [input], layout: .channelsLast) == .featureMap(spatial: [5, 5], channels: 256))
        #expect(try dense.learnables(for: [input], convention: .keras).map(\.shape) == [[32, 256], [256]])
    }

    @Test func batchNormalizationCountsAsKeras() throws {
        let learnables = try BatchNormalization().learnables(for: [.featureMap(spatial: [8, 8], channels: 32)], convention: .keras)
        #expect(learnables.map(\.name) == ["gamma", "beta", "moving_mean", "moving_variance"])
        #expect(learnables.map(\.role) == [.trainable, .trainable, .nonTrainable, .nonTrainable])
        #expect(learnables.allSatisfy { $0.shape == [32] })
    }

    @Test func groupsMustDivideChannels() {
        let error = #expect(throws: CNNCalcError.self) {
            try Convolution(filters: 20, kernelSize: [3], groups: 3).outputShape(for: [.featureMap(spatial: [8, 8], channels: 4)], layout: .channelsLast)
        }
        #expect(error?.description == "groups=3 must divide both the 4 input channels and the 20 filters; choose groups among the common divisors of 4 and 20")
    }

    @Test func addNeedsMatchingChannels() {
        let error = #expect(throws: CNNCalcError.self) {
            try Add().outputShape(for: [.featureMap(spatial: [8, 8], channels: 16), .featureMap(spatial: [8, 8], channels: 32)], layout: .channelsLast)
        }
        #expect(error?.description == "add needs inputs whose shapes broadcast; channel mismatch: input 1 has 16 channels and input 2 has 32, and neither is 1; make the branches end in the same shape, e.g. with a 1x1 conv of 16 filters on the shorter path")
    }

    @Test func concatenateSumsChannels() throws {
        let shape = try Concatenate().outputShape(
            for: [.featureMap(spatial: [8, 8], channels: 16), .featureMap(spatial: [8, 8], channels: 32)], layout: .channelsLast)
        #expect(shape == .featureMap(spatial: [8, 8], channels: 48))
    }

    @Test func concatenateNeedsMatchingSpatialSizes() {
        let error = #expect(throws: CNNCalcError.self) {
            try Concatenate().outputShape(
                for: [.featureMap(spatial: [8, 8], channels: 16), .featureMap(spatial: [4, 4], channels: 16)], layout: .channelsFirst)
        }
        #expect(error?.description == "concat joins along the channels, so every other axis must match; input 1 is 16x8x8 but input 2 is 16x4x4; bring the branches to the same spatial size first (pooling, stride or padding=same)")
    }

    @Test func overflowIsAnErrorNotAWrongNumber() {
        let huge = TensorShape.featureMap(spatial: [1 << 31, 1 << 31], channels: 1 << 20)
        let error = #expect(throws: CNNCalcError.self) { try huge.elementCount() }
        #expect(error?.kind == .overflow)
        let learnable = Learnable("kernel", shape: [1 << 40, 1 << 40], role: .trainable)
        #expect(throws: CNNCalcError.self) { try learnable.elementCount() }
    }

    @Test func shapesPrintInEitherLayout() {
        let shape = TensorShape.featureMap(spatial: [46, 46], channels: 20)
        #expect(shape.text(in: .channelsLast) == "46x46x20")
        #expect(shape.text(in: .channelsFirst) == "20x46x46")
        #expect(TensorShape.vector(features: 256).text(in: .channelsFirst) == "256")
    }
}
