import CNNCalcCore

/// MnasNet 1.0 of Tan et al. (its B1 variant, without squeeze-and-excitation), as torchvision's
/// `mnasnet.py` writes it: a stem (3x3 convolution, a depthwise 3x3 and a 1x1 projection), six
/// stacks of inverted residuals, a 1x1 convolution to 1280 channels, the mean over the spatial
/// axes, dropout and one dense layer.
///
/// The configuration lists the stacks (torchvision's `_stack` calls): kernel, first stride,
/// expansion factor and repeats, between the channel depths 32, 16, 24, 40, 80, 96, 192, 320.
/// The width multiplier (`alpha`, as `MNASNet(alpha)` takes it; `mnasnet0_5` is `alpha=0.5`)
/// scales the depths, rounded to a multiple of 8; the last 1280 channels stay.
enum MNASNet {
    /// A `_stack` call: its kernel, first stride, expansion and repeats.
    struct Stack: Sendable {
        var kernel: Int
        var stride: Int
        var expansion: Int
        var repeats: Int
    }

    static let depths = [32, 16, 24, 40, 80, 96, 192, 320]
    static let stacks: [Stack] = [
        Stack(kernel: 3, stride: 2, expansion: 3, repeats: 3),
        Stack(kernel: 5, stride: 2, expansion: 3, repeats: 3),
        Stack(kernel: 5, stride: 2, expansion: 6, repeats: 3),
        Stack(kernel: 3, stride: 1, expansion: 6, repeats: 2),
        Stack(kernel: 5, stride: 2, expansion: 6, repeats: 4),
        Stack(kernel: 3, stride: 1, expansion: 6, repeats: 1),
    ]

    static let models: [ZooModel] = [
        ZooModel(
            name: "mnasnet1_0", title: "MnasNet 1.0", family: "MnasNet",
            paper: Citation(authors: "Tan et al.", year: 2019, title: "MnasNet: Platform-Aware Neural Architecture Search for Mobile",
                            reference: "CVPR 2019, arXiv:1807.11626"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            defaultWidth: 1, notes: ["torchvision implements the B1 variant, without squeeze-and-excitation"], layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let depth = depths.map { ZooLayers.makeDivisible(Double($0) * configuration.width, 8) }
        var layers = ZooLayers.input(configuration)
        layers += [
            Convolution(filters: depth[0], kernelSize: [3, 3], stride: [2], padding: .uniform(1), hasBias: false).named("layers.0"),
            BatchNormalization().named("layers.1"),
            Activation(.relu).named("layers.2"),
            DepthwiseConvolution(kernelSize: [3, 3], padding: .uniform(1), hasBias: false).named("layers.3"),
            BatchNormalization().named("layers.4"),
            Activation(.relu).named("layers.5"),
            Convolution(filters: depth[1], kernelSize: [1, 1], hasBias: false).named("layers.6"),
            BatchNormalization().named("layers.7"),
        ]
        for (index, stack) in stacks.enumerated() {
            for repeat_ in 0..<stack.repeats {
                let inChannels = repeat_ == 0 ? depth[index + 1] : depth[index + 2]
                layers += invertedResidual(
                    "layers.\(index + 8).\(repeat_)", input: layers.output, inChannels, depth[index + 2],
                    kernel: stack.kernel, stride: repeat_ == 0 ? stack.stride : 1, expansion: stack.expansion)
            }
        }
        layers += [
            Convolution(filters: 1280, kernelSize: [1, 1], hasBias: false).named("layers.14"),
            BatchNormalization().named("layers.15"),
            Activation(.relu).named("layers.16"),
        ]
        if configuration.includesTop {
            layers += [
                GlobalPooling(.average).named("mean"),
                Dropout(rate: 0.2).named("classifier.0"),
                Dense(units: configuration.classes).named("classifier.1"),
            ]
        }
        return layers
    }

    /// torchvision's `_InvertedResidual`: 1x1 expansion, depthwise `kernel` (strided), 1x1
    /// projection, each with a BatchNorm (the first two with a ReLU), and `add` of the input when
    /// the stride is 1 and the channels are kept.
    @NetworkBuilder
    static func invertedResidual(
        _ path: String, input: String, _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int, expansion: Int
    ) -> [LayerDeclaration] {
        Convolution(filters: inChannels * expansion, kernelSize: [1, 1], hasBias: false).named("\(path).layers.0").inputs(input)
        BatchNormalization().named("\(path).layers.1")
        Activation(.relu).named("\(path).layers.2")
        DepthwiseConvolution(kernelSize: [kernel, kernel], stride: [stride], padding: .uniform(kernel / 2), hasBias: false)
            .named("\(path).layers.3")
        BatchNormalization().named("\(path).layers.4")
        Activation(.relu).named("\(path).layers.5")
        Convolution(filters: outChannels, kernelSize: [1, 1], hasBias: false).named("\(path).layers.6")
        BatchNormalization().named("\(path).layers.7")
        if inChannels == outChannels && stride == 1 {
            Add().named("\(path).add").inputs("\(path).layers.7", input)
        }
    }
}
