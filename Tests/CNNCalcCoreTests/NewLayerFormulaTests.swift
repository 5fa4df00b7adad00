import CNNCalcCore
import Testing

/// Formulas of the transposed, depthwise, separable, grouped and 1x1 convolutions, the
/// resampling and reshaping layers, the normalizations and the activations.
@Suite struct NewLayerFormulaTests {
    private func shape(_ layer: some LayerBehavior, _ input: TensorShape, layout: Layout = .channelsLast) throws -> TensorShape {
        try layer.outputShape(for: [input], layout: layout)
    }

    private func count(_ layer: some LayerBehavior, _ input: TensorShape, _ convention: Convention = .keras) throws -> Int {
        try layer.learnables(for: [input], convention: convention).filter { $0.role != .state }.map { try $0.elementCount() }.reduce(0, +)
    }

    // The worked values of TransposedAxisOutput's table: in 14, kernel 3, stride 2
    // (PyTorch ConvTranspose2d docs; Keras compute_conv_transpose_output_length).
    @Test(arguments: [
        (AxisPaddingMode.explicit(AxisPadding(before: 1, after: 1)), 1 as Int?, 28),   // (14-1)*2 - 1 - 1 + 3 + 1
        (.valid, nil, 29),                                                              // (14-1)*2 + max(3, 2)
        (.same, nil, 28),                                                               // 14*2
        (.valid, 1, 30),                                                                // (14-1)*2 + 3 + 1
        (.same, 1, 28),                                                                 // (14-1)*2 + 3%2 + 1
        (.explicit(AxisPadding(before: 0, after: 0)), nil, 29),                         // (14-1)*2 + 3
    ])
    func transposedOutputSize(padding: AxisPaddingMode, outputPadding: Int?, expected: Int) {
        let axis = TransposedAxisOutput(inputLength: 14, kernel: 3, stride: 2, padding: padding, outputPadding: outputPadding)
        #expect(axis.length == expected)
    }

    @Test func transposedStrideBeyondTheKernelDiffersBetweenKerasAndPyTorch() throws {
        // Keras valid: (7-1)*3 + max(2, 3) = 21; PyTorch padding 0: (7-1)*3 + 2 = 20.
        let input = TensorShape.featureMap(spatial: [7, 7], channels: 4)
        #expect(try shape(TransposedConvolution(filters: 6, kernelSize: [2], stride: [3]), input).spatial == [21, 21])
        #expect(try shape(TransposedConvolution(filters: 6, kernelSize: [2], stride: [3], padding: .uniform(0)), input).spatial == [20, 20])
    }

    @Test func transposedCountsAndMACs() throws {
        let input = TensorShape.featureMap(spatial: [14, 14], channels: 32)
        let layer = TransposedConvolution(filters: 16, kernelSize: [3], stride: [2], padding: .uniform(1), outputPadding: [1])
        #expect(try shape(layer, input) == .featureMap(spatial: [28, 28], channels: 16))
        #expect(try count(layer, input) == (3 * 3 * 32 + 1) * 16)
        #expect(try layer.learnables(for: [input], convention: .pytorch).map(\.shape) == [[32, 16, 3, 3], [16]])
        #expect(try layer.learnables(for: [input], convention: .keras).map(\.shape) == [[3, 3, 16, 32], [16]])
        // MACs over the 14*14 input positions, not the 28*28 outputs.
        let cost = try layer.cost(for: [input], output: try shape(layer, input))
        #expect(cost?.macs == 14 * 14 * 32 * 3 * 3 * 16)
        #expect(cost?.flops == 2 * 14 * 14 * 32 * 3 * 3 * 16 + 28 * 28 * 16)
    }

    @Test func transposedErrors() {
        let input = TensorShape.featureMap(spatial: [7, 7], channels: 4)
        let full = #expect(throws: CNNCalcError.self) { try shape(TransposedConvolution(filters: 2, kernelSize: [3], padding: .full), input) }
        #expect(full?.description == "padding full is not defined for a transposed convolution; use padding=valid or same (Keras) or a number of pixels (PyTorch)")
        let extra = #expect(throws: CNNCalcError.self) {
            try shape(TransposedConvolution(filters: 2, kernelSize: [3], stride: [2], outputPadding: [2]), input)
        }
        #expect(extra?.description == "output_padding 2 must be smaller than the stride 2 or the dilation 1; use an output_padding of at most 1")
        let padded = #expect(throws: CNNCalcError.self) {
            try shape(TransposedConvolution(filters: 2, kernelSize: [1], padding: .uniform(4)), TensorShape.featureMap(spatial: [7], channels: 1))
        }
        #expect(padded?.description == "padding 4 removes 8 of the 7 rows the 7 input spreads over, leaving no output; use a padding of at most 3 per side")
    }

    // MobileNet's first depthwise layer and FIELD.md's separable example (3x3, 32 -> 64).
    @Test func depthwiseAndSeparableCounts() throws {
        let input = TensorShape.featureMap(spatial: [112, 112], channels: 32)
        let depthwise = DepthwiseConvolution(kernelSize: [3], padding: .same)
        #expect(try shape(depthwise, input) == input)
        #expect(try count(depthwise, input) == (3 * 3 + 1) * 32)
        #expect(try count(DepthwiseConvolution(kernelSize: [3], multiplier: 2), input) == (3 * 3 + 1) * 64)
        let separable = SeparableConvolution(filters: 64, kernelSize: [3], padding: .same)
        #expect(try count(separable, input, .keras) == 2_400)
        #expect(try count(separable, input, .pytorch) == 2_432)
        #expect(try count(separable, input, .matlab) == 2_432)
        #expect(try count(SeparableConvolution(filters: 64, kernelSize: [3], hasBias: false), input, .pytorch) == 3 * 3 * 32 + 32 * 64)
        #expect(try separable.learnables(for: [input], convention: .keras).map(\.name) == ["depthwise_kernel", "pointwise_kernel", "bias"])
        #expect(try depthwise.learnables(for: [input], convention: .matlab).map(\.shape) == [[3, 3, 1, 1, 32], [1, 1, 1, 32]])
    }

    // ResNet-50's 1x1 bottleneck and ResNeXt's 32-group 3x3 convolution.
    @Test func groupedAndPointwiseConvolutions() throws {
        let map = TensorShape.featureMap(spatial: [56, 56], channels: 256)
        let pointwise = Convolution(filters: 64, kernelSize: [1])
        #expect(try shape(pointwise, map) == .featureMap(spatial: [56, 56], channels: 64))
        #expect(try count(pointwise, map) == (1 * 1 * 256 + 1) * 64)
        #expect(try pointwise.cost(for: [map], output: try shape(pointwise, map))?.macs == 56 * 56 * 64 * 256)
        let grouped = Convolution(filters: 128, kernelSize: [3], padding: .same, groups: 32)
        let input = TensorShape.featureMap(spatial: [56, 56], channels: 128)
        #expect(try count(grouped, input) == (3 * 3 * 4 + 1) * 128)
        #expect(try grouped.learnables(for: [input], convention: .pytorch).map(\.shape) == [[128, 4, 3, 3], [128]])
        // groupedConvolution2dLayer: Weights FilterSize(1)×FilterSize(2)×NumChannelsPerGroup×NumFiltersPerGroup×NumGroups,
        // Bias 1×1×NumFiltersPerGroup×NumGroups (MATLAB's groupedConvolution2dLayer reference page).
        #expect(try grouped.learnables(for: [input], convention: .matlab).map(\.shape) == [[3, 3, 4, 4, 32], [1, 1, 4, 32]])
    }

    // PyTorch AdaptiveAvgPool: start = floor(i*in/out), end = ceil((i+1)*in/out).
    @Test(arguments: [(13, 7, [0..<2, 1..<4, 3..<6, 5..<8, 7..<10, 9..<12, 11..<13]), (14, 7, (0..<7).map { 2 * $0..<2 * $0 + 2 }), (3, 5, [0..<1, 0..<2, 1..<2, 1..<3, 2..<3])])
    func adaptiveWindows(input: Int, output: Int, expected: [Range<Int>]) {
        #expect((0..<output).map { AdaptivePooling.window($0, input: input, output: output) } == expected)
    }

    @Test func resamplingShapes() throws {
        let map = TensorShape.featureMap(spatial: [14, 14], channels: 64)
        #expect(try shape(Upsampling(.scale([2])), map).spatial == [28, 28])
        #expect(try shape(Upsampling(.size([56, 40]), mode: .bilinear), map).spatial == [56, 40])
        #expect(try shape(ZeroPadding([AxisPadding(before: 1, after: 2), AxisPadding(before: 0, after: 1)]), map).spatial == [17, 15])
        #expect(try shape(Cropping([AxisPadding(before: 1, after: 2)]), map).spatial == [11, 11])
        #expect(try shape(AdaptivePooling(.average, outputSize: [1]), map) == .featureMap(spatial: [1, 1], channels: 64))
        #expect(try shape(SpaceToDepth(blockSize: 2), map) == .featureMap(spatial: [7, 7], channels: 256))
        #expect(try shape(DepthToSpace(blockSize: 2), map) == .featureMap(spatial: [28, 28], channels: 16))
        #expect(try shape(GlobalPooling(.average, keepsDimensions: true), map) == .featureMap(spatial: [1, 1], channels: 64))
        #expect(try Upsampling(.scale([2]), mode: .bilinear).cost(for: [map], output: try shape(Upsampling(.scale([2])), map))?.flops == 28 * 28 * 64 * 7)
    }

    @Test func resamplingErrors() {
        let map = TensorShape.featureMap(spatial: [7, 7], channels: 6)
        let crop = #expect(throws: CNNCalcError.self) { try shape(Cropping([AxisPadding(before: 4, after: 3)]), map) }
        #expect(crop?.description == "cropping 4+3 from the height of 7 leaves nothing of the 7x7x6 input; crop at most 6 in all from that axis")
        let block = #expect(throws: CNNCalcError.self) { try shape(SpaceToDepth(blockSize: 2), map) }
        #expect(block?.description == "the height 7 of the input 7x7x6 is not a multiple of the block size 2; crop or pad the input to a multiple of 2, or choose a block size that divides every spatial size")
        let depth = #expect(throws: CNNCalcError.self) { try shape(DepthToSpace(blockSize: 2), map) }
        #expect(depth?.description == "the 6 channels of the input 7x7x6 are not a multiple of 2*2 = 4; give the layer before it a multiple of 4 channels")
        let mode = #expect(throws: CNNCalcError.self) { try shape(Upsampling(.scale([2]), mode: .bilinear), TensorShape.featureMap(spatial: [7], channels: 6)) }
        #expect(mode?.description == "mode=bilinear interpolates 2-D maps, but the input 7x6 has 1 spatial axis; use mode=linear or mode=nearest")
    }

    @Test func reshapingFollowsTheRankRule() throws {
        let map = TensorShape.featureMap(spatial: [7, 7], channels: 64)
        #expect(try shape(Reshape([3136]), map) == .vector(features: 3136))
        #expect(try shape(Reshape([-1, 64]), map) == .sequence(steps: 49, features: 64))
        #expect(try shape(Reshape([64, 7, -1]), map, layout: .channelsFirst) == .featureMap(spatial: [7, 7], channels: 64))
        #expect(try shape(Permute(axes: [3, 1, 2]), map) == .featureMap(spatial: [64, 7], channels: 7))
        #expect(try shape(Permute(axes: [2, 1]), TensorShape.sequence(steps: 50, features: 300)) == .sequence(steps: 300, features: 50))
        #expect(try shape(Squeeze(), TensorShape.featureMap(spatial: [1, 1], channels: 512)) == .vector(features: 512))
        #expect(try shape(Unsqueeze(axis: 1), TensorShape.vector(features: 64)) == .sequence(steps: 1, features: 64))
        let wrong = #expect(throws: CNNCalcError.self) { try shape(Reshape([7, 7, 32]), map) }
        #expect(wrong?.description == "reshape 7x7x32 holds 1568 values but the input 7x7x64 has 3136; choose sizes whose product is 3136, or write -1 for one of them")
        let order = #expect(throws: CNNCalcError.self) { try shape(Permute(axes: [1, 2]), map) }
        #expect(order?.description == "permute 1x2 is not an order of the 3 axes of the input 7x7x64; name every axis from 1 to 3 once, e.g. 'permute 3x2x1'")
        let squeeze = #expect(throws: CNNCalcError.self) { try shape(Squeeze(axis: 1), map) }
        #expect(squeeze?.description == "axis 1 of the input 7x7x64 has size 7, not 1; squeeze an axis of size 1, or leave axis out to remove them all")
    }

    @Test func normalizationCounts() throws {
        let map = TensorShape.featureMap(spatial: [7, 7], channels: 64)
        #expect(try count(LayerNormalization(), map) == 2 * 64)
        #expect(try count(LayerNormalization(axes: .all), map, .pytorch) == 2 * 7 * 7 * 64)
        #expect(try count(LayerNormalization(axes: .all), map, .matlab) == 2 * 64)
        #expect(try count(LayerNormalization(center: false), map) == 64)
        #expect(try count(GroupNormalization(groups: 8), map) == 2 * 64)
        #expect(try count(InstanceNormalization(), map, .pytorch) == 0)
        #expect(try count(InstanceNormalization(), map, .keras) == 0)
        #expect(try count(InstanceNormalization(), map, .matlab) == 2 * 64)
        #expect(try count(InstanceNormalization(affine: true), map, .pytorch) == 2 * 64)
        let groups = #expect(throws: CNNCalcError.self) { try shape(GroupNormalization(groups: 6), map) }
        #expect(groups?.description == "groupnorm 6 needs a channel count divisible by 6, but its input 7x7x64 has 64; choose a group count that divides 64")
        // 5 FLOPs per element for the statistics, one MAC per element for the scale and shift.
        let cost = try LayerNormalization().cost(for: [map], output: map)
        #expect(cost == Cost(macs: 3136, flops: 2 * 3136 + 5 * 3136))
        #expect(try LocalResponseNormalization(size: 5).cost(for: [map], output: map) == Cost(macs: 5 * 3136, flops: 2 * 5 * 3136 + 3 * 3136))
    }

    // FIELD.md 3.1: Keras one slope per element, PyTorch one, MATLAB and Lasagne one per channel.
    @Test(arguments: [(Convention.keras, 28 * 28 * 32), (.pytorch, 1), (.matlab, 32), (.lasagne, 32)])
    func preluDefaultsDifferByConvention(_ convention: Convention, expected: Int) throws {
        #expect(try count(PReLU(), TensorShape.featureMap(spatial: [28, 28], channels: 32), convention) == expected)
    }

    @Test(arguments: [
        (Activation.Function.relu6, 2), (.hardSigmoid, 3), (.logSoftmax, 3), (.selu, 2), (.silu, 2),
        (.hardSwish, 4), (.mish, 3), (.softplus, 1), (.softmax, 3), (.relu, 1), (.linear, 0),
    ])
    func activationFLOPs(_ function: Activation.Function, perElement: Int) throws {
        #expect(function.flopsPerElement == perElement)
        let map = TensorShape.featureMap(spatial: [4, 4], channels: 2)
        #expect(try Activation(function).cost(for: [map], output: map)?.flops == 32 * perElement)
    }
}
