import CNNCalcCore

/// LeNet-5 of LeCun, Bottou, Bengio and Haffner, "Gradient-Based Learning Applied to Document
/// Recognition", Proceedings of the IEEE 86(11), 1998 (Fig. 2), as textbooks simplify it:
///
/// | layer | paper | here |
/// |---|---|---|
/// | C1 | 6 maps of 5x5 on a 32x32 image | the same: 156 parameters |
/// | S2, S4 | 2x2 sums times a learned coefficient, plus a learned bias per map, then a sigmoid | 2x2 average pooling, nothing learned |
/// | C3 | 16 maps of 5x5, each over some of S2's six maps (a connection table): 1,516 parameters | each over all six: 2,416 |
/// | C5 | 120 maps of 5x5, which on a 5x5 input is fully connected | the same: 48,120 |
/// | F6 | 84 units, scaled tanh | 84 units, tanh |
/// | output | 10 Euclidean RBF units over F6 (fixed weights) | a dense layer of 10: 850 |
///
/// 61,706 parameters in all (the paper's network has 60,000 trainable ones). Written as a PyTorch
/// module and checked against PyTorch's counts. With another input size, F6 takes every value
/// C5 produces; without the top, the network ends at C5 and its tanh.
enum LeNet {
    static let models: [ZooModel] = [
        ZooModel(
            name: "lenet5", title: "LeNet-5", family: "LeNet",
            paper: Citation(
                authors: "LeCun et al.", year: 1998, title: "Gradient-Based Learning Applied to Document Recognition",
                reference: "Proceedings of the IEEE 86(11)"),
            framework: "PyTorch", convention: .pytorch,
            defaultInput: .featureMap(spatial: [32, 32], channels: 1), inputLayout: .channelsFirst, defaultClasses: 10,
            notes: ["C3 sees all six maps of S2, S2 and S4 are plain average pooling and the output is a dense layer, "
                    + "as textbooks simplify the paper's network"],
            layers: layers),
    ]

    @NetworkBuilder
    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        ZooLayers.input(configuration)
        Convolution(filters: 6, kernelSize: [5, 5]).named("c1")
        Activation(.tanh).named("tanh1")
        Pooling(.average, poolSize: [2, 2]).named("s2")
        Convolution(filters: 16, kernelSize: [5, 5]).named("c3")
        Activation(.tanh).named("tanh3")
        Pooling(.average, poolSize: [2, 2]).named("s4")
        Convolution(filters: 120, kernelSize: [5, 5]).named("c5")
        Activation(.tanh).named("tanh5")
        if configuration.includesTop {
            Flatten().named("flatten")
            Dense(units: 84).named("f6")
            Activation(.tanh).named("tanh6")
            Dense(units: configuration.classes).named("output")
        }
    }
}
