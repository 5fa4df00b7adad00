import CNNCalcCore

/// AlexNet as torchvision's `alexnet.py` writes it, after Krizhevsky's "One weird trick for
/// parallelizing convolutional neural networks" (arXiv:1404.5997): one tower, 64-192-384-256-256
/// filters and no local response normalization, where the 2012 paper's two towers have
/// 96-256-384-384-256 with LRN. An adaptive average pooling to 6x6 lets any input of at least
/// 63x63 reach the classifier.
enum AlexNet {
    static let models: [ZooModel] = [
        ZooModel(
            name: "alexnet", title: "AlexNet", family: "AlexNet",
            paper: Citation(
                authors: "Krizhevsky", year: 2014, title: "One weird trick for parallelizing convolutional neural networks",
                reference: "arXiv:1404.5997 (after Krizhevsky, Sutskever and Hinton, NeurIPS 2012)"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["torchvision follows the one-tower network of 'One weird trick' (64, 192, 384, 256, 256 filters, "
                    + "no LRN), not the two towers of the 2012 paper"],
            layers: layers),
    ]

    @NetworkBuilder
    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        ZooLayers.input(configuration)
        Convolution(filters: 64, kernelSize: [11, 11], stride: [4], padding: .uniform(2)).named("features.0")
        Activation(.relu).named("features.1")
        Pooling(.max, poolSize: [3, 3], stride: [2]).named("features.2")
        Convolution(filters: 192, kernelSize: [5, 5], padding: .uniform(2)).named("features.3")
        Activation(.relu).named("features.4")
        Pooling(.max, poolSize: [3, 3], stride: [2]).named("features.5")
        Convolution(filters: 384, kernelSize: [3, 3], padding: .uniform(1)).named("features.6")
        Activation(.relu).named("features.7")
        Convolution(filters: 256, kernelSize: [3, 3], padding: .uniform(1)).named("features.8")
        Activation(.relu).named("features.9")
        Convolution(filters: 256, kernelSize: [3, 3], padding: .uniform(1)).named("features.10")
        Activation(.relu).named("features.11")
        Pooling(.max, poolSize: [3, 3], stride: [2]).named("features.12")
        if configuration.includesTop {
            AdaptivePooling(.average, outputSize: [6, 6]).named("avgpool")
            Flatten().named("flatten")
            Dropout(rate: 0.5).named("classifier.0")
            Dense(units: 4096).named("classifier.1")
            Activation(.relu).named("classifier.2")
            Dropout(rate: 0.5).named("classifier.3")
            Dense(units: 4096).named("classifier.4")
            Activation(.relu).named("classifier.5")
            Dense(units: configuration.classes).named("classifier.6")
        }
    }
}
