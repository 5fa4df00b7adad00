import CNNCalcCore

/// VGG-11, 13, 16 and 19 of Simonyan and Zisserman, with and without BatchNorm, as torchvision's
/// `vgg.py` writes them: a configuration per depth (`cfgs`, the columns A, B, D and E of the
/// paper's Table 1), each a list of 3x3 convolutions (their filter counts) and 2x2 max poolings
/// (`M`), then a classifier of two 4096-unit layers. torchvision pools adaptively to 7x7 before
/// the classifier, so any input of at least 32x32 reaches it; its `_bn` variants, which the
/// paper does not have, put a BatchNorm after every convolution.
enum VGG {
    /// An entry of a configuration: a convolution with this many filters, or a max pooling.
    enum Item {
        case convolution(Int)
        case maxPooling
    }

    /// torchvision's `cfgs`: the paper's configurations A (VGG-11), B (13), D (16) and E (19).
    static let configurations: [Int: [Item]] = [
        11: [.convolution(64), .maxPooling, .convolution(128), .maxPooling, .convolution(256), .convolution(256), .maxPooling,
             .convolution(512), .convolution(512), .maxPooling, .convolution(512), .convolution(512), .maxPooling],
        13: [.convolution(64), .convolution(64), .maxPooling, .convolution(128), .convolution(128), .maxPooling,
             .convolution(256), .convolution(256), .maxPooling, .convolution(512), .convolution(512), .maxPooling,
             .convolution(512), .convolution(512), .maxPooling],
        16: [.convolution(64), .convolution(64), .maxPooling, .convolution(128), .convolution(128), .maxPooling,
             .convolution(256), .convolution(256), .convolution(256), .maxPooling,
             .convolution(512), .convolution(512), .convolution(512), .maxPooling,
             .convolution(512), .convolution(512), .convolution(512), .maxPooling],
        19: [.convolution(64), .convolution(64), .maxPooling, .convolution(128), .convolution(128), .maxPooling,
             .convolution(256), .convolution(256), .convolution(256), .convolution(256), .maxPooling,
             .convolution(512), .convolution(512), .convolution(512), .convolution(512), .maxPooling,
             .convolution(512), .convolution(512), .convolution(512), .convolution(512), .maxPooling],
    ]

    static let paper = Citation(
        authors: "Simonyan and Zisserman", year: 2015, title: "Very Deep Convolutional Networks for Large-Scale Image Recognition",
        reference: "ICLR 2015, arXiv:1409.1556")

    static let models: [ZooModel] = configurations.keys.sorted().flatMap { depth in
        [false, true].map { batchNorm in
            let items = configurations[depth] ?? []
            return ZooModel(
                name: "vgg\(depth)\(batchNorm ? "_bn" : "")", title: "VGG-\(depth)\(batchNorm ? " (BN)" : "")", family: "VGG",
                paper: paper, framework: "torchvision 0.28", convention: .pytorch,
                defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst,
                defaultClasses: 1000,
                notes: batchNorm ? ["the BatchNorm after every convolution is torchvision's; the paper has none"] : [],
                layers: { configuration in layers(items, batchNorm: batchNorm, configuration) })
        }
    }

    /// torchvision's `make_layers`: the `features` of a configuration, numbered as `nn.Sequential` numbers them.
    static func features(_ items: [Item], batchNorm: Bool) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = []
        func add(_ layer: some LayerBehavior) {
            layers.append(layer.named("features.\(layers.count)"))
        }
        for item in items {
            switch item {
            case .maxPooling:
                add(Pooling(.max, poolSize: [2, 2], stride: [2]))
            case .convolution(let filters):
                add(Convolution(filters: filters, kernelSize: [3, 3], padding: .uniform(1)))
                if batchNorm { add(BatchNormalization()) }
                add(Activation(.relu))
            }
        }
        return layers
    }

    @NetworkBuilder
    static func classifier(classes: Int) -> [LayerDeclaration] {
        AdaptivePooling(.average, outputSize: [7, 7]).named("avgpool")
        Flatten().named("flatten")
        Dense(units: 4096).named("classifier.0")
        Activation(.relu).named("classifier.1")
        Dropout(rate: 0.5).named("classifier.2")
        Dense(units: 4096).named("classifier.3")
        Activation(.relu).named("classifier.4")
        Dropout(rate: 0.5).named("classifier.5")
        Dense(units: classes).named("classifier.6")
    }

    @NetworkBuilder
    static func layers(_ items: [Item], batchNorm: Bool, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        ZooLayers.input(configuration)
        features(items, batchNorm: batchNorm)
        if configuration.includesTop {
            classifier(classes: configuration.classes)
        }
    }
}
