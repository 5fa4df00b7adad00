import CNNCalcCore

/// Inception v3 of Szegedy et al., "Rethinking the Inception Architecture for Computer Vision",
/// as torchvision's `inception.py` writes it, in evaluation: the auxiliary classifier
/// (`AuxLogits`) runs only in training, so it is left out, as `inception_v3(aux_logits=False)`
/// leaves it out (torchvision's default `inception_v3()` holds it, and counts its parameters).
///
/// The network is a stem of five convolutions and two poolings, then eleven inception modules
/// of five kinds, written as torchvision writes them: `InceptionA` (`Mixed_5b` to `5d`, 1x1,
/// 5x5, double 3x3 and pooling branches), `InceptionB` (`Mixed_6a`, a grid reduction),
/// `InceptionC` (`Mixed_6b` to `6e`, factorized 7x7 convolutions of `c7` channels), `InceptionD`
/// (`Mixed_7a`, a grid reduction) and `InceptionE` (`Mixed_7b`, `7c`, branches split into 1x3 and
/// 3x1). Every convolution is a `BasicConv2d`: convolution without bias, BatchNorm and ReLU.
/// Its input is 299x299; any input of at least 75x75 reaches the classifier.
enum InceptionV3 {
    static let models: [ZooModel] = [
        ZooModel(
            name: "inception_v3", title: "Inception v3", family: "Inception",
            paper: Citation(authors: "Szegedy et al.", year: 2016, title: "Rethinking the Inception Architecture for Computer Vision",
                            reference: "CVPR 2016, arXiv:1512.00567"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [299, 299], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["the auxiliary classifier runs only in training and is left out (aux_logits=False)"],
            layers: layers),
    ]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += conv("Conv2d_1a_3x3", layers.output, 32, [3, 3], stride: 2)
        layers += conv("Conv2d_2a_3x3", layers.output, 32, [3, 3])
        layers += conv("Conv2d_2b_3x3", layers.output, 64, [3, 3], padding: [1])
        layers.append(Pooling(.max, poolSize: [3, 3], stride: [2]).named("maxpool1"))
        layers += conv("Conv2d_3b_1x1", layers.output, 80, [1, 1])
        layers += conv("Conv2d_4a_3x3", layers.output, 192, [3, 3])
        layers.append(Pooling(.max, poolSize: [3, 3], stride: [2]).named("maxpool2"))
        for (name, poolFeatures) in [("Mixed_5b", 32), ("Mixed_5c", 64), ("Mixed_5d", 64)] {
            layers += inceptionA(name, input: layers.output, poolFeatures: poolFeatures)
        }
        layers += inceptionB("Mixed_6a", input: layers.output)
        for (name, c7) in [("Mixed_6b", 128), ("Mixed_6c", 160), ("Mixed_6d", 160), ("Mixed_6e", 192)] {
            layers += inceptionC(name, input: layers.output, c7: c7)
        }
        layers += inceptionD("Mixed_7a", input: layers.output)
        for name in ["Mixed_7b", "Mixed_7c"] {
            layers += inceptionE(name, input: layers.output)
        }
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                Dropout(rate: 0.5).named("dropout"),
                Flatten().named("flatten"),
                Dense(units: configuration.classes).named("fc"),
            ]
        }
        return layers
    }

    /// A `BasicConv2d` (see ``GoogLeNet/basicConv(_:input:filters:kernel:stride:padding:)``); `padding` per axis, or one for both.
    static func conv(_ path: String, _ input: String, _ filters: Int, _ kernel: [Int], stride: Int = 1, padding: [Int] = [0]) -> [LayerDeclaration] {
        GoogLeNet.basicConv(path, input: input, filters: filters, kernel: kernel, stride: stride, padding: padding)
    }

    /// A 3x3 pooling of stride 1 and padding 1 (`F.avg_pool2d`), or of stride 2 (`F.max_pool2d`).
    static func pool(_ path: String, _ mode: Pooling.Mode, input: String) -> LayerDeclaration {
        let layer = mode == .average
            ? Pooling(.average, poolSize: [3, 3], stride: [1], padding: .uniform(1))
            : Pooling(.max, poolSize: [3, 3], stride: [2])
        return layer.named("\(path).\(mode == .average ? "avg_pool2d" : "max_pool2d")").inputs(input)
    }

    /// torchvision's `InceptionA`: 1x1 (64), 1x1-5x5 (48, 64), 1x1-3x3-3x3 (64, 96, 96) and avg pool-1x1 (`poolFeatures`).
    static func inceptionA(_ path: String, input: String, poolFeatures: Int) -> [LayerDeclaration] {
        var layers = conv("\(path).branch1x1", input, 64, [1, 1])
        let branch1x1 = layers.output
        layers += conv("\(path).branch5x5_1", input, 48, [1, 1])
        layers += conv("\(path).branch5x5_2", layers.output, 64, [5, 5], padding: [2])
        let branch5x5 = layers.output
        layers += conv("\(path).branch3x3dbl_1", input, 64, [1, 1])
        layers += conv("\(path).branch3x3dbl_2", layers.output, 96, [3, 3], padding: [1])
        layers += conv("\(path).branch3x3dbl_3", layers.output, 96, [3, 3], padding: [1])
        let branch3x3dbl = layers.output
        layers.append(pool(path, .average, input: input))
        layers += conv("\(path).branch_pool", layers.output, poolFeatures, [1, 1])
        layers.append(Concatenate().named("\(path).cat").inputs(branch1x1, branch5x5, branch3x3dbl, layers.output))
        return layers
    }

    /// torchvision's `InceptionB`: a 3x3 of stride 2 (384), 1x1-3x3-3x3 of stride 2 (64, 96, 96) and a max pool of stride 2.
    static func inceptionB(_ path: String, input: String) -> [LayerDeclaration] {
        var layers = conv("\(path).branch3x3", input, 384, [3, 3], stride: 2)
        let branch3x3 = layers.output
        layers += conv("\(path).branch3x3dbl_1", input, 64, [1, 1])
        layers += conv("\(path).branch3x3dbl_2", layers.output, 96, [3, 3], padding: [1])
        layers += conv("\(path).branch3x3dbl_3", layers.output, 96, [3, 3], stride: 2)
        let branch3x3dbl = layers.output
        layers.append(pool(path, .max, input: input))
        layers.append(Concatenate().named("\(path).cat").inputs(branch3x3, branch3x3dbl, layers.output))
        return layers
    }

    /// torchvision's `InceptionC`: 1x1 (192), 1x1-1x7-7x1 (`c7`, `c7`, 192), 1x1-7x1-1x7-7x1-1x7
    /// (`c7` four times, 192) and avg pool-1x1 (192).
    static func inceptionC(_ path: String, input: String, c7: Int) -> [LayerDeclaration] {
        var layers = conv("\(path).branch1x1", input, 192, [1, 1])
        let branch1x1 = layers.output
        layers += conv("\(path).branch7x7_1", input, c7, [1, 1])
        layers += conv("\(path).branch7x7_2", layers.output, c7, [1, 7], padding: [0, 3])
        layers += conv("\(path).branch7x7_3", layers.output, 192, [7, 1], padding: [3, 0])
        let branch7x7 = layers.output
        layers += conv("\(path).branch7x7dbl_1", input, c7, [1, 1])
        layers += conv("\(path).branch7x7dbl_2", layers.output, c7, [7, 1], padding: [3, 0])
        layers += conv("\(path).branch7x7dbl_3", layers.output, c7, [1, 7], padding: [0, 3])
        layers += conv("\(path).branch7x7dbl_4", layers.output, c7, [7, 1], padding: [3, 0])
        layers += conv("\(path).branch7x7dbl_5", layers.output, 192, [1, 7], padding: [0, 3])
        let branch7x7dbl = layers.output
        layers.append(pool(path, .average, input: input))
        layers += conv("\(path).branch_pool", layers.output, 192, [1, 1])
        layers.append(Concatenate().named("\(path).cat").inputs(branch1x1, branch7x7, branch7x7dbl, layers.output))
        return layers
    }

    /// torchvision's `InceptionD`: 1x1-3x3 of stride 2 (192, 320), 1x1-1x7-7x1-3x3 of stride 2 (192 each) and a max pool of stride 2.
    static func inceptionD(_ path: String, input: String) -> [LayerDeclaration] {
        var layers = conv("\(path).branch3x3_1", input, 192, [1, 1])
        layers += conv("\(path).branch3x3_2", layers.output, 320, [3, 3], stride: 2)
        let branch3x3 = layers.output
        layers += conv("\(path).branch7x7x3_1", input, 192, [1, 1])
        layers += conv("\(path).branch7x7x3_2", layers.output, 192, [1, 7], padding: [0, 3])
        layers += conv("\(path).branch7x7x3_3", layers.output, 192, [7, 1], padding: [3, 0])
        layers += conv("\(path).branch7x7x3_4", layers.output, 192, [3, 3], stride: 2)
        let branch7x7x3 = layers.output
        layers.append(pool(path, .max, input: input))
        layers.append(Concatenate().named("\(path).cat").inputs(branch3x3, branch7x7x3, layers.output))
        return layers
    }

    /// torchvision's `InceptionE`: 1x1 (320), 1x1 (384) split into 1x3 and 3x1 (384 each, concatenated:
    /// `branch3x3.cat`), 1x1-3x3 (448, 384) split the same way (`branch3x3dbl.cat`), and avg pool-1x1 (192).
    static func inceptionE(_ path: String, input: String) -> [LayerDeclaration] {
        var layers = conv("\(path).branch1x1", input, 320, [1, 1])
        let branch1x1 = layers.output
        layers += conv("\(path).branch3x3_1", input, 384, [1, 1])
        let reduced = layers.output
        layers += conv("\(path).branch3x3_2a", reduced, 384, [1, 3], padding: [0, 1])
        let left = layers.output
        layers += conv("\(path).branch3x3_2b", reduced, 384, [3, 1], padding: [1, 0])
        layers.append(Concatenate().named("\(path).branch3x3.cat").inputs(left, layers.output))
        let branch3x3 = layers.output
        layers += conv("\(path).branch3x3dbl_1", input, 448, [1, 1])
        layers += conv("\(path).branch3x3dbl_2", layers.output, 384, [3, 3], padding: [1])
        let double = layers.output
        layers += conv("\(path).branch3x3dbl_3a", double, 384, [1, 3], padding: [0, 1])
        let doubleLeft = layers.output
        layers += conv("\(path).branch3x3dbl_3b", double, 384, [3, 1], padding: [1, 0])
        layers.append(Concatenate().named("\(path).branch3x3dbl.cat").inputs(doubleLeft, layers.output))
        let branch3x3dbl = layers.output
        layers.append(pool(path, .average, input: input))
        layers += conv("\(path).branch_pool", layers.output, 192, [1, 1])
        layers.append(Concatenate().named("\(path).cat").inputs(branch1x1, branch3x3, branch3x3dbl, layers.output))
        return layers
    }
}
