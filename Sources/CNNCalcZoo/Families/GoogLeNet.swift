import CNNCalcCore

/// GoogLeNet (Inception v1) of Szegedy et al., as torchvision's `googlenet.py` writes it, in
/// evaluation: the auxiliary classifiers (`aux1`, `aux2`) run only in training, so they are left
/// out, as `googlenet(aux_logits=False)` leaves them out (torchvision's default `googlenet()` holds
/// them, and counts their parameters).
///
/// A configuration lists the nine inception modules: the filters of the 1x1 branch, the 1x1
/// reduction and the 3x3 of the second branch, the reduction and the convolution of the third,
/// and the 1x1 projection after the pooling branch. torchvision's differ from the paper in two
/// ways kept for its weights: every convolution is followed by a BatchNorm (`BasicConv2d`), and
/// the third branch has a 3x3 convolution where the paper has a 5x5.
enum GoogLeNet {
    /// An inception module's filters, as torchvision's `Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)`.
    struct Inception: Sendable {
        var name: String
        var ch1x1: Int
        var ch3x3Reduce: Int
        var ch3x3: Int
        var ch5x5Reduce: Int
        var ch5x5: Int
        var poolProjection: Int
        /// The max pooling written before the module, `(name, size)`: `maxpool3` before `inception4a`.
        var poolBefore: (name: String, size: Int)? = nil
    }

    static let inceptions: [Inception] = [
        Inception(name: "inception3a", ch1x1: 64, ch3x3Reduce: 96, ch3x3: 128, ch5x5Reduce: 16, ch5x5: 32, poolProjection: 32),
        Inception(name: "inception3b", ch1x1: 128, ch3x3Reduce: 128, ch3x3: 192, ch5x5Reduce: 32, ch5x5: 96, poolProjection: 64),
        Inception(name: "inception4a", ch1x1: 192, ch3x3Reduce: 96, ch3x3: 208, ch5x5Reduce: 16, ch5x5: 48, poolProjection: 64,
                  poolBefore: ("maxpool3", 3)),
        Inception(name: "inception4b", ch1x1: 160, ch3x3Reduce: 112, ch3x3: 224, ch5x5Reduce: 24, ch5x5: 64, poolProjection: 64),
        Inception(name: "inception4c", ch1x1: 128, ch3x3Reduce: 128, ch3x3: 256, ch5x5Reduce: 24, ch5x5: 64, poolProjection: 64),
        Inception(name: "inception4d", ch1x1: 112, ch3x3Reduce: 144, ch3x3: 288, ch5x5Reduce: 32, ch5x5: 64, poolProjection: 64),
        Inception(name: "inception4e", ch1x1: 256, ch3x3Reduce: 160, ch3x3: 320, ch5x5Reduce: 32, ch5x5: 128, poolProjection: 128),
        Inception(name: "inception5a", ch1x1: 256, ch3x3Reduce: 160, ch3x3: 320, ch5x5Reduce: 32, ch5x5: 128, poolProjection: 128,
                  poolBefore: ("maxpool4", 2)),
        Inception(name: "inception5b", ch1x1: 384, ch3x3Reduce: 192, ch3x3: 384, ch5x5Reduce: 48, ch5x5: 128, poolProjection: 128),
    ]

    static let models: [ZooModel] = [
        ZooModel(
            name: "googlenet", title: "GoogLeNet", family: "GoogLeNet",
            paper: Citation(authors: "Szegedy et al.", year: 2015, title: "Going Deeper with Convolutions",
                            reference: "CVPR 2015, arXiv:1409.4842"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["the auxiliary classifiers run only in training and are left out (aux_logits=False)",
                    "torchvision adds a BatchNorm after every convolution and uses a 3x3 convolution where the paper's third branch has a 5x5"],
            layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += basicConv("conv1", input: layers.output, filters: 64, kernel: [7, 7], stride: 2, padding: 3)
        layers.append(maxPool("maxpool1", size: 3))
        layers += basicConv("conv2", input: layers.output, filters: 64, kernel: [1, 1])
        layers += basicConv("conv3", input: layers.output, filters: 192, kernel: [3, 3], padding: 1)
        layers.append(maxPool("maxpool2", size: 3))
        for module in inceptions {
            if let pool = module.poolBefore {
                layers.append(maxPool(pool.name, size: pool.size))
            }
            layers += inception(module, input: layers.output)
        }
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                Flatten().named("flatten"),
                Dropout(rate: 0.2).named("dropout"),
                Dense(units: configuration.classes).named("fc"),
            ]
        }
        return layers
    }

    /// A max pooling of `size`, stride 2, in ceil mode, as every pooling of torchvision's GoogLeNet.
    static func maxPool(_ name: String, size: Int) -> LayerDeclaration {
        Pooling(.max, poolSize: [size, size], stride: [2], ceilMode: true).named(name)
    }

    /// torchvision's `BasicConv2d` (shared with Inception v3): a convolution without bias, a
    /// BatchNorm (`eps=0.001`) and `F.relu`, the row `path.relu`.
    @NetworkBuilder
    static func basicConv(
        _ path: String, input: String, filters: Int, kernel: [Int], stride: Int = 1, padding: [Int] = [0]
    ) -> [LayerDeclaration] {
        Convolution(filters: filters, kernelSize: kernel, stride: [stride], padding: ZooLayers.padding(padding), hasBias: false)
            .named("\(path).conv").inputs(input)
        BatchNormalization().named("\(path).bn")
        Activation(.relu).named("\(path).relu")
    }

    /// `basicConv` with one padding for every axis.
    static func basicConv(
        _ path: String, input: String, filters: Int, kernel: [Int], stride: Int = 1, padding: Int
    ) -> [LayerDeclaration] {
        basicConv(path, input: input, filters: filters, kernel: kernel, stride: stride, padding: [padding])
    }

    /// torchvision's `Inception`: four branches on the same input, concatenated (`cat`).
    static func inception(_ module: Inception, input: String) -> [LayerDeclaration] {
        let path = module.name
        var layers = basicConv("\(path).branch1", input: input, filters: module.ch1x1, kernel: [1, 1])
        let branch1 = layers.output
        layers += basicConv("\(path).branch2.0", input: input, filters: module.ch3x3Reduce, kernel: [1, 1])
        layers += basicConv("\(path).branch2.1", input: layers.output, filters: module.ch3x3, kernel: [3, 3], padding: 1)
        let branch2 = layers.output
        layers += basicConv("\(path).branch3.0", input: input, filters: module.ch5x5Reduce, kernel: [1, 1])
        layers += basicConv("\(path).branch3.1", input: layers.output, filters: module.ch5x5, kernel: [3, 3], padding: 1)
        let branch3 = layers.output
        layers.append(Pooling(.max, poolSize: [3, 3], stride: [1], padding: .uniform(1), ceilMode: true)
            .named("\(path).branch4.0").inputs(input))
        layers += basicConv("\(path).branch4.1", input: layers.output, filters: module.poolProjection, kernel: [1, 1])
        layers.append(Concatenate().named("\(path).cat").inputs(branch1, branch2, branch3, layers.output))
        return layers
    }
}
