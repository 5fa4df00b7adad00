import CNNCalcCore

/// ShuffleNet v2 1.0x (Ma et al.) as torchvision's `shufflenetv2.py` writes it: a 3x3 stem
/// (`conv1`) and max pooling, three stages of units (`stage2` to `stage4`; 4, 8 and 4 units of
/// 116, 232 and 464 channels), a 1x1 convolution to 1,024 channels (`conv5`), the spatial mean
/// and one dense layer.
///
/// A unit that keeps the size splits the channels in two halves (`x.chunk(2, dim=1)`, the rows
/// `getitem` and `getitem_1`), passes the first on unchanged and the second through `branch2`
/// (1x1 convolution, BatchNorm, ReLU, 3x3 depthwise convolution, BatchNorm, 1x1 convolution,
/// BatchNorm, ReLU); a unit that strides feeds the whole input to both `branch1` (3x3 depthwise
/// convolution of stride 2, BatchNorm, 1x1 convolution, BatchNorm, ReLU) and `branch2`. Either way
/// the two halves are concatenated (`cat`) and shuffled across two groups (`channel_shuffle`,
/// torchvision's function of that name).
enum ShuffleNetV2 {
    static let paper = Citation(
        authors: "Ma et al.", year: 2018, title: "ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design",
        reference: "ECCV 2018, arXiv:1807.11164")

    static let models: [ZooModel] = [
        ZooModel(
            name: "shufflenet_v2_x1_0", title: "ShuffleNet v2 1.0x", family: "ShuffleNet v2", paper: paper,
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            layers: { layers($0, repeats: [4, 8, 4], channels: [24, 116, 232, 464, 1024]) }),
    ]

    static func layers(_ configuration: ZooConfiguration, repeats: [Int], channels: [Int]) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += ZooLayers.convNormActivation("conv1", input: "input", configuration.inputChannels, channels[0], stride: 2)
        layers.append(Pooling(.max, poolSize: [3, 3], stride: [2], padding: .uniform(1)).named("maxpool"))
        var inChannels = channels[0]
        for (stage, count) in repeats.enumerated() {
            let outChannels = channels[stage + 1]
            for index in 0..<count {
                layers += unit(
                    "stage\(stage + 2).\(index)", input: layers.output, inChannels: inChannels, outChannels: outChannels,
                    stride: index == 0 ? 2 : 1)
                inChannels = outChannels
            }
        }
        layers += ZooLayers.convNormActivation("conv5", input: layers.output, inChannels, channels[4], kernel: 1)
        if configuration.includesTop {
            layers.append(GlobalPooling(.average).named("mean"))
            layers.append(Dense(units: configuration.classes).named("fc"))
        }
        return layers
    }

    /// torchvision's `InvertedResidual`: the split (or both branches on the whole input when it
    /// strides), `branch2`, the concatenation and the channel shuffle.
    static func unit(_ path: String, input: String, inChannels: Int, outChannels: Int, stride: Int) -> [LayerDeclaration] {
        let half = outChannels / 2
        var layers: [LayerDeclaration] = []
        let passed: String
        let branch2Input: String
        if stride == 1 {
            layers.append(ChannelSplit(parts: 2, index: 0).named("\(path).getitem").inputs(input))
            layers.append(ChannelSplit(parts: 2, index: 1).named("\(path).getitem_1").inputs(input))
            passed = "\(path).getitem"
            branch2Input = "\(path).getitem_1"
        } else {
            let branch1 = "\(path).branch1"
            layers += [
                ZooLayers.layer(
                    ZooLayers.conv2d(inChannels, inChannels, kernel: [3], stride: stride, padding: [1], groups: inChannels, bias: false),
                    "\(branch1).0", inputs: [input]),
                ZooLayers.layer(BatchNormalization().layerKind, "\(branch1).1"),
                ZooLayers.layer(ZooLayers.conv2d(inChannels, half, kernel: [1], bias: false), "\(branch1).2"),
                ZooLayers.layer(BatchNormalization().layerKind, "\(branch1).3"),
                ZooLayers.layer(Activation(.relu).layerKind, "\(branch1).4"),
            ]
            passed = "\(branch1).4"
            branch2Input = input
        }
        let branch2 = "\(path).branch2"
        let branch2In = stride > 1 ? inChannels : half
        layers += [
            ZooLayers.layer(ZooLayers.conv2d(branch2In, half, kernel: [1], bias: false), "\(branch2).0", inputs: [branch2Input]),
            ZooLayers.layer(BatchNormalization().layerKind, "\(branch2).1"),
            ZooLayers.layer(Activation(.relu).layerKind, "\(branch2).2"),
            ZooLayers.layer(
                ZooLayers.conv2d(half, half, kernel: [3], stride: stride, padding: [1], groups: half, bias: false), "\(branch2).3"),
            ZooLayers.layer(BatchNormalization().layerKind, "\(branch2).4"),
            ZooLayers.layer(ZooLayers.conv2d(half, half, kernel: [1], bias: false), "\(branch2).5"),
            ZooLayers.layer(BatchNormalization().layerKind, "\(branch2).6"),
            ZooLayers.layer(Activation(.relu).layerKind, "\(branch2).7"),
            ZooLayers.layer(Concatenate().layerKind, "\(path).cat", inputs: [passed, "\(branch2).7"]),
            ZooLayers.layer(ChannelShuffle(groups: 2).layerKind, "\(path).channel_shuffle"),
        ]
        return layers
    }
}
