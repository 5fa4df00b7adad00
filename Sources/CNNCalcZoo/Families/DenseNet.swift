import CNNCalcCore

/// DenseNet-121, 169 and 201 of Huang et al. (DenseNet-BC), as torchvision's `densenet.py` writes
/// them: a 7x7 stem, four dense blocks separated by transitions, a final BatchNorm, ReLU, global
/// average pooling and one dense layer.
///
/// A configuration is the growth rate `k` (32), the layers of each block (6, 12, 24, 16 for
/// DenseNet-121) and the stem's filters (64). Each dense layer reads the concatenation of the
/// block's input and every earlier layer's `k` new maps (`cat`), and adds `k` maps through a
/// BatchNorm-ReLU-1x1 convolution to `4k` maps and a BatchNorm-ReLU-3x3 convolution; the block's
/// output is the concatenation of them all. A transition halves the channels (1x1 convolution)
/// and the size (2x2 average pooling).
enum DenseNet {
    /// A variant: its growth rate, the layers of each dense block, and the stem's filters.
    struct Configuration: Sendable {
        var growthRate = 32
        var blocks: [Int]
        var initialFeatures = 64
        /// torchvision's `bn_size`: the bottleneck has `bottleneckFactor * growthRate` channels.
        var bottleneckFactor = 4
    }

    static let paper = Citation(
        authors: "Huang et al.", year: 2017, title: "Densely Connected Convolutional Networks", reference: "CVPR 2017, arXiv:1608.06993")

    static let models: [ZooModel] = [
        model("densenet121", "DenseNet-121", Configuration(blocks: [6, 12, 24, 16])),
        model("densenet169", "DenseNet-169", Configuration(blocks: [6, 12, 32, 32])),
        model("densenet201", "DenseNet-201", Configuration(blocks: [6, 12, 48, 32])),
    ]

    static func model(_ name: String, _ title: String, _ variant: Configuration) -> ZooModel {
        ZooModel(
            name: name, title: title, family: "DenseNet", paper: paper, framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["without the top, the network ends with the ReLU that DenseNet's forward applies after features.norm5"],
            layers: { configuration in layers(variant, configuration) })
    }

    static func layers(_ variant: Configuration, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += stem(filters: variant.initialFeatures)
        var features = variant.initialFeatures
        for (index, count) in variant.blocks.enumerated() {
            layers += denseBlock(
                "features.denseblock\(index + 1)", input: layers.output, layers: count,
                growthRate: variant.growthRate, bottleneck: variant.bottleneckFactor * variant.growthRate)
            features += count * variant.growthRate
            if index < variant.blocks.count - 1 {
                layers += transition("features.transition\(index + 1)", outChannels: features / 2)
                features /= 2
            }
        }
        layers.append(BatchNormalization().named("features.norm5"))
        layers.append(Activation(.relu).named("relu"))
        if configuration.includesTop {
            layers += head(classes: configuration.classes)
        }
        return layers
    }

    @NetworkBuilder
    static func stem(filters: Int) -> [LayerDeclaration] {
        Convolution(filters: filters, kernelSize: [7, 7], stride: [2], padding: .uniform(3), hasBias: false).named("features.conv0")
        BatchNormalization().named("features.norm0")
        Activation(.relu).named("features.relu0")
        Pooling(.max, poolSize: [3, 3], stride: [2], padding: .uniform(1)).named("features.pool0")
    }

    /// torchvision's `_DenseBlock`: `layers` dense layers, each fed the concatenation of all
    /// features so far, and the concatenation of all of them as the output (`cat`).
    static func denseBlock(_ path: String, input: String, layers count: Int, growthRate: Int, bottleneck: Int) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = []
        var features = [input]
        for index in 1...count {
            layers += denseLayer("\(path).denselayer\(index)", features: features, growthRate: growthRate, bottleneck: bottleneck)
            features.append(layers.output)
        }
        layers.append(Concatenate().named("\(path).cat").inputs(features))
        return layers
    }

    /// torchvision's `_DenseLayer`: `torch.cat` of the features so far (none for the first layer,
    /// which reads the block's input), norm1-relu1-conv1 (1x1 to `bottleneck` maps), norm2-relu2-conv2
    /// (3x3 to `growthRate` maps).
    @NetworkBuilder
    static func denseLayer(_ path: String, features: [String], growthRate: Int, bottleneck: Int) -> [LayerDeclaration] {
        if features.count > 1 {
            Concatenate().named("\(path).cat").inputs(features)
            BatchNormalization().named("\(path).norm1")
        } else {
            BatchNormalization().named("\(path).norm1").inputs(features[0])
        }
        Activation(.relu).named("\(path).relu1")
        Convolution(filters: bottleneck, kernelSize: [1, 1], hasBias: false).named("\(path).conv1")
        BatchNormalization().named("\(path).norm2")
        Activation(.relu).named("\(path).relu2")
        Convolution(filters: growthRate, kernelSize: [3, 3], padding: .uniform(1), hasBias: false).named("\(path).conv2")
    }

    /// torchvision's `_Transition`: norm-relu-conv (1x1 to `outChannels`) and a 2x2 average pooling.
    @NetworkBuilder
    static func transition(_ path: String, outChannels: Int) -> [LayerDeclaration] {
        BatchNormalization().named("\(path).norm")
        Activation(.relu).named("\(path).relu")
        Convolution(filters: outChannels, kernelSize: [1, 1], hasBias: false).named("\(path).conv")
        Pooling(.average, poolSize: [2, 2], stride: [2]).named("\(path).pool")
    }

    @NetworkBuilder
    static func head(classes: Int) -> [LayerDeclaration] {
        AdaptivePooling(.average, outputSize: [1, 1]).named("adaptive_avg_pool2d")
        Flatten().named("flatten")
        Dense(units: classes).named("classifier")
    }
}
