import CNNCalcCore

/// ConvNeXt-T of Liu et al., "A ConvNet for the 2020s", as torchvision's `convnext.py` writes it:
/// a 4x4 "patchify" stem of stride 4 with a LayerNorm, four stages of ConvNeXt blocks with a
/// downsampling (LayerNorm and a 2x2 convolution of stride 2) between them, global average
/// pooling, a LayerNorm and one dense layer.
///
/// The configuration lists the stages (torchvision's `CNBlockConfig`): channels and blocks,
/// 96-192-384-768 and 3-3-9-3 for the tiny model. A block filters depthwise (7x7), then, on each
/// position's channels, applies a LayerNorm, a dense layer to four times the channels, GELU and a
/// dense layer back, multiplies by a learned scale per channel (`layer_scale`), passes a
/// stochastic depth (the identity at inference, written as a dropout of its probability, which
/// grows from 0 to 0.1) and adds its input.
///
/// torchvision runs the block's LayerNorm and dense layers on a channels-last copy of the map
/// (`Permute([0, 2, 3, 1])` before them, `Permute([0, 3, 1, 2])` after). CNNCalc's layers act on
/// the channels whatever the layout, so those two permutes are identity rows and the layers
/// between them keep the channels-first shapes (96x56x56, not 56x56x96).
enum ConvNeXt {
    /// A stage: its channels, blocks, and the channels the downsampling after it goes to (none for the last).
    struct Stage: Sendable {
        var channels: Int
        var nextChannels: Int?
        var blocks: Int
    }

    static let tiny: [Stage] = [
        Stage(channels: 96, nextChannels: 192, blocks: 3),
        Stage(channels: 192, nextChannels: 384, blocks: 3),
        Stage(channels: 384, nextChannels: 768, blocks: 9),
        Stage(channels: 768, nextChannels: nil, blocks: 3),
    ]

    /// The probability of stochastic depth of the last block.
    static let stochasticDepth = 0.1

    static let models: [ZooModel] = [
        ZooModel(
            name: "convnext_tiny", title: "ConvNeXt-T", family: "ConvNeXt",
            paper: Citation(authors: "Liu et al.", year: 2022, title: "A ConvNet for the 2020s", reference: "CVPR 2022, arXiv:2201.03545"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["the permutes around each block's LayerNorm and dense layers are identity rows: CNNCalc's layers act on the channels in any layout",
                    "stochastic depth, the identity at inference, is written as a dropout of its probability"],
            layers: { configuration in layers(tiny, configuration) }),
    ]

    static func layers(_ stages: [Stage], _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += [
            Convolution(filters: stages[0].channels, kernelSize: [4, 4], stride: [4]).named("features.0.0"),
            LayerNormalization().named("features.0.1"),
        ]
        let totalBlocks = stages.reduce(0) { $0 + $1.blocks }
        var blockID = 0
        var index = 1
        for stage in stages {
            for block in 0..<stage.blocks {
                layers += cnBlock(
                    "features.\(index).\(block)", input: layers.output, channels: stage.channels,
                    stochasticDepth: stochasticDepth * Double(blockID) / (Double(totalBlocks) - 1))
                blockID += 1
            }
            index += 1
            if let next = stage.nextChannels {
                layers += [
                    LayerNormalization().named("features.\(index).0"),
                    Convolution(filters: next, kernelSize: [2, 2], stride: [2]).named("features.\(index).1"),
                ]
                index += 1
            }
        }
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                LayerNormalization().named("classifier.0"),
                Flatten().named("classifier.1"),
                Dense(units: configuration.classes).named("classifier.2"),
            ]
        }
        return layers
    }

    /// torchvision's `CNBlock`: `block.0` depthwise 7x7; `block.1` the permute to channels last;
    /// `block.2` LayerNorm; `block.3` dense to `4 * channels`; `block.4` GELU; `block.5` dense back;
    /// `block.6` the permute back; then `layer_scale`, `stochastic_depth` and `add` of the input.
    @NetworkBuilder
    static func cnBlock(_ path: String, input: String, channels: Int, stochasticDepth: Double) -> [LayerDeclaration] {
        DepthwiseConvolution(kernelSize: [7, 7], padding: .uniform(3)).named("\(path).block.0").inputs(input)
        Activation(.linear).named("\(path).block.1")
        LayerNormalization().named("\(path).block.2")
        Dense(units: 4 * channels, flattensInput: false).named("\(path).block.3")
        Activation(.gelu).named("\(path).block.4")
        Dense(units: channels, flattensInput: false).named("\(path).block.5")
        Activation(.linear).named("\(path).block.6")
        LayerScale().named("\(path).layer_scale")
        Dropout(rate: stochasticDepth).named("\(path).stochastic_depth")
        Add().named("\(path).add").inputs("\(path).stochastic_depth", input)
    }
}
