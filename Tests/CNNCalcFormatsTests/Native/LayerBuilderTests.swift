import CNNCalc
import Testing

/// What each kind builds from its values and options, and the defaults it fills in.
@Suite struct LayerBuilderTests {
    @Test(arguments: [
        ("28x28x1", Input(.featureMap(spatial: [28, 28], channels: 1))),
        ("1x28x28 layout=chw", Input(.featureMap(spatial: [28, 28], channels: 1), layout: .channelsFirst)),
        ("3x32x32 layout=NCHW", Input(.featureMap(spatial: [32, 32], channels: 3), layout: .channelsFirst)),
        ("3x32x32 layout=channels_first", Input(.featureMap(spatial: [32, 32], channels: 3), layout: .channelsFirst)),
        ("32x32x3 layout=channels-last", Input(.featureMap(spatial: [32, 32], channels: 3))),
        ("32x32x3 layout=nhwc", Input(.featureMap(spatial: [32, 32], channels: 3))),
        ("100x8", Input(.featureMap(spatial: [100], channels: 8))),
        ("16x32x32x1", Input(.featureMap(spatial: [16, 32, 32], channels: 1))),
        ("1x16x32x32 layout=chw", Input(.featureMap(spatial: [16, 32, 32], channels: 1), layout: .channelsFirst)),
        ("784", Input(.vector(features: 784))),
        ("50x300 kind=sequence", Input(.sequence(steps: 50, features: 300))),
        ("50x300 kind=Sequence layout=chw", Input(.sequence(steps: 50, features: 300), layout: .channelsFirst)),
        ("shape=28x28x1", Input(.featureMap(spatial: [28, 28], channels: 1))),
    ])
    func inputShapeFollowsItsLayout(written: String, expected: Input) throws {
        #expect(try ReaderTesting.kind("input \(written)") == .input(expected))
    }

    @Test func convolutionDefaultsAndOptions() throws {
        #expect(try ReaderTesting.kind("conv 32 5") == .convolution(Convolution(
            filters: 32, kernelSize: [5], stride: [1], padding: .valid, dilation: [1], groups: 1,
            hasBias: true, activation: nil, spatialRank: nil)))
        #expect(try ReaderTesting.kind("conv2d 64 3x3 activation=relu groups=4 bias=false dilation=2 padding=same stride=2") ==
            .convolution(Convolution(
                filters: 64, kernelSize: [3, 3], stride: [2], padding: .same, dilation: [2], groups: 4,
                hasBias: false, activation: .relu, spatialRank: 2)))
    }

    @Test(arguments: ["conv filters=32 kernel=5", "conv 32 kernel=5", "conv kernel=5 filters=32"])
    func valuesMayBeWrittenAsOptions(statement: String) throws {
        #expect(try ReaderTesting.kind(statement) == .convolution(Convolution(filters: 32, kernelSize: [5])))
    }

    @Test func poolingDefaultsToTwoWithTheStrideOfItsSize() throws {
        #expect(try ReaderTesting.kind("maxpool") == .pooling(Pooling(.max, poolSize: [2], stride: [2])))
        #expect(try ReaderTesting.kind("maxpool size=3") == .pooling(Pooling(.max, poolSize: [3])))
        #expect(try ReaderTesting.kind("avgpool pool=3x2") == .pooling(Pooling(.average, poolSize: [3, 2])))
        #expect(try ReaderTesting.kind("avgpool 3 stride=2 padding=1 ceil_mode=true") == .pooling(Pooling(
            .average, poolSize: [3], stride: [2], padding: .uniform(1), ceilMode: true)))
    }

    @Test func denseDefaultsAndOptions() throws {
        #expect(try ReaderTesting.kind("dense 10") == .dense(Dense(units: 10, hasBias: true, activation: nil, flattensInput: true)))
        #expect(try ReaderTesting.kind("fc units=10 flatten=false bias=no activation=softmax") ==
            .dense(Dense(units: 10, hasBias: false, activation: .softmax, flattensInput: false)))
    }

    @Test func batchNormalizationReadsAndDropsEpsilonAndMomentum() throws {
        #expect(try ReaderTesting.kind("bn epsilon=1e-5 momentum=0.9") == .batchNormalization(BatchNormalization()))
        #expect(try ReaderTesting.kind("batchnorm scale=false center=off") ==
            .batchNormalization(BatchNormalization(scale: false, center: false)))
    }

    @Test(arguments: ["conv 8 3 STRIDE=2 Pad=1", "conv 8 3 padding=1 stride=2", "conv 8 3 PADDING=1 Stride=2"])
    func optionKeysIgnoreCaseAndOrder(statement: String) throws {
        #expect(try ReaderTesting.kind(statement) == .convolution(Convolution(
            filters: 8, kernelSize: [3], stride: [2], padding: .uniform(1))))
    }

    @Test(arguments: ["ceil_mode", "Ceil_Mode", "ceil-mode", "ceilmode", "ceil"])
    func optionKeysIgnoreUnderscoresAndHyphens(key: String) throws {
        #expect(try #require(try ReaderTesting.kind("maxpool 3 \(key)=true").pooling).window.ceilMode)
    }

    @Test func inputsAreAcceptedByEveryKind() throws {
        for keyword in ["conv 8 3", "maxpool", "globalavgpool", "dense 4", "flatten", "dropout 0.1", "batchnorm", "relu", "elu", "identity"] {
            let declarations = try ReaderTesting.declarations("\(keyword) inputs=stem")
            #expect(declarations.first?.inputs == ["stem"], "\(keyword)")
        }
    }
}
