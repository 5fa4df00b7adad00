import CNNCalcCore

/// ResNet-18, 34, 50, 101 and 152 (He et al.), ResNeXt-50 32x4d (Xie et al.) and Wide ResNet-50-2
/// (Zagoruyko and Komodakis), as torchvision's `resnet.py` writes them: a 7x7 stem, four stages
/// of residual blocks (`layer1` to `layer4`, 64, 128, 256 and 512 planes, the last three starting
/// with stride 2), global average pooling and one dense layer.
///
/// A configuration is the block and the number of blocks per stage; ResNeXt adds groups to the
/// 3x3 convolution and Wide ResNet doubles its width (`width_per_group`). torchvision's
/// `Bottleneck` strides its 3x3 convolution, not the first 1x1 as the paper does ("ResNet v1.5"),
/// which changes the cost but not the parameters.
enum ResNet {
    /// A residual block: two 3x3 convolutions, or a 1x1-3x3-1x1 bottleneck with 4 times the planes out.
    enum Block {
        case basic
        case bottleneck

        /// torchvision's `expansion`: output channels per plane.
        var expansion: Int { self == .basic ? 1 : 4 }
    }

    /// A variant: its block, the blocks of each stage, and the groups and width of the 3x3 convolutions.
    struct Configuration: Sendable {
        var block: Block
        var blocks: [Int]
        var groups = 1
        var widthPerGroup = 64
    }

    static let resNetPaper = Citation(
        authors: "He et al.", year: 2016, title: "Deep Residual Learning for Image Recognition",
        reference: "CVPR 2016, arXiv:1512.03385")
    static let resNeXtPaper = Citation(
        authors: "Xie et al.", year: 2017, title: "Aggregated Residual Transformations for Deep Neural Networks",
        reference: "CVPR 2017, arXiv:1611.05431")
    static let wideResNetPaper = Citation(
        authors: "Zagoruyko and Komodakis", year: 2016, title: "Wide Residual Networks", reference: "BMVC 2016, arXiv:1605.07146")

    static let models: [ZooModel] = [
        model("resnet18", "ResNet-18", resNetPaper, Configuration(block: .basic, blocks: [2, 2, 2, 2])),
        model("resnet34", "ResNet-34", resNetPaper, Configuration(block: .basic, blocks: [3, 4, 6, 3])),
        model("resnet50", "ResNet-50", resNetPaper, Configuration(block: .bottleneck, blocks: [3, 4, 6, 3])),
        model("resnet101", "ResNet-101", resNetPaper, Configuration(block: .bottleneck, blocks: [3, 4, 23, 3])),
        model("resnet152", "ResNet-152", resNetPaper, Configuration(block: .bottleneck, blocks: [3, 8, 36, 3])),
        model("resnext50_32x4d", "ResNeXt-50 32x4d", resNeXtPaper,
              Configuration(block: .bottleneck, blocks: [3, 4, 6, 3], groups: 32, widthPerGroup: 4)),
        model("wide_resnet50_2", "Wide ResNet-50-2", wideResNetPaper,
              Configuration(block: .bottleneck, blocks: [3, 4, 6, 3], widthPerGroup: 128)),
    ]

    static func model(_ name: String, _ title: String, _ paper: Citation, _ variant: Configuration) -> ZooModel {
        ZooModel(
            name: name, title: title, family: "ResNet", paper: paper, framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: variant.block == .bottleneck
                ? ["torchvision's bottleneck strides its 3x3 convolution, not the first 1x1 (ResNet v1.5)"] : [],
            layers: { configuration in layers(variant, configuration) })
    }

    /// The stem, the four stages and the head.
    static func layers(_ variant: Configuration, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += stem()
        var inplanes = 64
        for (stage, (planes, blocks)) in zip([64, 128, 256, 512], variant.blocks).enumerated() {
            for index in 0..<blocks {
                let stride = stage > 0 && index == 0 ? 2 : 1
                let path = "layer\(stage + 1).\(index)"
                let downsample = index == 0 && (stride != 1 || inplanes != planes * variant.block.expansion)
                switch variant.block {
                case .basic:
                    layers += basicBlock(path, input: layers.output, planes: planes, stride: stride, downsample: downsample)
                case .bottleneck:
                    layers += bottleneck(
                        path, input: layers.output, planes: planes, stride: stride, downsample: downsample,
                        groups: variant.groups, widthPerGroup: variant.widthPerGroup)
                }
                inplanes = planes * variant.block.expansion
            }
        }
        if configuration.includesTop {
            layers += head(classes: configuration.classes)
        }
        return layers
    }

    @NetworkBuilder
    static func stem() -> [LayerDeclaration] {
        Convolution(filters: 64, kernelSize: [7, 7], stride: [2], padding: .uniform(3), hasBias: false).named("conv1")
        BatchNormalization().named("bn1")
        Activation(.relu).named("relu")
        Pooling(.max, poolSize: [3, 3], stride: [2], padding: .uniform(1)).named("maxpool")
    }

    /// torchvision's `BasicBlock`: conv3x3-bn-relu, conv3x3-bn, plus the input (through
    /// `downsample`, a strided 1x1 convolution and BatchNorm, where the shape changes), then relu.
    @NetworkBuilder
    static func basicBlock(_ path: String, input: String, planes: Int, stride: Int, downsample: Bool) -> [LayerDeclaration] {
        Convolution(filters: planes, kernelSize: [3, 3], stride: [stride], padding: .uniform(1), hasBias: false)
            .named("\(path).conv1").inputs(input)
        BatchNormalization().named("\(path).bn1")
        Activation(.relu).named("\(path).relu")
        Convolution(filters: planes, kernelSize: [3, 3], padding: .uniform(1), hasBias: false).named("\(path).conv2")
        BatchNormalization().named("\(path).bn2")
        shortcut(path, input: input, outChannels: planes, stride: stride, downsample: downsample, from: "\(path).bn2")
        Activation(.relu).named(ZooLayers.call("\(path).relu", 2))
    }

    /// torchvision's `Bottleneck`: conv1x1-bn-relu to `width = planes * widthPerGroup / 64 * groups`,
    /// a grouped conv3x3 (strided)-bn-relu, conv1x1-bn to `4 * planes`, plus the input, then relu.
    @NetworkBuilder
    static func bottleneck(
        _ path: String, input: String, planes: Int, stride: Int, downsample: Bool, groups: Int, widthPerGroup: Int
    ) -> [LayerDeclaration] {
        let width = planes * widthPerGroup / 64 * groups
        Convolution(filters: width, kernelSize: [1, 1], hasBias: false).named("\(path).conv1").inputs(input)
        BatchNormalization().named("\(path).bn1")
        Activation(.relu).named("\(path).relu")
        Convolution(filters: width, kernelSize: [3, 3], stride: [stride], padding: .uniform(1), groups: groups, hasBias: false)
            .named("\(path).conv2")
        BatchNormalization().named("\(path).bn2")
        Activation(.relu).named(ZooLayers.call("\(path).relu", 2))
        Convolution(filters: planes * 4, kernelSize: [1, 1], hasBias: false).named("\(path).conv3")
        BatchNormalization().named("\(path).bn3")
        shortcut(path, input: input, outChannels: planes * 4, stride: stride, downsample: downsample, from: "\(path).bn3")
        Activation(.relu).named(ZooLayers.call("\(path).relu", 3))
    }

    /// `out += identity`, where the identity is the block's input or its `downsample`.
    @NetworkBuilder
    static func shortcut(
        _ path: String, input: String, outChannels: Int, stride: Int, downsample: Bool, from branch: String
    ) -> [LayerDeclaration] {
        if downsample {
            Convolution(filters: outChannels, kernelSize: [1, 1], stride: [stride], hasBias: false)
                .named("\(path).downsample.0").inputs(input)
            BatchNormalization().named("\(path).downsample.1")
            Add().named("\(path).add").inputs(branch, "\(path).downsample.1")
        } else {
            Add().named("\(path).add").inputs(branch, input)
        }
    }

    @NetworkBuilder
    static func head(classes: Int) -> [LayerDeclaration] {
        AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool")
        Flatten().named("flatten")
        Dense(units: classes).named("fc")
    }
}
