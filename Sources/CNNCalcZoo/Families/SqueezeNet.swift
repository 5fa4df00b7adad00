import CNNCalcCore

/// SqueezeNet 1.0 of Iandola et al. and its version 1.1 (from the authors' repository: a 3x3
/// stem of 64 filters and earlier poolings, 2.4 times cheaper for the same accuracy), as
/// torchvision's `squeezenet.py` writes them: a stem, eight fire modules with three max
/// poolings among them, and a classifier that is a 1x1 convolution to the classes followed by
/// global average pooling.
///
/// A configuration is the stem and the sequence of `features`: fire modules (their squeeze,
/// 1x1-expand and 3x3-expand filters) and poolings. A fire module squeezes with a 1x1
/// convolution and concatenates a 1x1 and a 3x3 expansion of the result.
enum SqueezeNet {
    /// An entry of `features` after the stem.
    enum Item {
        case fire(squeeze: Int, expand1x1: Int, expand3x3: Int)
        case maxPooling
    }

    /// A version: its stem convolution and the items after the stem's ReLU and pooling.
    struct Configuration: Sendable {
        var stemFilters: Int
        var stemKernel: Int
        var items: [Item]
    }

    static let version10 = Configuration(stemFilters: 96, stemKernel: 7, items: [
        .fire(squeeze: 16, expand1x1: 64, expand3x3: 64), .fire(squeeze: 16, expand1x1: 64, expand3x3: 64),
        .fire(squeeze: 32, expand1x1: 128, expand3x3: 128), .maxPooling,
        .fire(squeeze: 32, expand1x1: 128, expand3x3: 128), .fire(squeeze: 48, expand1x1: 192, expand3x3: 192),
        .fire(squeeze: 48, expand1x1: 192, expand3x3: 192), .fire(squeeze: 64, expand1x1: 256, expand3x3: 256), .maxPooling,
        .fire(squeeze: 64, expand1x1: 256, expand3x3: 256),
    ])

    static let version11 = Configuration(stemFilters: 64, stemKernel: 3, items: [
        .fire(squeeze: 16, expand1x1: 64, expand3x3: 64), .fire(squeeze: 16, expand1x1: 64, expand3x3: 64), .maxPooling,
        .fire(squeeze: 32, expand1x1: 128, expand3x3: 128), .fire(squeeze: 32, expand1x1: 128, expand3x3: 128), .maxPooling,
        .fire(squeeze: 48, expand1x1: 192, expand3x3: 192), .fire(squeeze: 48, expand1x1: 192, expand3x3: 192),
        .fire(squeeze: 64, expand1x1: 256, expand3x3: 256), .fire(squeeze: 64, expand1x1: 256, expand3x3: 256),
    ])

    static let paper = Citation(
        authors: "Iandola et al.", year: 2016, title: "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and <0.5MB model size",
        reference: "arXiv:1602.07360")

    static let models: [ZooModel] = [
        model("squeezenet1_0", "SqueezeNet 1.0", version10, notes: []),
        model("squeezenet1_1", "SqueezeNet 1.1", version11,
              notes: ["version 1.1 comes from the authors' repository, not the paper"]),
    ]

    static func model(_ name: String, _ title: String, _ version: Configuration, notes: [String]) -> ZooModel {
        ZooModel(
            name: name, title: title, family: "SqueezeNet", paper: paper, framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: notes, layers: { configuration in layers(version, configuration) })
    }

    static func layers(_ version: Configuration, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += [
            Convolution(filters: version.stemFilters, kernelSize: [version.stemKernel, version.stemKernel], stride: [2])
                .named("features.0"),
            Activation(.relu).named("features.1"),
            maxPool("features.2"),
        ]
        for (offset, item) in version.items.enumerated() {
            let path = "features.\(offset + 3)"
            switch item {
            case .maxPooling:
                layers.append(maxPool(path))
            case .fire(let squeeze, let expand1x1, let expand3x3):
                layers += fire(path, input: layers.output, squeeze: squeeze, expand1x1: expand1x1, expand3x3: expand3x3)
            }
        }
        if configuration.includesTop {
            layers += classifier(classes: configuration.classes)
        }
        return layers
    }

    /// A 3x3 max pooling of stride 2 in ceil mode.
    static func maxPool(_ name: String) -> LayerDeclaration {
        Pooling(.max, poolSize: [3, 3], stride: [2], ceilMode: true).named(name)
    }

    /// torchvision's `Fire`: squeeze (1x1) and its ReLU, then a 1x1 and a 3x3 expansion, each
    /// with its ReLU, concatenated (`cat`).
    @NetworkBuilder
    static func fire(_ path: String, input: String, squeeze: Int, expand1x1: Int, expand3x3: Int) -> [LayerDeclaration] {
        Convolution(filters: squeeze, kernelSize: [1, 1]).named("\(path).squeeze").inputs(input)
        Activation(.relu).named("\(path).squeeze_activation")
        Convolution(filters: expand1x1, kernelSize: [1, 1]).named("\(path).expand1x1")
        Activation(.relu).named("\(path).expand1x1_activation")
        Convolution(filters: expand3x3, kernelSize: [3, 3], padding: .uniform(1)).named("\(path).expand3x3")
            .inputs("\(path).squeeze_activation")
        Activation(.relu).named("\(path).expand3x3_activation")
        Concatenate().named("\(path).cat").inputs("\(path).expand1x1_activation", "\(path).expand3x3_activation")
    }

    /// Dropout, a 1x1 convolution to the classes with its ReLU, and global average pooling to 1x1, flattened.
    @NetworkBuilder
    static func classifier(classes: Int) -> [LayerDeclaration] {
        Dropout(rate: 0.5).named("classifier.0")
        Convolution(filters: classes, kernelSize: [1, 1]).named("classifier.1")
        Activation(.relu).named("classifier.2")
        AdaptivePooling(.average, outputSize: [1, 1]).named("classifier.3")
        Flatten().named("flatten")
    }
}
