import CNNCalcCore

/// Convolutions, poolings, padding and resampling.
extension ModuleTable {
    static let convolutionEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        for rank in 1...3 {
            table["Conv\(rank)d"] = Entry(
                signature: ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias", "padding_mode"],
                map: { arguments throws(CNNCalcError) in try convolution(arguments, rank: rank) })
            table["ConvTranspose\(rank)d"] = Entry(
                signature: ["in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding", "groups", "bias", "dilation", "padding_mode"],
                map: { arguments throws(CNNCalcError) in try transposedConvolution(arguments, rank: rank) })
            table["MaxPool\(rank)d"] = Entry(
                signature: ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"],
                map: { arguments throws(CNNCalcError) in try pooling(arguments, .max, rank: rank) })
            table["AvgPool\(rank)d"] = Entry(
                signature: ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
                map: { arguments throws(CNNCalcError) in try pooling(arguments, .average, rank: rank) })
            table["AdaptiveAvgPool\(rank)d"] = Entry(
                signature: ["output_size"],
                map: { arguments throws(CNNCalcError) in try adaptivePooling(arguments, .average, rank: rank) })
            table["AdaptiveMaxPool\(rank)d"] = Entry(
                signature: ["output_size", "return_indices"],
                map: { arguments throws(CNNCalcError) in try adaptivePooling(arguments, .max, rank: rank) })
            for pad in ["ZeroPad", "ReflectionPad", "ReplicationPad", "CircularPad", "ConstantPad"] {
                table["\(pad)\(rank)d"] = Entry(
                    signature: pad == "ConstantPad" ? ["padding", "value"] : ["padding"],
                    map: { arguments throws(CNNCalcError) in try padding(arguments, rank: rank) })
            }
        }
        table["Upsample"] = Entry(
            signature: ["size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"],
            map: { arguments throws(CNNCalcError) in try upsampling(arguments, fixedMode: nil) })
        table["UpsamplingNearest2d"] = Entry(
            signature: ["size", "scale_factor", "mode"],
            map: { arguments throws(CNNCalcError) in try upsampling(arguments, fixedMode: .nearest) })
        table["UpsamplingBilinear2d"] = Entry(
            signature: ["size", "scale_factor", "mode"],
            map: { arguments throws(CNNCalcError) in try upsampling(arguments, fixedMode: .bilinear) })
        table["PixelShuffle"] = Entry(signature: ["upscale_factor"]) { arguments throws(CNNCalcError) in
            MappedModule(.depthToSpace(DepthToSpace(blockSize: try arguments.integer("upscale_factor", example: "upscale_factor=2"))),
                         inputForm: .map(spatialRank: 2))
        }
        table["PixelUnshuffle"] = Entry(signature: ["downscale_factor"]) { arguments throws(CNNCalcError) in
            MappedModule(.spaceToDepth(SpaceToDepth(blockSize: try arguments.integer("downscale_factor", example: "downscale_factor=2"))),
                         inputForm: .map(spatialRank: 2))
        }
        return table
    }()

    /// `Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2), dilation=..., groups=..., bias=False, padding_mode=...)`.
    static func convolution(_ arguments: ModuleArguments, rank: Int) throws(CNNCalcError) -> MappedModule {
        let example = "Conv\(rank)d(1, 32, kernel_size=3)"
        _ = try arguments.word("padding_mode", default: "zeros", among: ["zeros", "reflect", "replicate", "circular"])
        let layer = Convolution(
            filters: try arguments.integer("out_channels", example: example),
            kernelSize: try arguments.sizes("kernel_size", example: "kernel_size=(3, 3)"),
            stride: try arguments.sizes("stride", default: [1], example: "stride=(1, 1)"),
            padding: try padding(arguments, "padding"),
            dilation: try arguments.sizes("dilation", default: [1], example: "dilation=(1, 1)"),
            groups: try arguments.integer("groups", default: 1, example: "groups=1"),
            hasBias: try arguments.boolean("bias", default: true),
            spatialRank: rank)
        return MappedModule(
            .convolution(layer), declaredInput: try arguments.declaredInput("in_channels", example: example),
            inputForm: .map(spatialRank: rank))
    }

    /// `ConvTranspose2d(8, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), ...)`.
    static func transposedConvolution(_ arguments: ModuleArguments, rank: Int) throws(CNNCalcError) -> MappedModule {
        let example = "ConvTranspose\(rank)d(8, 4, kernel_size=2)"
        _ = try arguments.word("padding_mode", default: "zeros", among: ["zeros"])
        let outputPadding = try arguments.sizes("output_padding", default: [0], minimum: 0, example: "output_padding=(1, 1)")
        let layer = TransposedConvolution(
            filters: try arguments.integer("out_channels", example: example),
            kernelSize: try arguments.sizes("kernel_size", example: "kernel_size=(2, 2)"),
            stride: try arguments.sizes("stride", default: [1], example: "stride=(2, 2)"),
            padding: .explicit(try pixels(arguments, "padding")),
            outputPadding: outputPadding,
            dilation: try arguments.sizes("dilation", default: [1], example: "dilation=(1, 1)"),
            groups: try arguments.integer("groups", default: 1, example: "groups=1"),
            hasBias: try arguments.boolean("bias", default: true),
            spatialRank: rank)
        return MappedModule(
            .transposedConvolution(layer), declaredInput: try arguments.declaredInput("in_channels", example: example),
            inputForm: .map(spatialRank: rank))
    }

    /// `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`, `AvgPool2d(kernel_size=2, stride=2, padding=0)`.
    static func pooling(_ arguments: ModuleArguments, _ mode: Pooling.Mode, rank: Int) throws(CNNCalcError) -> MappedModule {
        let kernel = try arguments.sizes("kernel_size", example: "kernel_size=2")
        var stride = kernel
        // PyTorch prints stride=None when the stride is left to default to the kernel size.
        if let written = arguments.value("stride"), written.content != .none {
            stride = try arguments.sizes("stride", example: "stride=2")
        }
        var layer = Pooling(
            mode, poolSize: kernel, stride: stride, padding: .explicit(try pixels(arguments, "padding")),
            ceilMode: try arguments.boolean("ceil_mode", default: false), spatialRank: rank)
        layer.window.dilation = try arguments.sizes("dilation", default: [1], example: "dilation=1")
        _ = try arguments.boolean("return_indices", default: false)
        _ = try arguments.boolean("count_include_pad", default: true)
        let assumption = mode == .average && arguments.value("ceil_mode") == nil
            ? "AvgPool\(rank)d does not print ceil_mode; it is taken as False (the default), which rounds each output size down"
            : nil
        return MappedModule(.pooling(layer), inputForm: .map(spatialRank: rank), assumption: assumption)
    }

    /// `AdaptiveAvgPool2d(output_size=(7, 7))`.
    static func adaptivePooling(_ arguments: ModuleArguments, _ mode: Pooling.Mode, rank: Int) throws(CNNCalcError) -> MappedModule {
        if arguments.value("output_size")?.items.contains(where: { $0.content == .none }) == true {
            throw CNNCalcError(
                .badArgument, "an output_size of None keeps that axis' input size, which CNNCalc's adaptive pooling does not do",
                fix: "give every axis its size", location: arguments.location(of: "output_size"), layerName: arguments.module.path)
        }
        let size = try arguments.sizes("output_size", example: "output_size=(1, 1)")
        _ = try arguments.boolean("return_indices", default: false)
        return MappedModule(.adaptivePooling(AdaptivePooling(mode, outputSize: size, spatialRank: rank)), inputForm: .map(spatialRank: rank))
    }

    /// `ZeroPad2d((1, 2, 3, 4))`: left, right, top, bottom, the last axis first.
    static func padding(_ arguments: ModuleArguments, rank: Int) throws(CNNCalcError) -> MappedModule {
        let values = try arguments.sizes("padding", minimum: 0, example: "padding=(1, 1, 1, 1)")
        var sides: [AxisPadding]
        if values.count == 1 {
            sides = [AxisPadding(before: values[0], after: values[0])]
        } else {
            guard values.count == 2 * rank else {
                throw CNNCalcError(
                    .badArgument, "\(arguments.module.typeName) pads \(rank) axes, so its padding has \(2 * rank) numbers, not \(values.count)",
                    fix: "write (left, right\(rank > 1 ? ", top, bottom" : "")\(rank > 2 ? ", front, back" : ""))",
                    location: arguments.location(of: "padding"), layerName: arguments.module.path)
            }
            // PyTorch lists the last axis first: (left, right, top, bottom, front, back).
            sides = stride(from: 0, to: values.count, by: 2).map { AxisPadding(before: values[$0], after: values[$0 + 1]) }.reversed()
        }
        if arguments.module.typeName.hasPrefix("ConstantPad") {
            _ = try arguments.number("value", default: 0, example: "value=0.0")
        }
        return MappedModule(.zeroPadding(ZeroPadding(sides, spatialRank: rank)), inputForm: .map(spatialRank: rank))
    }

    /// `Upsample(scale_factor=2.0, mode='nearest')`, `Upsample(size=(8, 8), mode='bilinear')`.
    static func upsampling(_ arguments: ModuleArguments, fixedMode: Upsampling.Mode?) throws(CNNCalcError) -> MappedModule {
        let modes = ["nearest", "nearest-exact", "linear", "bilinear", "trilinear"]
        var mode = fixedMode ?? .nearest
        if fixedMode == nil {
            try arguments.refuse("mode", unless: { value in
                if case .word(let word) = value.content { return modes.contains(word) }
                return false
            }, because: "CNNCalc counts nearest and linear interpolation only")
            let word = try arguments.word("mode", default: "nearest", among: modes)
            mode = Upsampling.Mode(rawValue: word == "nearest-exact" ? "nearest" : word) ?? .nearest
        }
        let target: Upsampling.Target
        if let size = arguments.value("size"), size.content != .none {
            target = .size(try arguments.sizes("size", example: "size=(8, 8)"))
        } else if let factor = arguments.value("scale_factor"), factor.content != .none {
            var factors: [Int] = []
            for item in factor.items {
                guard let whole = item.integer, whole >= 1 else {
                    throw CNNCalcError(
                        .badArgument, "scale_factor=\(factor.text) is not a whole number, and CNNCalc upsamples by whole factors",
                        fix: "use a whole factor such as 2.0, or size=", location: arguments.location(of: "scale_factor"),
                        layerName: arguments.module.path)
                }
                factors.append(whole)
            }
            target = .scale(factors)
        } else {
            throw CNNCalcError(
                .badArgument, "\(arguments.module.typeName) needs size or scale_factor, and neither is printed",
                fix: "write e.g. Upsample(scale_factor=2.0, mode='nearest')", location: arguments.module.location,
                layerName: arguments.module.path)
        }
        return MappedModule(
            .upsampling(Upsampling(target, mode: mode)), inputForm: mode.spatialRank.map { .map(spatialRank: $0) } ?? .any)
    }

    /// A convolution's padding: pixels (a number or a tuple), `same` or `valid`.
    static func padding(_ arguments: ModuleArguments, _ name: String) throws(CNNCalcError) -> Padding {
        if let value = arguments.value(name), case .word(let word) = value.content {
            switch word {
            case "same": return .same
            case "valid": return .valid
            default:
                throw CNNCalcError(
                    .badArgument, "padding=\(value.text) is not a number, a tuple, 'same' or 'valid'",
                    fix: EditDistance.didYouMean(word, among: ["same", "valid"]) ?? "write e.g. padding=(1, 1)",
                    location: arguments.location(of: name), layerName: arguments.module.path)
            }
        }
        return .explicit(try pixels(arguments, name))
    }

    /// Padding pixels: one number for every axis or one per axis, on both sides.
    static func pixels(_ arguments: ModuleArguments, _ name: String) throws(CNNCalcError) -> [AxisPadding] {
        try arguments.sizes(name, default: [0], minimum: 0, example: "\(name)=(1, 1)").map { AxisPadding(before: $0, after: $0) }
    }
}
