import CNNCalcCore

/// EfficientNet-B0 (Tan and Le) as Keras Applications writes it (`keras.applications.EfficientNetB0`,
/// `keras/src/applications/efficientnet.py`), with Keras' layer names (`block2a_expand_conv`,
/// `block2a_se_excite`) and Keras' way of counting.
///
/// The stages, blocks and channels are the paper's Table 1, as in torchvision's `efficientnet_b0`,
/// and so are the 5,288,548 trainable parameters at 1,000 classes, but Keras writes the network
/// with other layers:
/// - the image is first rescaled (`Rescaling(1/255)`, counted as the identity) and standardized
///   (`Normalization`, whose mean, variance and count are 7 non-trainable weights);
/// - every stride-2 convolution is padded by a `ZeroPadding2D` of `imagenet_utils.correct_pad`
///   (for a kernel `k`: `k//2` after each axis and as many before, one fewer before an axis of
///   even size), then convolves `valid`;
/// - squeeze-and-excitation pools globally to a vector, reshapes it to 1x1xC (`se_reshape`) and
///   gates with two 1x1 convolutions with bias whose activations are inline (swish, sigmoid);
/// - drop-connect is a `Dropout` with `noise_shape=(None, 1, 1, 1)` (`block2b_drop`), the identity
///   at inference, of rate `0.2 * b / 16` for the `b`-th block (none for the first).
///
/// BatchNorm's moving mean and variance count as non-trainable parameters: with the
/// Normalization's 7, 42,023 of the 5,330,571 `count_params()` gives at 1,000 classes.
enum KerasEfficientNet {
    /// A row of `DEFAULT_BLOCKS_ARGS`: kernel, repeats, input and output filters, expansion, first stride.
    struct Stage: Sendable {
        var kernel: Int
        var repeats: Int
        var filtersIn: Int
        var filtersOut: Int
        var expansion: Int
        var stride: Int
    }

    static let stages: [Stage] = [
        Stage(kernel: 3, repeats: 1, filtersIn: 32, filtersOut: 16, expansion: 1, stride: 1),
        Stage(kernel: 3, repeats: 2, filtersIn: 16, filtersOut: 24, expansion: 6, stride: 2),
        Stage(kernel: 5, repeats: 2, filtersIn: 24, filtersOut: 40, expansion: 6, stride: 2),
        Stage(kernel: 3, repeats: 3, filtersIn: 40, filtersOut: 80, expansion: 6, stride: 2),
        Stage(kernel: 5, repeats: 3, filtersIn: 80, filtersOut: 112, expansion: 6, stride: 1),
        Stage(kernel: 5, repeats: 4, filtersIn: 112, filtersOut: 192, expansion: 6, stride: 2),
        Stage(kernel: 3, repeats: 1, filtersIn: 192, filtersOut: 320, expansion: 6, stride: 1),
    ]

    /// `drop_connect_rate`: the drop-connect rate approached by the last block.
    static let dropConnect = 0.2
    /// The fraction of the channels squeeze-and-excitation squeezes to (`se_ratio`).
    static let squeezeRatio = 0.25

    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/efficientnetb0", title: "EfficientNet-B0 (Keras)", family: "EfficientNet", paper: EfficientNet.paper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            notes: ["Rescaling is counted as the identity; Normalization keeps 7 non-trainable weights (mean, variance, count)",
                    "stride-2 convolutions are padded by a ZeroPadding2D layer of correct_pad, then valid",
                    "drop-connect, the identity at inference, is a Dropout row of its rate"],
            layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var spatial = Array(configuration.input.spatial)
        var layers: [LayerDeclaration] = [
            Input(configuration.input, layout: .channelsLast).named("input_layer"),
            Activation(.linear).named("rescaling"),
            Standardization().named("normalization"),
            ZeroPadding(correctPad(spatial, kernel: 3)).named("stem_conv_pad"),
            Convolution(filters: 32, kernelSize: [3, 3], stride: [2], hasBias: false).named("stem_conv"),
            BatchNormalization().named("stem_bn"),
            Activation(.silu).named("stem_activation"),
        ]
        spatial = spatial.map { ($0 + 1) / 2 }
        let total = stages.reduce(0) { $0 + $1.repeats }
        var blockID = 0
        for (index, stage) in stages.enumerated() {
            for repeat_ in 0..<stage.repeats {
                let letter = Character(UnicodeScalar(UInt8(97 + repeat_)))
                let stride = repeat_ == 0 ? stage.stride : 1
                layers += block(
                    "block\(index + 1)\(letter)_", input: layers.output,
                    filtersIn: repeat_ == 0 ? stage.filtersIn : stage.filtersOut, filtersOut: stage.filtersOut,
                    kernel: stage.kernel, stride: stride, expansion: stage.expansion, spatial: spatial,
                    dropRate: dropConnect * Double(blockID) / Double(total))
                if stride == 2 { spatial = spatial.map { ($0 + 1) / 2 } }
                blockID += 1
            }
        }
        layers += [
            Convolution(filters: 1280, kernelSize: [1, 1], padding: .same, hasBias: false).named("top_conv"),
            BatchNormalization().named("top_bn"),
            Activation(.silu).named("top_activation"),
        ]
        if configuration.includesTop {
            layers += [
                GlobalPooling(.average).named("avg_pool"),
                Dropout(rate: 0.2).named("top_dropout"),
                Dense(units: configuration.classes, activation: .softmax).named("predictions"),
            ]
        }
        return layers
    }

    /// Keras' `block`: expansion (1x1, BatchNorm, swish; not when the ratio is 1), depthwise
    /// convolution (padded by `correct_pad` when it strides), BatchNorm, swish, squeeze-and-excitation,
    /// a 1x1 linear projection, and, when the shape is kept, drop-connect and `add` of the input.
    @NetworkBuilder
    static func block(
        _ name: String, input: String, filtersIn: Int, filtersOut: Int, kernel: Int, stride: Int, expansion: Int,
        spatial: [Int], dropRate: Double
    ) -> [LayerDeclaration] {
        let filters = filtersIn * expansion
        let squeezed = max(1, Int(Double(filtersIn) * squeezeRatio))
        if expansion != 1 {
            Convolution(filters: filters, kernelSize: [1, 1], padding: .same, hasBias: false)
                .named("\(name)expand_conv").inputs(input)
            BatchNormalization().named("\(name)expand_bn")
            Activation(.silu).named("\(name)expand_activation")
        }
        let before = expansion != 1 ? "\(name)expand_activation" : input
        if stride == 2 {
            ZeroPadding(correctPad(spatial, kernel: kernel)).named("\(name)dwconv_pad").inputs(before)
            DepthwiseConvolution(kernelSize: [kernel, kernel], stride: [2], padding: .valid, hasBias: false)
                .named("\(name)dwconv")
        } else {
            DepthwiseConvolution(kernelSize: [kernel, kernel], padding: .same, hasBias: false)
                .named("\(name)dwconv").inputs(before)
        }
        BatchNormalization().named("\(name)bn")
        Activation(.silu).named("\(name)activation")
        GlobalPooling(.average).named("\(name)se_squeeze")
        Reshape([1, 1, filters], layout: .channelsLast).named("\(name)se_reshape")
        Convolution(filters: squeezed, kernelSize: [1, 1], padding: .same, activation: .silu).named("\(name)se_reduce")
        Convolution(filters: filters, kernelSize: [1, 1], padding: .same, activation: .sigmoid).named("\(name)se_expand")
        ElementwiseMerge(.multiply).named("\(name)se_excite").inputs("\(name)activation", "\(name)se_expand")
        Convolution(filters: filtersOut, kernelSize: [1, 1], padding: .same, hasBias: false).named("\(name)project_conv")
        BatchNormalization().named("\(name)project_bn")
        if stride == 1 && filtersIn == filtersOut {
            if dropRate > 0 {
                Dropout(rate: dropRate).named("\(name)drop")
            }
            Add().named("\(name)add").inputs(dropRate > 0 ? "\(name)drop" : "\(name)project_bn", input)
        }
    }

    /// `imagenet_utils.correct_pad` for a `kernel` x `kernel` window: `kernel/2` after each axis
    /// and as many before, one fewer before an axis of even size, so that a `valid` stride-2
    /// window gives `ceil(size / 2)`.
    static func correctPad(_ spatial: [Int], kernel: Int) -> [AxisPadding] {
        spatial.map { AxisPadding(before: kernel / 2 - (1 - $0 % 2), after: kernel / 2) }
    }
}
