import CNNCalcCore

/// MobileNet v2 of Sandler et al., as torchvision's `mobilenetv2.py` writes it: a 3x3 stem of
/// stride 2, seventeen inverted residual blocks, a 1x1 convolution to 1280 channels, global
/// average pooling, dropout and one dense layer.
///
/// The configuration is the paper's Table 2 (torchvision's `inverted_residual_setting`): for each
/// stage the expansion factor `t`, the output channels `c`, the number of blocks `n` and the
/// first block's stride `s`. An inverted residual expands to `t` times its input channels
/// (1x1, ReLU6), filters depthwise (3x3, ReLU6) and projects linearly (1x1, no activation),
/// adding its input when the shape is kept. The width multiplier (`width_mult`) scales every
/// channel count, rounded to a multiple of 8 (`_make_divisible`); the last convolution keeps
/// 1280 unless the multiplier is above 1.
enum MobileNetV2 {
    /// A stage of the paper's Table 2.
    struct Stage: Sendable {
        var expansion: Int
        var channels: Int
        var blocks: Int
        var stride: Int
    }

    static let stages: [Stage] = [
        Stage(expansion: 1, channels: 16, blocks: 1, stride: 1),
        Stage(expansion: 6, channels: 24, blocks: 2, stride: 2),
        Stage(expansion: 6, channels: 32, blocks: 3, stride: 2),
        Stage(expansion: 6, channels: 64, blocks: 4, stride: 2),
        Stage(expansion: 6, channels: 96, blocks: 3, stride: 1),
        Stage(expansion: 6, channels: 160, blocks: 3, stride: 2),
        Stage(expansion: 6, channels: 320, blocks: 1, stride: 1),
    ]

    static let models: [ZooModel] = [
        ZooModel(
            name: "mobilenet_v2", title: "MobileNet v2", family: "MobileNet v2",
            paper: Citation(authors: "Sandler et al.", year: 2018, title: "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
                            reference: "CVPR 2018, arXiv:1801.04381"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            defaultWidth: 1, layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let width = configuration.width
        var layers = ZooLayers.input(configuration)
        var inChannels = ZooLayers.makeDivisible(32 * width, 8)
        let lastChannels = ZooLayers.makeDivisible(1280 * max(1, width), 8)
        layers += ZooLayers.convNormActivation(
            "features.0", input: layers.output, configuration.inputChannels, inChannels, stride: 2, activation: .relu6)
        var index = 1
        for stage in stages {
            let outChannels = ZooLayers.makeDivisible(Double(stage.channels) * width, 8)
            for block in 0..<stage.blocks {
                layers += invertedResidual(
                    "features.\(index)", input: layers.output, inChannels, outChannels,
                    stride: block == 0 ? stage.stride : 1, expansion: stage.expansion)
                inChannels = outChannels
                index += 1
            }
        }
        layers += ZooLayers.convNormActivation(
            "features.\(index)", input: layers.output, inChannels, lastChannels, kernel: 1, activation: .relu6)
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("adaptive_avg_pool2d"),
                Flatten().named("flatten"),
                Dropout(rate: 0.2).named("classifier.0"),
                Dense(units: configuration.classes).named("classifier.1"),
            ]
        }
        return layers
    }

    /// torchvision's `InvertedResidual`: expansion (`conv.0`, left out when `expansion` is 1),
    /// depthwise filtering, the linear projection and its BatchNorm, then `add` of the input when
    /// the stride is 1 and the channels are kept.
    static func invertedResidual(
        _ path: String, input: String, _ inChannels: Int, _ outChannels: Int, stride: Int, expansion: Int
    ) -> [LayerDeclaration] {
        let hidden = inChannels * expansion
        var layers: [LayerDeclaration] = []
        var index = 0
        if expansion != 1 {
            layers += ZooLayers.convNormActivation(
                "\(path).conv.0", input: input, inChannels, hidden, kernel: 1, activation: .relu6)
            index = 1
        }
        layers += ZooLayers.convNormActivation(
            "\(path).conv.\(index)", input: layers.isEmpty ? input : layers.output, hidden, hidden, stride: stride,
            groups: hidden, activation: .relu6)
        layers.append(Convolution(filters: outChannels, kernelSize: [1, 1], hasBias: false).named("\(path).conv.\(index + 1)"))
        layers.append(BatchNormalization().named("\(path).conv.\(index + 2)"))
        if stride == 1 && inChannels == outChannels {
            layers.append(Add().named("\(path).add").inputs(input, layers.output))
        }
        return layers
    }
}
