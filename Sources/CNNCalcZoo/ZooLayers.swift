import CNNCalcCore

/// Building blocks the families share: torchvision's `ops.misc` written with ``NetworkBuilder``,
/// and the small helpers that name layers after module paths.
enum ZooLayers {
    /// The network's input layer, named `input`, in the model's layout.
    static func input(_ configuration: ZooConfiguration, layout: Layout = .channelsFirst) -> [LayerDeclaration] {
        [Input(configuration.input, layout: layout).named("input")]
    }

    /// `path.name`, or `name` at the top level.
    static func path(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    /// The name of the `call`-th call of a module the framework runs more than once (ResNet's
    /// `relu`): the module's path for the first call, then `path (call 2)`, `path (call 3)`.
    static func call(_ path: String, _ call: Int) -> String {
        call == 1 ? path : "\(path) (call \(call))"
    }

    /// Explicit padding on both sides of each axis, as PyTorch's `padding=(1, 3)`; one amount
    /// applies to every axis.
    static func padding(_ amounts: [Int]) -> Padding {
        amounts.allSatisfy { $0 == 0 } ? .valid : .explicit(amounts.map { AxisPadding(before: $0, after: $0) })
    }

    /// A 2-D convolution as `nn.Conv2d(inChannels, outChannels, kernel, stride, padding, groups=...)`
    /// writes it; a convolution with one group per channel is written as the depthwise
    /// convolution it is (PyTorch's weight `[C, 1, k, k]` either way).
    static func conv2d(
        _ inChannels: Int, _ outChannels: Int, kernel: [Int], stride: Int = 1, padding: [Int] = [0],
        dilation: Int = 1, groups: Int = 1, bias: Bool = true
    ) -> LayerKind {
        let sides = Self.padding(padding)
        if groups > 1 && groups == inChannels && groups == outChannels {
            return DepthwiseConvolution(
                kernelSize: kernel, stride: [stride], padding: sides, dilation: [dilation], hasBias: bias).layerKind
        }
        return Convolution(
            filters: outChannels, kernelSize: kernel, stride: [stride], padding: sides, dilation: [dilation],
            groups: groups, hasBias: bias).layerKind
    }

    /// A layer of `kind` named `name`, reading the layers named `inputs` (the one before it when empty).
    static func layer(_ kind: LayerKind, _ name: String, inputs: [String] = []) -> LayerDeclaration {
        LayerDeclaration(kind, name: name, inputs: inputs)
    }

    /// torchvision's `Conv2dNormActivation`: a convolution without bias (`padding=(k-1)//2*dilation`),
    /// a BatchNorm and an activation, the modules `path.0`, `path.1` and `path.2`.
    ///
    /// - Parameter activation: the activation, or `nil` for none (the linear bottleneck's projection).
    static func convNormActivation(
        _ path: String, input: String, _ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1,
        groups: Int = 1, dilation: Int = 1, activation: Activation.Function? = .relu,
        normalization: LayerKind = BatchNormalization().layerKind, bias: Bool = false, padding: Int? = nil
    ) -> [LayerDeclaration] {
        let pad = padding ?? (kernel - 1) / 2 * dilation
        var layers = [
            layer(conv2d(inChannels, outChannels, kernel: [kernel], stride: stride, padding: [pad], dilation: dilation,
                         groups: groups, bias: bias), "\(path).0", inputs: [input]),
            layer(normalization, "\(path).1"),
        ]
        if let activation {
            layers.append(layer(Activation(activation).layerKind, "\(path).2"))
        }
        return layers
    }

    /// torchvision's `SqueezeExcitation`: the channels' means (`avgpool`), two 1x1 convolutions with
    /// bias (`fc1`, `fc2`) around `activation`, a gate (`scale_activation`), and the input times the gate (`mul`).
    @NetworkBuilder
    static func squeezeExcitation(
        _ path: String, input: String, channels: Int, squeeze: Int,
        activation: Activation.Function = .relu, gate: Activation.Function = .sigmoid
    ) -> [LayerDeclaration] {
        AdaptivePooling(.average, outputSize: [1, 1]).named("\(path).avgpool").inputs(input)
        Convolution(filters: squeeze, kernelSize: [1]).named("\(path).fc1")
        Activation(activation).named("\(path).activation")
        Convolution(filters: channels, kernelSize: [1]).named("\(path).fc2")
        Activation(gate).named("\(path).scale_activation")
        ElementwiseMerge(.multiply).named("\(path).mul").inputs("\(path).scale_activation", input)
    }

    /// torchvision's `_make_divisible`: `value` rounded to the nearest multiple of `divisor`, never
    /// below `minimum` (the divisor by default) nor more than 10% below `value`.
    ///
    ///     makeDivisible(32 * 0.5, 8) == 16, makeDivisible(24 * 0.35, 8) == 8, makeDivisible(1280 * 1.1, 8) == 1408
    static func makeDivisible(_ value: Double, _ divisor: Int, minimum: Int? = nil) -> Int {
        let lowest = minimum ?? divisor
        var rounded = max(lowest, Int(value + Double(divisor) / 2) / divisor * divisor)
        if Double(rounded) < 0.9 * value { rounded += divisor }
        return rounded
    }
}

extension LayerDeclaration {
    /// The same declaration fed by the named layers, given as an array.
    func inputs(_ names: [String]) -> LayerDeclaration {
        var copy = self
        copy.inputs = names
        return copy
    }
}

extension LayerBehavior {
    /// This layer, fed by the named layers, given as an array.
    func inputs(_ names: [String]) -> LayerDeclaration {
        LayerDeclaration(layerKind, inputs: names)
    }
}

extension Array where Element == LayerDeclaration {
    /// The name of the last layer written: the output of the layers so far.
    var output: String { last?.name ?? "input" }
}
