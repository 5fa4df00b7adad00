import CNNCalc
import Testing

/// The keywords, defaults, options and errors of the convolution, resampling, reshaping,
/// normalization and activation kinds.
@Suite struct NewLayerReaderTests {
    static let aliases: [(String, LayerKind)] = {
        var cases: [(String, LayerKind)] = []
        cases += ["deconv", "convtranspose", "transposedconv", "deconvolution"].map {
            ("\($0) 16 3", .transposedConvolution(TransposedConvolution(filters: 16, kernelSize: [3])))
        }
        cases += [("conv2dtranspose", 2), ("convtranspose2d", 2), ("deconv1d", 1), ("convtranspose3d", 3), ("Conv3DTranspose", 3)].map {
            ("\($0.0) 16 3", .transposedConvolution(TransposedConvolution(filters: 16, kernelSize: [3], spatialRank: $0.1)))
        }
        cases += ["depthwiseconv", "depthwise", "dwconv"].map { ("\($0) 3", .depthwiseConvolution(DepthwiseConvolution(kernelSize: [3]))) }
        cases += [("depthwiseconv2d 3", .depthwiseConvolution(DepthwiseConvolution(kernelSize: [3], spatialRank: 2)))]
        cases += ["separableconv", "separable", "sepconv"].map {
            ("\($0) 64 3", .separableConvolution(SeparableConvolution(filters: 64, kernelSize: [3])))
        }
        cases += [("SeparableConv2D 64 3", .separableConvolution(SeparableConvolution(filters: 64, kernelSize: [3], spatialRank: 2)))]
        cases += ["upsample", "upsampling", "interpolate"].map { ($0, .upsampling(Upsampling(.scale([2])))) }
        cases += [("UpSampling2D", .upsampling(Upsampling(.scale([2]), spatialRank: 2))), ("upsample2d", .upsampling(Upsampling(.scale([2]), spatialRank: 2)))]
        cases += ["zeropad", "zeropadding"].map { ($0, .zeroPadding(ZeroPadding([AxisPadding(before: 1, after: 1)]))) }
        cases += [("ZeroPadding2D 2", .zeroPadding(ZeroPadding([AxisPadding(before: 2, after: 2)], spatialRank: 2))),
           ("pad2d 2", .zeroPadding(ZeroPadding([AxisPadding(before: 2, after: 2)], spatialRank: 2)))]
        cases += ["crop 1", "cropping 1"].map { ($0, .cropping(Cropping([AxisPadding(before: 1, after: 1)]))) }
        cases += [("cropping2d 1:2x0:1", .cropping(Cropping([AxisPadding(before: 1, after: 2), AxisPadding(before: 0, after: 1)], spatialRank: 2)))]
        cases += [("reshape 7x7x64", .reshape(Reshape([7, 7, 64]))), ("reshape -1x64 layout=chw", .reshape(Reshape([-1, 64], layout: .channelsFirst))),
           ("reshape 49x64 kind=sequence", .reshape(Reshape([49, 64])))]
        cases += ["permute 2x1", "transpose 2x1"].map { ($0, .permute(Permute(axes: [2, 1]))) }
        cases += [("squeeze", .squeeze(Squeeze())), ("squeeze axis=2", .squeeze(Squeeze(axis: 2))), ("squeeze 2", .squeeze(Squeeze(axis: 2))),
           ("unsqueeze axis=1", .unsqueeze(Unsqueeze(axis: 1))), ("unsqueeze dim=3", .unsqueeze(Unsqueeze(axis: 3)))]
        cases += ["adaptiveavgpool 1", "adaptiveaveragepool 1", "AdaptiveAveragePooling 1"].map { ($0, .adaptivePooling(AdaptivePooling(.average, outputSize: [1]))) }
        cases += [("AdaptiveAvgPool2d 7x7", .adaptivePooling(AdaptivePooling(.average, outputSize: [7, 7], spatialRank: 2))),
           ("adaptivemaxpool output_size=7", .adaptivePooling(AdaptivePooling(.max, outputSize: [7]))),
           ("adaptivemaxpool1d 5", .adaptivePooling(AdaptivePooling(.max, outputSize: [5], spatialRank: 1)))]
        cases += [("spacetodepth 2", .spaceToDepth(SpaceToDepth(blockSize: 2))), ("PixelUnshuffle 2", .spaceToDepth(SpaceToDepth(blockSize: 2))),
           ("depthtospace 2", .depthToSpace(DepthToSpace(blockSize: 2))), ("pixel_shuffle upscale_factor=3", .depthToSpace(DepthToSpace(blockSize: 3)))]
        cases += [("globalavgpool keepdims=true", .globalPooling(GlobalPooling(.average, keepsDimensions: true))),
           ("GlobalMaxPooling2D keep_dims=yes", .globalPooling(GlobalPooling(.max, keepsDimensions: true)))]
        cases += [("layernorm", .layerNormalization(LayerNormalization())), ("LayerNormalization axes=all", .layerNormalization(LayerNormalization(axes: .all))),
           ("layernorm affine=false", .layerNormalization(LayerNormalization(scale: false, center: false))),
           ("layernorm bias=false epsilon=1e-5", .layerNormalization(LayerNormalization(center: false))),
           ("groupnorm 8", .groupNormalization(GroupNormalization(groups: 8))),
           ("GroupNormalization groups=4 affine=off", .groupNormalization(GroupNormalization(groups: 4, affine: false))),
           ("instancenorm", .instanceNormalization(InstanceNormalization())),
           ("InstanceNorm2d affine=true", .instanceNormalization(InstanceNormalization(affine: true))),
           ("lrn 5 alpha=1e-4 beta=0.75 k=2", .localResponseNormalization(LocalResponseNormalization(size: 5))),
           ("CrossChannelNormalization 5", .localResponseNormalization(LocalResponseNormalization(size: 5)))]
        cases += [("prelu", .prelu(PReLU())), ("PReLU slopes=channel", .prelu(PReLU(slopes: .channel)))]
        let functions: [(String, Activation.Function)] = [("relu6", .relu6), ("hard_sigmoid", .hardSigmoid), ("LogSoftmax", .logSoftmax), ("selu", .selu), ("silu", .silu),
           ("swish", .silu), ("hard-swish", .hardSwish), ("mish", .mish), ("softplus", .softplus)]
        cases += functions.map {
            ($0.0, LayerKind.activation(Activation($0.1)))
        }
        return cases
    }()

    @Test(arguments: aliases)
    func statementBuildsItsKind(statement: String, expected: LayerKind) throws {
        #expect(try ReaderTesting.kind(statement) == expected)
    }

    @Test func convolutionOptions() throws {
        #expect(try ReaderTesting.kind("deconv 16 3 stride=2 padding=1 output_padding=1 dilation=2 groups=2 bias=false activation=relu") ==
            .transposedConvolution(TransposedConvolution(
                filters: 16, kernelSize: [3], stride: [2], padding: .uniform(1), outputPadding: [1], dilation: [2], groups: 2,
                hasBias: false, activation: .relu)))
        #expect(try ReaderTesting.kind("depthwiseconv 3 multiplier=2 stride=2 padding=same bias=false") ==
            .depthwiseConvolution(DepthwiseConvolution(kernelSize: [3], multiplier: 2, stride: [2], padding: .same, hasBias: false)))
        #expect(try ReaderTesting.kind("separableconv 64 3 depth_multiplier=2 activation=swish") ==
            .separableConvolution(SeparableConvolution(filters: 64, kernelSize: [3], multiplier: 2, activation: .silu)))
        #expect(try ReaderTesting.kind("upsample size=56x56 mode=bilinear") == .upsampling(Upsampling(.size([56, 56]), mode: .bilinear)))
        #expect(try ReaderTesting.kind("upsample 2x3 interpolation=nearest") == .upsampling(Upsampling(.scale([2, 3]))))
        #expect(try ReaderTesting.kind("conv 8 3 activation=hardswish") ==
            .convolution(Convolution(filters: 8, kernelSize: [3], activation: .hardSwish)))
    }

    @Test(arguments: [
        ("deconv 16", "net.cnn:1:1: deconv needs a filter count and a kernel size; write e.g. 'deconv 16 3 stride=2' or 'deconv 16 3x3 padding=1'"),
        ("deconv 16 3 output_padding=-1", "net.cnn:1:28: expected a whole number of at least 0, or one per axis joined by 'x', for the output padding, found '-1'; write e.g. 'output_padding=1'"),
        ("deconv2d 16 3 output_padding=1x1x1", "net.cnn:1:30: the output padding '1x1x1' has 3 axes, but deconv2d has 2; give 2 values like 1x1 or a single value"),
        ("depthwiseconv", "net.cnn:1:1: depthwiseconv needs a kernel size; write e.g. 'depthwiseconv 3' or 'depthwiseconv 3x3 multiplier=2'"),
        ("upsample 2 size=4", "net.cnn:1:17: upsample takes a scale factor or a size, not both; keep either the factor or size="),
        ("upsample mode=cubic", "net.cnn:1:15: expected nearest, linear, bilinear or trilinear for the upsampling mode, found 'cubic'; write e.g. 'mode=trilinear'"),
        ("zeropad same", "net.cnn:1:9: zeropad takes a number of rows, not the rule 'same'; write e.g. 'zeropad 1', 'zeropad 1x2' or 'zeropad 1:2x0:1' (before:after per axis)"),
        ("crop", "net.cnn:1:1: crop needs a cropping; write e.g. 'crop 1' or 'crop 1:2x0:1'"),
        ("reshape 7x0", "net.cnn:1:9: expected positive whole numbers joined by 'x', one of them possibly -1, for the target shape, found '7x0'; write e.g. 'reshape 7x7x64' or 'reshape -1x64'"),
        ("reshape -1x-1", "net.cnn:1:9: the target shape '-1x-1' has more than one -1; write -1 for at most one size; it is worked out from the others"),
        ("reshape 1x2x3x4x5", "net.cnn:1:9: the target shape '1x2x3x4x5' has 5 numbers, but a shape has at most 4; write up to 3 spatial sizes and the channels, e.g. '7x7x64'"),
        ("reshape 7x7x64 kind=sequence", "net.cnn:1:9: a sequence is steps x features, but '7x7x64' has 3 numbers; write e.g. 'reshape 49x64 kind=sequence'"),
        ("permute 1x1", "net.cnn:1:9: the axis order '1x1' does not name each of the axes 1 to 2 once; write each axis once, e.g. 'permute 2x1'"),
        ("unsqueeze", "net.cnn:1:1: unsqueeze needs an axis; write e.g. 'unsqueeze axis=1'"),
        ("spacetodepth", "net.cnn:1:1: spacetodepth needs a block size; write e.g. 'spacetodepth 2'"),
        ("layernorm axes=first", "net.cnn:1:16: expected last or all for the normalized axes, found 'first'; write e.g. 'axes=all'"),
        ("groupnorm", "net.cnn:1:1: groupnorm needs a group count; write e.g. 'groupnorm 8'"),
        ("prelu slopes=row", "net.cnn:1:14: expected shared, channel or element for the slope sharing, found 'row'; write e.g. 'slopes=element'"),
        ("globalavgpool keepdims=maybe", "net.cnn:1:24: expected true or false for the keepdims setting, found 'maybe'; write e.g. 'keepdims=true'"),
    ])
    func errorReadsInFull(text: String, expected: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(text) }
        #expect(error?.description == expected)
    }
}
