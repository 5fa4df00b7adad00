import CNNCalcCore

/// DenseNet-121 (Huang et al.) as Keras Applications writes it (`keras.applications.DenseNet121`),
/// with Keras' layer names (`conv2_block1_0_bn`, `pool2_conv`) and Keras' way of counting.
///
/// The layers are torchvision's `densenet121` (7,978,856 trainable parameters at 1,000 classes in
/// both; Keras adds the 83,648 moving means and variances of its BatchNorms as non-trainable
/// parameters), written Keras' way: the stem pads with `ZeroPadding2D` layers Keras names
/// automatically (`zero_padding2d`, `zero_padding2d_1`), each dense layer is BatchNorm, relu, 1x1
/// convolution to 128 channels, BatchNorm, relu, 3x3 convolution to 32 channels, concatenated to
/// its input (`conv2_block1_concat`), and each transition halves the channels (`int(channels *
/// 0.5)`) with a 1x1 convolution before a 2x2 average pooling (`pool2_pool`).
enum KerasDenseNet {
    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/densenet121", title: "DenseNet-121 (Keras)", family: "DenseNet", paper: DenseNet.paper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            layers: { layers($0, blocks: [6, 12, 24, 16]) }),
    ]

    static let growthRate = 32

    static func layers(_ configuration: ZooConfiguration, blocks: [Int]) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = [Input(configuration.input, layout: .channelsLast).named("input_layer")]
        layers += stem()
        var channels = 64
        for (stage, count) in blocks.enumerated() {
            for index in 1...count {
                layers += denseLayer("conv\(stage + 2)_block\(index)", input: layers.output)
            }
            channels += count * growthRate
            if stage < blocks.count - 1 {
                channels /= 2
                layers += transition("pool\(stage + 2)", channels: channels)
            }
        }
        layers.append(BatchNormalization().named("bn"))
        layers.append(Activation(.relu).named("relu"))
        if configuration.includesTop {
            layers.append(GlobalPooling(.average).named("avg_pool"))
            layers.append(Dense(units: configuration.classes, activation: .softmax).named("predictions"))
        }
        return layers
    }

    @NetworkBuilder
    static func stem() -> [LayerDeclaration] {
        ZeroPadding([AxisPadding(before: 3, after: 3)]).named("zero_padding2d")
        Convolution(filters: 64, kernelSize: [7, 7], stride: [2], hasBias: false).named("conv1_conv")
        BatchNormalization().named("conv1_bn")
        Activation(.relu).named("conv1_relu")
        ZeroPadding([AxisPadding(before: 1, after: 1)]).named("zero_padding2d_1")
        Pooling(.max, poolSize: [3, 3], stride: [2]).named("pool1")
    }

    /// Keras' `conv_block`: BatchNorm-relu-conv1x1 (128) and BatchNorm-relu-conv3x3 (32), concatenated to the input.
    @NetworkBuilder
    static func denseLayer(_ name: String, input: String) -> [LayerDeclaration] {
        BatchNormalization().named("\(name)_0_bn").inputs(input)
        Activation(.relu).named("\(name)_0_relu")
        Convolution(filters: 4 * growthRate, kernelSize: [1, 1], hasBias: false).named("\(name)_1_conv")
        BatchNormalization().named("\(name)_1_bn")
        Activation(.relu).named("\(name)_1_relu")
        Convolution(filters: growthRate, kernelSize: [3, 3], padding: .same, hasBias: false).named("\(name)_2_conv")
        Concatenate().named("\(name)_concat").inputs(input, "\(name)_2_conv")
    }

    /// Keras' `transition_block`: BatchNorm, relu, a 1x1 convolution to `channels`, 2x2 average pooling.
    @NetworkBuilder
    static func transition(_ name: String, channels: Int) -> [LayerDeclaration] {
        BatchNormalization().named("\(name)_bn")
        Activation(.relu).named("\(name)_relu")
        Convolution(filters: channels, kernelSize: [1, 1], hasBias: false).named("\(name)_conv")
        Pooling(.average, poolSize: [2, 2]).named("\(name)_pool")
    }
}
