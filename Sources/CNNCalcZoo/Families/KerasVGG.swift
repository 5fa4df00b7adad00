import CNNCalcCore

/// VGG-16 (Simonyan and Zisserman) as Keras Applications writes it (`keras.applications.VGG16`):
/// five blocks of 3x3 `same` convolutions with relu written into the layer (`block1_conv1`),
/// each closed by a 2x2 max pooling (`block1_pool`), then `flatten`, `fc1` and `fc2` of 4,096
/// units with relu and `predictions` with softmax.
///
/// It has torchvision's `vgg16` parameters (138,357,544 at 1,000 classes) and no BatchNorm, so
/// nothing non-trainable; it differs from torchvision in its head only: no dropout, and no adaptive
/// pooling to 7x7 before the classifier, so that `fc1` reads whatever the last pooling gives and
/// another input size changes its parameters.
enum KerasVGG {
    /// Filters of the convolutions of each block: configuration D of the paper's Table 1.
    static let blocks = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]

    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/vgg16", title: "VGG-16 (Keras)", family: "VGG", paper: VGG.paper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            notes: ["no dropout and no adaptive pooling: fc1 reads the last pooling's output as it is"],
            layers: layers),
    ]

    @NetworkBuilder
    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        Input(configuration.input, layout: .channelsLast).named("input_layer")
        for (block, filters) in blocks.enumerated() {
            for (index, count) in filters.enumerated() {
                Convolution(filters: count, kernelSize: [3, 3], padding: .same, activation: .relu)
                    .named("block\(block + 1)_conv\(index + 1)")
            }
            Pooling(.max, poolSize: [2, 2]).named("block\(block + 1)_pool")
        }
        if configuration.includesTop {
            Flatten().named("flatten")
            Dense(units: 4096, activation: .relu).named("fc1")
            Dense(units: 4096, activation: .relu).named("fc2")
            Dense(units: configuration.classes, activation: .softmax).named("predictions")
        }
    }
}
