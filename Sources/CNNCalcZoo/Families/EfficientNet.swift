import CNNCalcCore

/// EfficientNet B0 to B3 of Tan and Le, as torchvision's `efficientnet.py` writes them: a 3x3
/// stem of stride 2 (SiLU), seven stages of MBConv blocks, a 1x1 convolution to four times the
/// last stage's channels, global average pooling, dropout and one dense layer.
///
/// The configuration is B0's table (the paper's Table 1, torchvision's `bneck_conf` rows): for
/// each stage the expansion, kernel, first stride, input and output channels and number of
/// blocks. B1 to B3 scale it: the channels by a width factor (rounded to a multiple of 8) and
/// the blocks by a depth factor (rounded up). An MBConv expands (1x1, SiLU; not in the first
/// stage), filters depthwise (SiLU), squeezes and excites (to a quarter of its input channels,
/// SiLU, sigmoid gate) and projects linearly; when its shape is kept it adds its input, after a
/// stochastic depth that drops the branch in training only (a row of no cost, written as a
/// dropout of its probability, which grows from 0 to 0.2 along the network).
///
/// Each variant's input is the size torchvision's weights were trained at: 224, 240, 288 and 300.
enum EfficientNet {
    /// A row of `bneck_conf`: expansion, kernel, stride, input and output channels, blocks.
    struct Stage: Sendable {
        var expansion: Int
        var kernel: Int
        var stride: Int
        var inChannels: Int
        var outChannels: Int
        var blocks: Int
    }

    static let stages: [Stage] = [
        Stage(expansion: 1, kernel: 3, stride: 1, inChannels: 32, outChannels: 16, blocks: 1),
        Stage(expansion: 6, kernel: 3, stride: 2, inChannels: 16, outChannels: 24, blocks: 2),
        Stage(expansion: 6, kernel: 5, stride: 2, inChannels: 24, outChannels: 40, blocks: 2),
        Stage(expansion: 6, kernel: 3, stride: 2, inChannels: 40, outChannels: 80, blocks: 3),
        Stage(expansion: 6, kernel: 5, stride: 1, inChannels: 80, outChannels: 112, blocks: 3),
        Stage(expansion: 6, kernel: 5, stride: 2, inChannels: 112, outChannels: 192, blocks: 4),
        Stage(expansion: 6, kernel: 3, stride: 1, inChannels: 192, outChannels: 320, blocks: 1),
    ]

    /// A variant's scaling: width and depth factors, classifier dropout and input size.
    struct Scaling: Sendable {
        var width: Double
        var depth: Double
        var dropout: Double
        var resolution: Int
    }

    /// The probability of stochastic depth of the last block.
    static let stochasticDepth = 0.2

    static let paper = Citation(
        authors: "Tan and Le", year: 2019, title: "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
        reference: "ICML 2019, arXiv:1905.11946")

    static let models: [ZooModel] = [
        model(0, Scaling(width: 1.0, depth: 1.0, dropout: 0.2, resolution: 224)),
        model(1, Scaling(width: 1.0, depth: 1.1, dropout: 0.2, resolution: 240)),
        model(2, Scaling(width: 1.1, depth: 1.2, dropout: 0.3, resolution: 288)),
        model(3, Scaling(width: 1.2, depth: 1.4, dropout: 0.3, resolution: 300)),
    ]

    static func model(_ variant: Int, _ scaling: Scaling) -> ZooModel {
        ZooModel(
            name: "efficientnet_b\(variant)", title: "EfficientNet-B\(variant)", family: "EfficientNet", paper: paper,
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [scaling.resolution, scaling.resolution], channels: 3),
            inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["stochastic depth, the identity at inference, is written as a dropout of its probability"],
            layers: { configuration in layers(scaling, configuration) })
    }

    static func layers(_ scaling: Scaling, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let adjust = { (channels: Int) in ZooLayers.makeDivisible(Double(channels) * scaling.width, 8) }
        let depths = stages.map { Int((Double($0.blocks) * scaling.depth).rounded(.up)) }
        let totalBlocks = depths.reduce(0, +)
        var layers = ZooLayers.input(configuration)
        layers += ZooLayers.convNormActivation(
            "features.0", input: layers.output, configuration.inputChannels, adjust(stages[0].inChannels), stride: 2,
            activation: .silu)
        var blockID = 0
        for (index, stage) in stages.enumerated() {
            for block in 0..<depths[index] {
                layers += mbConv(
                    "features.\(index + 1).\(block)", input: layers.output,
                    inChannels: adjust(block == 0 ? stage.inChannels : stage.outChannels), outChannels: adjust(stage.outChannels),
                    expansion: stage.expansion, kernel: stage.kernel, stride: block == 0 ? stage.stride : 1,
                    stochasticDepth: stochasticDepth * Double(blockID) / Double(totalBlocks))
                blockID += 1
            }
        }
        let lastIn = adjust(stages[stages.count - 1].outChannels)
        layers += ZooLayers.convNormActivation(
            "features.\(stages.count + 1)", input: layers.output, lastIn, 4 * lastIn, kernel: 1, activation: .silu)
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                Flatten().named("flatten"),
                Dropout(rate: scaling.dropout).named("classifier.0"),
                Dense(units: configuration.classes).named("classifier.1"),
            ]
        }
        return layers
    }

    /// torchvision's `MBConv`: expansion to `expansion` times the input channels (left out when
    /// that is 1), depthwise filtering, squeeze-and-excitation, projection, and, when the stride
    /// is 1 and the channels are kept, stochastic depth and `add` of the input.
    static func mbConv(
        _ path: String, input: String, inChannels: Int, outChannels: Int, expansion: Int, kernel: Int, stride: Int,
        stochasticDepth: Double
    ) -> [LayerDeclaration] {
        let expanded = ZooLayers.makeDivisible(Double(inChannels * expansion), 8)
        var layers: [LayerDeclaration] = []
        var count = 0
        func next() -> String {
            defer { count += 1 }
            return "\(path).block.\(count)"
        }
        if expanded != inChannels {
            layers += ZooLayers.convNormActivation(next(), input: input, inChannels, expanded, kernel: 1, activation: .silu)
        }
        layers += ZooLayers.convNormActivation(
            next(), input: layers.isEmpty ? input : layers.output, expanded, expanded, kernel: kernel, stride: stride,
            groups: expanded, activation: .silu)
        layers += ZooLayers.squeezeExcitation(
            next(), input: layers.output, channels: expanded, squeeze: max(1, inChannels / 4), activation: .silu)
        layers += ZooLayers.convNormActivation(next(), input: layers.output, expanded, outChannels, kernel: 1, activation: nil)
        if stride == 1 && inChannels == outChannels {
            layers.append(Dropout(rate: stochasticDepth).named("\(path).stochastic_depth"))
            layers.append(Add().named("\(path).add").inputs(layers.output, input))
        }
        return layers
    }
}
