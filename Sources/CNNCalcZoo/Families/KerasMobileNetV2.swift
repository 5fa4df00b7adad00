import CNNCalcCore

/// MobileNet v2 (Sandler et al.) as Keras Applications writes it (`keras.applications.MobileNetV2`),
/// with Keras' layer names (`block_1_expand`, `block_1_depthwise_BN`) and Keras' way of counting.
///
/// The blocks and channels are torchvision's `mobilenet_v2` (3,504,872 trainable parameters at
/// 1,000 classes in both), but Keras pads every stride-2 depthwise convolution with a
/// `ZeroPadding2D` (`block_1_pad`) of `imagenet_utils.correct_pad` (one pixel after each axis of
/// even size, one on each side of an odd one) and then convolves `valid`, and counts BatchNorm's
/// moving mean and variance as non-trainable parameters. `alpha` scales every block's output
/// channels, rounded by `_make_divisible` to a multiple of 8; the last 1x1 convolution keeps 1,280
/// channels unless `alpha` is above 1.
enum KerasMobileNetV2 {
    /// `_inverted_res_block`'s settings, one row per block: output filters, stride and expansion.
    static let blocks: [(filters: Int, stride: Int, expansion: Int)] = [
        (16, 1, 1),
        (24, 2, 6), (24, 1, 6),
        (32, 2, 6), (32, 1, 6), (32, 1, 6),
        (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
        (96, 1, 6), (96, 1, 6), (96, 1, 6),
        (160, 2, 6), (160, 1, 6), (160, 1, 6),
        (320, 1, 6),
    ]

    static let paper = Citation(
        authors: "Sandler et al.", year: 2018, title: "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
        reference: "CVPR 2018, arXiv:1801.04381")

    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/mobilenetv2", title: "MobileNet v2 (Keras)", family: "MobileNet v2", paper: paper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            defaultWidth: 1,
            notes: ["stride-2 depthwise convolutions are padded by a ZeroPadding2D layer of correct_pad, then valid"],
            layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let alpha = configuration.width
        var spatial = configuration.input.spatial.map { ($0 + 1) / 2 }
        var layers: [LayerDeclaration] = [Input(configuration.input, layout: .channelsLast).named("input_layer")]
        var channels = ZooLayers.makeDivisible(32 * alpha, 8)
        layers += [
            Convolution(filters: channels, kernelSize: [3, 3], stride: [2], padding: .same, hasBias: false).named("Conv1"),
            BatchNormalization().named("bn_Conv1"),
            Activation(.relu6).named("Conv1_relu"),
        ]
        for (index, block) in blocks.enumerated() {
            let filters = ZooLayers.makeDivisible(Double(Int(Double(block.filters) * alpha)), 8)
            layers += invertedResidual(
                index, input: layers.output, inChannels: channels, filters: filters, stride: block.stride,
                expansion: block.expansion, spatial: spatial)
            if block.stride == 2 { spatial = spatial.map { ($0 + 1) / 2 } }
            channels = filters
        }
        let last = alpha > 1 ? ZooLayers.makeDivisible(1280 * alpha, 8) : 1280
        layers += [
            Convolution(filters: last, kernelSize: [1, 1], hasBias: false).named("Conv_1"),
            BatchNormalization().named("Conv_1_bn"),
            Activation(.relu6).named("out_relu"),
        ]
        if configuration.includesTop {
            layers.append(GlobalPooling(.average).named("global_average_pooling2d"))
            layers.append(Dense(units: configuration.classes, activation: .softmax).named("predictions"))
        }
        return layers
    }

    /// Keras' `_inverted_res_block`: a 1x1 expansion (not in block 0, named `expanded_conv_`), a
    /// 3x3 depthwise convolution (padded by `correct_pad` when it strides), a 1x1 linear
    /// projection, and the input added back when the shape is kept.
    static func invertedResidual(
        _ id: Int, input: String, inChannels: Int, filters: Int, stride: Int, expansion: Int, spatial: [Int]
    ) -> [LayerDeclaration] {
        let prefix = id == 0 ? "expanded_conv_" : "block_\(id)_"
        var layers: [LayerDeclaration] = []
        if id > 0 {
            layers += [
                Convolution(filters: expansion * inChannels, kernelSize: [1, 1], hasBias: false)
                    .named("\(prefix)expand").inputs(input),
                BatchNormalization().named("\(prefix)expand_BN"),
                Activation(.relu6).named("\(prefix)expand_relu"),
            ]
        }
        if stride == 2 {
            layers.append(ZeroPadding(correctPad(spatial)).named("\(prefix)pad").inputs(layers.last?.name ?? input))
        }
        layers.append(
            DepthwiseConvolution(kernelSize: [3, 3], stride: [stride], padding: stride == 1 ? .same : .valid, hasBias: false)
                .named("\(prefix)depthwise").inputs(layers.last?.name ?? input))
        layers += [
            BatchNormalization().named("\(prefix)depthwise_BN"),
            Activation(.relu6).named("\(prefix)depthwise_relu"),
            Convolution(filters: filters, kernelSize: [1, 1], hasBias: false).named("\(prefix)project"),
            BatchNormalization().named("\(prefix)project_BN"),
        ]
        if inChannels == filters && stride == 1 {
            layers.append(Add().named("\(prefix)add").inputs(input, "\(prefix)project_BN"))
        }
        return layers
    }

    /// `imagenet_utils.correct_pad` for a 3x3 kernel: one pixel after an axis of even size, one
    /// on each side of an odd one, so that a `valid` stride-2 window gives `ceil(size / 2)`.
    static func correctPad(_ spatial: [Int]) -> [AxisPadding] {
        spatial.map { AxisPadding(before: $0 % 2, after: 1) }
    }
}
