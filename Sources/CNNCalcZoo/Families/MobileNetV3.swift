import CNNCalcCore

/// MobileNet v3 Small and Large of Howard et al., as torchvision's `mobilenetv3.py` writes them:
/// a 3x3 stem of 16 filters (hard swish), a stack of inverted residual blocks, a 1x1 convolution
/// to six times the last block's channels, global average pooling, and a classifier of two dense
/// layers (1024 or 1280 units, hard swish, dropout).
///
/// The configurations are the paper's Tables 1 and 2 (torchvision's `bneck_conf` rows): for each
/// block its input channels, kernel, expanded channels, output channels, whether it has
/// squeeze-and-excitation, its activation (ReLU or hard swish) and stride. The squeeze-and-
/// excitation squeezes to a quarter of the expanded channels (rounded to 8) and gates with a
/// hard sigmoid. The width multiplier (`width_mult`) scales every channel count, rounded to a
/// multiple of 8, the classifier's hidden layer included.
enum MobileNetV3 {
    /// A row of `bneck_conf`.
    struct Block: Sendable {
        var inChannels: Int
        var kernel: Int
        var expanded: Int
        var outChannels: Int
        var squeezeExcitation: Bool
        var hardSwish: Bool
        var stride: Int

        init(_ inChannels: Int, _ kernel: Int, _ expanded: Int, _ outChannels: Int, _ squeezeExcitation: Bool,
             _ activation: String, _ stride: Int) {
            (self.inChannels, self.kernel, self.expanded, self.outChannels) = (inChannels, kernel, expanded, outChannels)
            (self.squeezeExcitation, self.hardSwish, self.stride) = (squeezeExcitation, activation == "HS", stride)
        }
    }

    static let large: [Block] = [
        Block(16, 3, 16, 16, false, "RE", 1), Block(16, 3, 64, 24, false, "RE", 2), Block(24, 3, 72, 24, false, "RE", 1),
        Block(24, 5, 72, 40, true, "RE", 2), Block(40, 5, 120, 40, true, "RE", 1), Block(40, 5, 120, 40, true, "RE", 1),
        Block(40, 3, 240, 80, false, "HS", 2), Block(80, 3, 200, 80, false, "HS", 1), Block(80, 3, 184, 80, false, "HS", 1),
        Block(80, 3, 184, 80, false, "HS", 1), Block(80, 3, 480, 112, true, "HS", 1), Block(112, 3, 672, 112, true, "HS", 1),
        Block(112, 5, 672, 160, true, "HS", 2), Block(160, 5, 960, 160, true, "HS", 1), Block(160, 5, 960, 160, true, "HS", 1),
    ]

    static let small: [Block] = [
        Block(16, 3, 16, 16, true, "RE", 2), Block(16, 3, 72, 24, false, "RE", 2), Block(24, 3, 88, 24, false, "RE", 1),
        Block(24, 5, 96, 40, true, "HS", 2), Block(40, 5, 240, 40, true, "HS", 1), Block(40, 5, 240, 40, true, "HS", 1),
        Block(40, 5, 120, 48, true, "HS", 1), Block(48, 5, 144, 48, true, "HS", 1), Block(48, 5, 288, 96, true, "HS", 2),
        Block(96, 5, 576, 96, true, "HS", 1), Block(96, 5, 576, 96, true, "HS", 1),
    ]

    static let paper = Citation(authors: "Howard et al.", year: 2019, title: "Searching for MobileNetV3", reference: "ICCV 2019, arXiv:1905.02244")

    static let models: [ZooModel] = [
        model("mobilenet_v3_small", "MobileNet v3 Small", small, lastChannels: 1024),
        model("mobilenet_v3_large", "MobileNet v3 Large", large, lastChannels: 1280),
    ]

    static func model(_ name: String, _ title: String, _ blocks: [Block], lastChannels: Int) -> ZooModel {
        ZooModel(
            name: name, title: title, family: "MobileNet v3", paper: paper, framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            defaultWidth: 1, layers: { configuration in layers(blocks, lastChannels: lastChannels, configuration) })
    }

    static func layers(_ blocks: [Block], lastChannels: Int, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let adjust = { (channels: Int) in ZooLayers.makeDivisible(Double(channels) * configuration.width, 8) }
        var layers = ZooLayers.input(configuration)
        layers += ZooLayers.convNormActivation(
            "features.0", input: layers.output, configuration.inputChannels, adjust(blocks[0].inChannels), stride: 2,
            activation: .hardSwish)
        for (offset, block) in blocks.enumerated() {
            layers += invertedResidual(
                "features.\(offset + 1)", input: layers.output, inChannels: adjust(block.inChannels), kernel: block.kernel,
                expanded: adjust(block.expanded), outChannels: adjust(block.outChannels),
                squeezeExcitation: block.squeezeExcitation, activation: block.hardSwish ? .hardSwish : .relu, stride: block.stride)
        }
        let lastIn = adjust(blocks[blocks.count - 1].outChannels)
        layers += ZooLayers.convNormActivation(
            "features.\(blocks.count + 1)", input: layers.output, lastIn, 6 * lastIn, kernel: 1, activation: .hardSwish)
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                Flatten().named("flatten"),
                Dense(units: adjust(lastChannels)).named("classifier.0"),
                Activation(.hardSwish).named("classifier.1"),
                Dropout(rate: 0.2).named("classifier.2"),
                Dense(units: configuration.classes).named("classifier.3"),
            ]
        }
        return layers
    }

    /// torchvision's `InvertedResidual` of MobileNet v3: expansion (left out when the channels
    /// do not grow), depthwise filtering, squeeze-and-excitation where the row says so, the
    /// linear projection, and `add` of the input when the stride is 1 and the channels are kept.
    static func invertedResidual(
        _ path: String, input: String, inChannels: Int, kernel: Int, expanded: Int, outChannels: Int,
        squeezeExcitation: Bool, activation: Activation.Function, stride: Int
    ) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = []
        var count = 0
        func next() -> String {
            defer { count += 1 }
            return "\(path).block.\(count)"
        }
        if expanded != inChannels {
            layers += ZooLayers.convNormActivation(next(), input: input, inChannels, expanded, kernel: 1, activation: activation)
        }
        layers += ZooLayers.convNormActivation(
            next(), input: layers.isEmpty ? input : layers.output, expanded, expanded,
            kernel: kernel, stride: stride, groups: expanded, activation: activation)
        if squeezeExcitation {
            layers += ZooLayers.squeezeExcitation(
                next(), input: layers.output, channels: expanded,
                squeeze: ZooLayers.makeDivisible(Double(expanded / 4), 8), gate: .hardSigmoid)
        }
        layers += ZooLayers.convNormActivation(next(), input: layers.output, expanded, outChannels, kernel: 1, activation: nil)
        if stride == 1 && inChannels == outChannels {
            layers.append(Add().named("\(path).add").inputs(layers.output, input))
        }
        return layers
    }
}
