#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNNCalcCore

/// RegNetY-400MF of Radosavovic et al., "Designing Network Design Spaces", as torchvision's
/// `regnet.py` writes it: a 3x3 stem of 32 filters and stride 2, four stages of residual
/// bottleneck blocks with grouped 3x3 convolutions and squeeze-and-excitation, global average
/// pooling and one dense layer.
///
/// A RegNet is configured by the paper's few numbers, from which torchvision's
/// `BlockParams.from_init_params` derives every stage, as ``stages(_:)`` does here: the depth `d`,
/// the initial width `w_0`, the slope `w_a`, the multiplier `w_m`, the group width and the
/// squeeze-and-excitation ratio. For RegNetY-400MF (`d=16, w_0=48, w_a=27.89, w_m=2.09`, groups
/// of 8 channels, ratio 0.25) the stages have 1, 3, 6 and 6 blocks of 48, 104, 208 and 440
/// channels. The derivation is computed in 32-bit floating point, as torchvision computes it.
enum RegNet {
    /// The parameters of a RegNet design.
    struct Design: Sendable {
        var depth: Int
        var initialWidth: Int
        var slope: Float
        var multiplier: Float
        var groupWidth: Int
        var squeezeRatio: Double?
    }

    /// One stage: its blocks, output channels and group width (the first block has stride 2).
    struct Stage: Equatable, Sendable {
        var blocks: Int
        var width: Int
        var groupWidth: Int
    }

    static let y400mf = Design(depth: 16, initialWidth: 48, slope: 27.89, multiplier: 2.09, groupWidth: 8, squeezeRatio: 0.25)

    static let models: [ZooModel] = [
        ZooModel(
            name: "regnet_y_400mf", title: "RegNetY-400MF", family: "RegNet",
            paper: Citation(authors: "Radosavovic et al.", year: 2020, title: "Designing Network Design Spaces",
                            reference: "CVPR 2020, arXiv:2003.13678"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            layers: { configuration in layers(y400mf, configuration) }),
    ]

    /// torchvision's `BlockParams.from_init_params`: per-block widths `w_0 + w_a*i` quantized in
    /// log space to powers of `w_m` times `w_0` and to multiples of 8, grouped into stages of equal
    /// width, with widths made divisible by the group width.
    static func stages(_ design: Design) -> [Stage] {
        let quantum: Float = 8
        let start = Float(design.initialWidth)
        let widths = (0..<design.depth).map { index -> Int in
            let continuous = Float(index) * design.slope + start
            let capacity = (logf(continuous / start) / Float(log(Double(design.multiplier)))).rounded(.toNearestOrEven)
            return Int((start * powf(design.multiplier, capacity) / quantum).rounded(.toNearestOrEven) * quantum)
        }
        var stages: [Stage] = []
        for width in widths {
            if let last = stages.last, last.width == width {
                stages[stages.count - 1].blocks += 1
            } else {
                stages.append(Stage(blocks: 1, width: width, groupWidth: design.groupWidth))
            }
        }
        // `_adjust_widths_groups_compatibilty` with a bottleneck multiplier of 1.
        return stages.map { stage in
            let group = min(stage.groupWidth, stage.width)
            return Stage(blocks: stage.blocks, width: ZooLayers.makeDivisible(Double(stage.width), group), groupWidth: group)
        }
    }

    static func layers(_ design: Design, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        layers += ZooLayers.convNormActivation("stem", input: layers.output, configuration.inputChannels, 32, stride: 2)
        var widthIn = 32
        for (index, stage) in stages(design).enumerated() {
            for block in 0..<stage.blocks {
                layers += resBottleneckBlock(
                    "trunk_output.block\(index + 1).block\(index + 1)-\(block)", input: layers.output,
                    widthIn: widthIn, widthOut: stage.width, stride: block == 0 ? 2 : 1, groupWidth: stage.groupWidth,
                    squeezeRatio: design.squeezeRatio)
                widthIn = stage.width
            }
        }
        if configuration.includesTop {
            layers += [
                AdaptivePooling(.average, outputSize: [1, 1]).named("avgpool"),
                Flatten().named("flatten"),
                Dense(units: configuration.classes).named("fc"),
            ]
        }
        return layers
    }

    /// torchvision's `ResBottleneckBlock`: a projection of the input (`proj`, 1x1 strided, where
    /// the shape changes), the bottleneck transform `f` (`a`: 1x1, `b`: grouped 3x3 strided, `se`:
    /// squeeze-and-excitation to `ratio` times the block's input channels, `c`: 1x1 without
    /// activation), their sum (`add`) and a ReLU (`activation`).
    static func resBottleneckBlock(
        _ path: String, input: String, widthIn: Int, widthOut: Int, stride: Int, groupWidth: Int, squeezeRatio: Double?
    ) -> [LayerDeclaration] {
        var layers: [LayerDeclaration] = []
        let projects = widthIn != widthOut || stride != 1
        if projects {
            layers += ZooLayers.convNormActivation("\(path).proj", input: input, widthIn, widthOut, kernel: 1, stride: stride, activation: nil)
        }
        let shortcut = projects ? layers.output : input
        layers += ZooLayers.convNormActivation("\(path).f.a", input: input, widthIn, widthOut, kernel: 1)
        layers += ZooLayers.convNormActivation(
            "\(path).f.b", input: layers.output, widthOut, widthOut, stride: stride, groups: widthOut / groupWidth)
        if let squeezeRatio {
            layers += ZooLayers.squeezeExcitation(
                "\(path).f.se", input: layers.output, channels: widthOut, squeeze: Int((squeezeRatio * Double(widthIn)).rounded(.toNearestOrEven)))
        }
        layers += ZooLayers.convNormActivation("\(path).f.c", input: layers.output, widthOut, widthOut, kernel: 1, activation: nil)
        layers.append(Add().named("\(path).add").inputs(shortcut, layers.output))
        layers.append(Activation(.relu).named("\(path).activation"))
        return layers
    }
}
