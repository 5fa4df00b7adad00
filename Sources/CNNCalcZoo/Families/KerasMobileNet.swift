import CNNCalcCore

/// MobileNet (v1, Howard et al.) as Keras Applications writes it (`keras.applications.MobileNet`),
/// with Keras' layer names (`conv_dw_1`, `conv_pw_1_bn`) and Keras' way of counting. torchvision
/// has no MobileNet v1.
///
/// A 3x3 convolution with stride 2, then 13 depthwise-separable blocks: a 3x3 depthwise
/// convolution, BatchNorm and ReLU6, then a 1x1 convolution, BatchNorm and ReLU6. Blocks 2, 4, 6
/// and 12 stride 2, after a `ZeroPadding2D` of one pixel after each axis (`conv_pad_2`). The head
/// keeps the spatial axes (`GlobalAveragePooling2D(keepdims=True)`), drops out 0.1%, classifies
/// with a 1x1 convolution with bias (`conv_preds`), reshapes to a vector (`reshape_2`, a name
/// Keras writes) and applies softmax (`predictions`). `alpha` scales every convolution's filters,
/// truncated to an integer (`int(filters * alpha)`).
enum KerasMobileNet {
    /// `_depthwise_conv_block`'s pointwise filters and strides, blocks 1 to 13.
    static let blocks: [(filters: Int, stride: Int)] = [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
        (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ]

    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/mobilenet", title: "MobileNet v1 (Keras)", family: "MobileNet v1",
            paper: Citation(
                authors: "Howard et al.", year: 2017,
                title: "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications",
                reference: "arXiv:1704.04861"),
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            defaultWidth: 1,
            notes: ["stride-2 depthwise convolutions are padded by a ZeroPadding2D of one pixel after, then valid",
                    "the classifier is a 1x1 convolution with bias, then a reshape and softmax"],
            layers: layers),
    ]

    @NetworkBuilder
    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let alpha = configuration.width
        Input(configuration.input, layout: .channelsLast).named("input_layer")
        Convolution(filters: Int(32 * alpha), kernelSize: [3, 3], stride: [2], padding: .same, hasBias: false).named("conv1")
        BatchNormalization().named("conv1_bn")
        Activation(.relu6).named("conv1_relu")
        for (index, block) in blocks.enumerated() {
            depthwiseSeparable(index + 1, filters: Int(Double(block.filters) * alpha), stride: block.stride)
        }
        if configuration.includesTop {
            GlobalPooling(.average, keepsDimensions: true).named("global_average_pooling2d")
            Dropout(rate: 0.001).named("dropout")
            Convolution(filters: configuration.classes, kernelSize: [1, 1], padding: .same).named("conv_preds")
            Reshape([configuration.classes]).named("reshape_2")
            Activation(.softmax).named("predictions")
        }
    }

    /// Keras' `_depthwise_conv_block`: (zero padding,) depthwise 3x3, BatchNorm, ReLU6, pointwise
    /// 1x1, BatchNorm, ReLU6; no biases.
    @NetworkBuilder
    static func depthwiseSeparable(_ id: Int, filters: Int, stride: Int) -> [LayerDeclaration] {
        if stride == 2 {
            ZeroPadding([AxisPadding(before: 0, after: 1)]).named("conv_pad_\(id)")
        }
        DepthwiseConvolution(kernelSize: [3, 3], stride: [stride], padding: stride == 1 ? .same : .valid, hasBias: false)
            .named("conv_dw_\(id)")
        BatchNormalization().named("conv_dw_\(id)_bn")
        Activation(.relu6).named("conv_dw_\(id)_relu")
        Convolution(filters: filters, kernelSize: [1, 1], padding: .same, hasBias: false).named("conv_pw_\(id)")
        BatchNormalization().named("conv_pw_\(id)_bn")
        Activation(.relu6).named("conv_pw_\(id)_relu")
    }
}
