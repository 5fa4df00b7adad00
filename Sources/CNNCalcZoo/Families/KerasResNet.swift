import CNNCalcCore

/// ResNet-50 (He et al.) as Keras Applications writes it (`keras.applications.ResNet50`), with
/// Keras' layer names (`conv2_block1_1_conv`) and Keras' way of counting.
///
/// It is not torchvision's `resnet50`: at 1,000 classes it has 25,583,592 trainable parameters
/// where torchvision has 25,557,032, 26,560 more, because every convolution of Keras' ResNet keeps
/// its bias (`Conv2D`'s default `use_bias=True`) where torchvision writes `bias=False`. The
/// BatchNormalization after each convolution subtracts the mean and adds its own offset, so these
/// biases cannot change the output; Keras keeps them anyway. Keras also counts BatchNorm's moving
/// mean and variance as 53,120 non-trainable parameters, where PyTorch keeps them as buffers: in
/// all, `count_params()` gives 25,636,712.
///
/// The stem pads with explicit `ZeroPadding2D` layers (`conv1_pad`, `pool1_pad`), and each
/// stage's first block strides its first 1x1 convolution, as the paper does ("ResNet v1"), where
/// torchvision strides the 3x3.
enum KerasResNet {
    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/resnet50", title: "ResNet-50 (Keras)", family: "ResNet", paper: ResNet.resNetPaper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            notes: ["every convolution has a bias (Keras' use_bias=True), unlike torchvision's resnet50",
                    "the first 1x1 convolution of a block strides, as in the paper (ResNet v1)"],
            layers: { layers($0, blocks: [3, 4, 6, 3]) }),
    ]

    /// The stem, `stack1` four times (64, 128, 256 and 512 filters) and the head.
    static func layers(_ configuration: ZooConfiguration, blocks: [Int]) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = [Input(configuration.input, layout: .channelsLast).named("input_layer")]
        layers += stem()
        for (stage, (filters, count)) in zip([64, 128, 256, 512], blocks).enumerated() {
            for index in 1...count {
                let stride = stage > 0 && index == 1 ? 2 : 1
                layers += block(
                    "conv\(stage + 2)_block\(index)", input: layers.output, filters: filters, stride: stride,
                    convolutionShortcut: index == 1)
            }
        }
        if configuration.includesTop {
            layers.append(GlobalPooling(.average).named("avg_pool"))
            layers.append(Dense(units: configuration.classes, activation: .softmax).named("predictions"))
        }
        return layers
    }

    @NetworkBuilder
    static func stem() -> [LayerDeclaration] {
        ZeroPadding([AxisPadding(before: 3, after: 3)]).named("conv1_pad")
        Convolution(filters: 64, kernelSize: [7, 7], stride: [2]).named("conv1_conv")
        BatchNormalization().named("conv1_bn")
        Activation(.relu).named("conv1_relu")
        ZeroPadding([AxisPadding(before: 1, after: 1)]).named("pool1_pad")
        Pooling(.max, poolSize: [3, 3], stride: [2]).named("pool1_pool")
    }

    /// Keras' `block1`: 1x1 (strided), 3x3 `same` and 1x1 to `4 * filters` convolutions with
    /// BatchNorm, plus the input or, in a stage's first block, a strided 1x1 convolution of it
    /// (`_0_conv`, `_0_bn`), then relu (`_out`).
    @NetworkBuilder
    static func block(
        _ name: String, input: String, filters: Int, stride: Int, convolutionShortcut: Bool
    ) -> [LayerDeclaration] {
        if convolutionShortcut {
            Convolution(filters: 4 * filters, kernelSize: [1, 1], stride: [stride]).named("\(name)_0_conv").inputs(input)
            BatchNormalization().named("\(name)_0_bn")
        }
        Convolution(filters: filters, kernelSize: [1, 1], stride: [stride]).named("\(name)_1_conv").inputs(input)
        BatchNormalization().named("\(name)_1_bn")
        Activation(.relu).named("\(name)_1_relu")
        Convolution(filters: filters, kernelSize: [3, 3], padding: .same).named("\(name)_2_conv")
        BatchNormalization().named("\(name)_2_bn")
        Activation(.relu).named("\(name)_2_relu")
        Convolution(filters: 4 * filters, kernelSize: [1, 1]).named("\(name)_3_conv")
        BatchNormalization().named("\(name)_3_bn")
        Add().named("\(name)_add").inputs("\(name)_3_bn", convolutionShortcut ? "\(name)_0_bn" : input)
        Activation(.relu).named("\(name)_out")
    }
}
