import CNNCalcCore

/// How each supported Keras layer class maps onto a CNNCalc ``LayerKind``.
///
/// The options honoured are those that change a shape or a count: `filters`, `kernel_size`,
/// `strides`, `padding`, `dilation_rate`, `groups`, `use_bias`, `depth_multiplier`,
/// `output_padding`, inline `activation`, `return_sequences`, `reset_after`, `keepdims`,
/// `center`/`scale`, `shared_axes` and the like. Initializers, regularizers and constraints
/// change neither, and are ignored.
enum KerasLayerMapping {
    /// The Keras classes the reader understands, for the message about an unknown one.
    static let supportedClasses: [String] = [
        "InputLayer", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
        "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D", "Dense", "Flatten",
        "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
        "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "PReLU", "Softmax", "BatchNormalization",
        "LayerNormalization", "GroupNormalization", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
        "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
        "GlobalMaxPooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
        "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
        "Cropping1D", "Cropping2D", "Cropping3D", "Reshape", "Permute", "Embedding", "SimpleRNN", "LSTM", "GRU",
        "Bidirectional", "MultiHeadAttention", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
        "Concatenate", "Dot", "Rescaling", "Resizing", "RandomFlip", "RandomRotation", "RandomZoom",
        "RandomTranslation", "RandomContrast", "RandomBrightness", "Normalization", "TimeDistributed", "Lambda",
        "Sequential", "Functional", "Model",
    ]

    /// The layer kind of one Keras layer (not an `InputLayer` and not a nested model).
    ///
    /// - Parameters:
    ///   - className: the layer's `class_name`.
    ///   - config: its `config` object.
    ///   - inputRank: the rank of its first input with the batch axis, from `build_config`, when saved.
    ///   - layout: the model's layout.
    static func kind(
        className: String, config: KerasJSON, inputRank: Int? = nil, layout: Layout = .channelsLast
    ) throws(CNNCalcError) -> LayerKind {
        // LoRA and quantization add or replace weights that the layer's formula does not count.
        if let lora = try config.optional("lora_rank") {
            throw lora.error(.badArgument, "a layer with LoRA weights (lora_rank) is not supported",
                             fix: "save the model before enable_lora(), or after merging the LoRA weights")
        }
        if let quantization = try config.optional("quantization_config") {
            throw quantization.error(.badArgument, "a quantized layer is not supported", fix: "save the model before quantizing it")
        }
        switch className {
        case "Conv1D", "Conv2D", "Conv3D":
            let rank = Int(String(className.dropFirst(4).prefix(1))) ?? 2
            let window = try Window(config, rank: rank, allowsCausal: rank == 1)
            return .convolution(Convolution(
                filters: try config.field("filters").positiveInt(), kernelSize: window.kernel, stride: window.stride,
                padding: window.padding, dilation: window.dilation,
                groups: try config.optional("groups")?.positiveInt() ?? 1, hasBias: try useBias(config),
                activation: try inlineActivation(config), spatialRank: rank))
        case "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose":
            let rank = Int(String(className.dropFirst(4).prefix(1))) ?? 2
            let window = try Window(config, rank: rank)
            return .transposedConvolution(TransposedConvolution(
                filters: try config.field("filters").positiveInt(), kernelSize: window.kernel, stride: window.stride,
                padding: window.padding, outputPadding: try config.optional("output_padding").map { j throws(CNNCalcError) in try nonNegative(j) },
                dilation: window.dilation, hasBias: try useBias(config), activation: try inlineActivation(config),
                spatialRank: rank))
        case "DepthwiseConv1D", "DepthwiseConv2D":
            let rank = className == "DepthwiseConv1D" ? 1 : 2
            let window = try Window(config, rank: rank)
            return .depthwiseConvolution(DepthwiseConvolution(
                kernelSize: window.kernel, multiplier: try config.optional("depth_multiplier")?.positiveInt() ?? 1,
                stride: window.stride, padding: window.padding, dilation: window.dilation, hasBias: try useBias(config),
                activation: try inlineActivation(config), spatialRank: rank))
        case "SeparableConv1D", "SeparableConv2D":
            let rank = className == "SeparableConv1D" ? 1 : 2
            // tf.keras 2.x allows causal padding on SeparableConv1D; Keras 3 on Conv1D only.
            let window = try Window(config, rank: rank, allowsCausal: rank == 1)
            return .separableConvolution(SeparableConvolution(
                filters: try config.field("filters").positiveInt(), kernelSize: window.kernel,
                multiplier: try config.optional("depth_multiplier")?.positiveInt() ?? 1, stride: window.stride,
                padding: window.padding, dilation: window.dilation, hasBias: try useBias(config),
                activation: try inlineActivation(config), spatialRank: rank))
        case "Dense":
            // Keras applies a dense layer to the last axis and never flattens; on a channels_first
            // map the last axis is the width, which CNNCalc's dense does not follow.
            if layout == .channelsFirst, let inputRank, inputRank > 2 {
                throw config.error(.badArgument, "a Dense layer on the last axis of a channels_first map is not supported",
                                   fix: "flatten or pool the map before the Dense layer")
            }
            return .dense(Dense(
                units: try config.field("units").positiveInt(), hasBias: try useBias(config),
                activation: try inlineActivation(config), flattensInput: false))
        case "Flatten":
            return .flatten(Flatten())
        case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout", "AlphaDropout":
            return .dropout(Dropout(rate: try config.optional("rate")?.double() ?? 0))
        case "GaussianNoise":
            return .dropout(Dropout(rate: 0))
        case "Rescaling", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
             "RandomBrightness":
            // No weights and the same shape: the random augmentations pass data through at
            // inference, and Rescaling's x * scale + offset is counted as the identity.
            return .activation(Activation(.linear))
        case "Resizing":
            let interpolation = try config.optional("interpolation")?.string() ?? "bilinear"
            let mode: Upsampling.Mode
            switch interpolation {
            case "nearest": mode = .nearest
            case "bilinear": mode = .bilinear
            default:
                throw try config.field("interpolation").error(
                    .badArgument, "interpolation '\(interpolation)' is not supported", fix: "CNNCalc knows 'nearest' and 'bilinear'")
            }
            let crops = try config.optional("crop_to_aspect_ratio")?.bool() == true
            let pads = try config.optional("pad_to_aspect_ratio")?.bool() == true
            if crops || pads {
                throw config.error(.badArgument, "Resizing to the aspect ratio is not supported", fix: "resize without cropping or padding")
            }
            let size = [try config.field("height").positiveInt(), try config.field("width").positiveInt()]
            return .upsampling(Upsampling(.size(size), mode: mode, spatialRank: 2))
        case "Activation":
            let activation = try config.field("activation")
            return .activation(Activation(try function(activation.string(), at: activation)))
        case "ReLU":
            let slope = try config.optional("negative_slope")?.double() ?? 0
            let maximum = try config.optional("max_value")?.double()
            if slope != 0 { return .activation(Activation(.leakyReLU(alpha: slope))) }
            if maximum == 6 { return .activation(Activation(.relu6)) }
            return .activation(Activation(.relu))
        case "LeakyReLU":
            // Keras 3 writes negative_slope (default 0.3), tf.keras 2.x alpha.
            let slopeJSON = try KerasGraphBuilder.first(config, ["negative_slope", "alpha"])
            let slope = try slopeJSON?.double() ?? 0.3
            return .activation(Activation(.leakyReLU(alpha: slope)))
        case "ELU":
            return .activation(Activation(.elu(alpha: try config.optional("alpha")?.double() ?? 1)))
        case "Softmax":
            return .activation(Activation(.softmax))
        case "PReLU":
            return .prelu(PReLU(slopes: try preluSlopes(config, inputRank: inputRank)))
        case "BatchNormalization":
            try requireChannelAxis(config, inputRank: inputRank, layout: layout, layer: "BatchNormalization")
            return .batchNormalization(BatchNormalization(
                scale: try config.optional("scale")?.bool() ?? true, center: try config.optional("center")?.bool() ?? true))
        case "LayerNormalization":
            return .layerNormalization(LayerNormalization(
                axes: try layerNormalizationAxes(config, inputRank: inputRank), scale: try config.optional("scale")?.bool() ?? true,
                center: try config.optional("center")?.bool() ?? true))
        case "GroupNormalization":
            try requireChannelAxis(config, inputRank: inputRank, layout: layout, layer: "GroupNormalization")
            let scale = try config.optional("scale")?.bool() ?? true
            let center = try config.optional("center")?.bool() ?? true
            guard scale == center else {
                throw config.error(.badArgument, "GroupNormalization with scale=\(scale) and center=\(center) is not supported",
                                   fix: "CNNCalc counts group normalization with both or neither of gamma and beta")
            }
            return .groupNormalization(GroupNormalization(groups: try config.field("groups").positiveInt(), affine: scale))
        case "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D":
            let mode: Pooling.Mode = className.hasPrefix("Max") ? .max : .average
            let rank = Int(String(className.suffix(2).prefix(1))) ?? 2
            let poolSize = try config.optional("pool_size")?.sizes() ?? [2]
            let stride = try config.optional("strides")?.sizes()
            return .pooling(Pooling(
                mode, poolSize: expand(poolSize, rank), stride: stride.map { expand($0, rank) },
                padding: try padding(config), spatialRank: rank))
        case "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
             "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D":
            let mode: Pooling.Mode = className.hasPrefix("GlobalMax") ? .max : .average
            return .globalPooling(GlobalPooling(mode, keepsDimensions: try config.optional("keepdims")?.bool() ?? false))
        case "UpSampling1D", "UpSampling2D", "UpSampling3D":
            let rank = Int(String(className.suffix(2).prefix(1))) ?? 2
            let factors = try config.optional("size")?.sizes() ?? [2]
            let interpolation = try config.optional("interpolation")?.string() ?? "nearest"
            let mode: Upsampling.Mode
            switch interpolation {
            case "nearest": mode = .nearest
            case "bilinear" where rank == 2: mode = .bilinear
            default:
                throw try config.field("interpolation").error(
                    .badArgument, "interpolation '\(interpolation)' is not supported", fix: "CNNCalc knows 'nearest' and 'bilinear'")
            }
            return .upsampling(Upsampling(.scale(expand(factors, rank)), mode: mode, spatialRank: rank))
        case "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D":
            let rank = Int(String(className.suffix(2).prefix(1))) ?? 2
            return .zeroPadding(ZeroPadding(try sides(config.field("padding"), rank: rank), spatialRank: rank))
        case "Cropping1D", "Cropping2D", "Cropping3D":
            let rank = Int(String(className.suffix(2).prefix(1))) ?? 2
            return .cropping(Cropping(try sides(config.field("cropping"), rank: rank), spatialRank: rank))
        case "Reshape":
            var sizes: [Int] = []
            for element in try config.field("target_shape").array() {
                let size = try element.int()
                guard size >= 1 || size == -1 else { throw element.error(.badArgument, "expected a positive size or -1, found \(size)") }
                sizes.append(size)
            }
            return .reshape(Reshape(sizes))
        case "Permute":
            var axes: [Int] = []
            for element in try config.field("dims").array() { axes.append(try element.positiveInt()) }
            return .permute(Permute(axes: axes))
        case "Embedding":
            return .embedding(Embedding(
                vocabularySize: try config.field("input_dim").positiveInt(), dimension: try config.field("output_dim").positiveInt()))
        case "SimpleRNN", "LSTM", "GRU":
            return .recurrent(try recurrent(className: className, config: config, bidirectional: false))
        case "Bidirectional":
            let inner = try config.field("layer")
            let innerClass = try inner.field("class_name").string()
            guard ["SimpleRNN", "LSTM", "GRU"].contains(innerClass) else {
                throw try inner.field("class_name").error(
                    .unknownLayer, "Bidirectional wraps a \(innerClass), but CNNCalc knows only SimpleRNN, LSTM and GRU there")
            }
            let mergeMode = try config.optional("merge_mode")?.string() ?? "concat"
            guard mergeMode == "concat" else {
                throw try config.field("merge_mode").error(
                    .badArgument, "merge_mode '\(mergeMode)' is not supported", fix: "CNNCalc counts the default, 'concat'")
            }
            // Keras 3 always writes the backward layer; it counts the same as the forward one
            // unless it is a different cell or size.
            if let backward = try config.optional("backward_layer") {
                let sameClass = try backward.field("class_name").string() == innerClass
                let sameUnits = try backward.field("config").field("units").int() == inner.field("config").field("units").int()
                guard sameClass && sameUnits else {
                    throw backward.error(.badArgument, "a backward_layer that differs from the forward layer is not supported",
                                         fix: "use the same cell and units in both directions")
                }
            }
            return .recurrent(try recurrent(className: innerClass, config: inner.field("config"), bidirectional: true))
        case "MultiHeadAttention":
            var outputDimension: Int?
            if let shape = try config.optional("output_shape") {
                let sizes = try shape.sizes()
                guard sizes.count == 1 else {
                    throw shape.error(.badArgument, "an output_shape of \(sizes.count) axes is not supported", fix: "give one size, the output features")
                }
                outputDimension = sizes[0]
            }
            let keyDimension = try config.field("key_dim").positiveInt()
            return .multiHeadAttention(MultiHeadAttention(
                heads: try config.field("num_heads").positiveInt(), keyDimension: keyDimension,
                valueDimension: try config.optional("value_dim")?.positiveInt() ?? keyDimension,
                outputDimension: outputDimension, hasBias: try useBias(config)))
        case "Add":
            return .add(Add())
        case "Subtract":
            return .elementwise(ElementwiseMerge(.subtract))
        case "Multiply":
            return .elementwise(ElementwiseMerge(.multiply))
        case "Average":
            return .elementwise(ElementwiseMerge(.average))
        case "Maximum":
            return .elementwise(ElementwiseMerge(.maximum))
        case "Minimum":
            return .elementwise(ElementwiseMerge(.minimum))
        case "Concatenate":
            // Keras Applications write the channel axis as 3 rather than -1.
            let axis = try config.optional("axis")?.int() ?? -1
            guard isChannelAxis(axis, inputRank: inputRank, layout: layout) else {
                throw try config.field("axis").error(
                    .badArgument, "concatenation along axis \(axis) is not supported",
                    fix: "CNNCalc concatenates along the channel axis (\(layout == .channelsLast ? "axis=-1" : "axis=1"))")
            }
            return .concatenate(Concatenate(axis: .channels))
        case "Dot":
            return .matrixProduct(MatrixProduct(transposesB: try dotTransposesB(config)))
        case "Normalization":
            return .standardization(try standardization(config, inputRank: inputRank, layout: layout))
        case "TimeDistributed":
            return .timeDistributed(try timeDistributed(config, inputRank: inputRank, layout: layout))
        default:
            throw config.error(.unknownLayer, "unknown layer class '\(className)'",
                               fix: "CNNCalc reads these Keras classes: \(supportedClasses.joined(separator: ", "))")
        }
    }

    /// Kernel, strides, dilation and padding of a convolution, one entry per axis.
    struct Window {
        var kernel: [Int], stride: [Int], dilation: [Int], padding: Padding

        /// Reads the window; `allowsCausal` for the layers Keras lets pad causally (1-D convolutions).
        init(_ config: KerasJSON, rank: Int, allowsCausal: Bool = false) throws(CNNCalcError) {
            kernel = expand(try config.field("kernel_size").sizes(), rank)
            stride = expand(try config.optional("strides")?.sizes() ?? [1], rank)
            dilation = expand(try config.optional("dilation_rate")?.sizes() ?? [1], rank)
            if let json = try config.optional("padding"), json.isString, try json.string().lowercased() == "causal" {
                guard allowsCausal, rank == 1, kernel.count == 1, dilation.count == 1 else {
                    throw json.error(.badArgument, "padding 'causal' is not allowed on this layer",
                                     fix: "Keras pads causally only Conv1D (and SeparableConv1D in tf.keras); use 'valid' or 'same'")
                }
                padding = try Self.causal(kernel: kernel[0], dilation: dilation[0], at: json)
            } else {
                padding = try KerasLayerMapping.padding(config)
            }
        }

        /// Keras' causal padding: `dilation*(kernel-1)` zeros before the first step and none after,
        /// so that output `t` sees inputs `t` and earlier only, and the length is kept at stride 1.
        static func causal(kernel: Int, dilation: Int, at json: KerasJSON) throws(CNNCalcError) -> Padding {
            let (before, overflow) = dilation.multipliedReportingOverflow(by: kernel - 1)
            guard !overflow, before <= CheckedArithmetic.maximumSize else {
                throw json.error(.overflow, "the causal padding dilation*(kernel-1) = \(dilation)*\(kernel - 1) is too large to count",
                                 fix: "check the kernel size and the dilation rate")
            }
            return .explicit([AxisPadding(before: before, after: 0)])
        }
    }

    private static func expand(_ sizes: [Int], _ rank: Int) -> [Int] {
        sizes.count == 1 ? Array(repeating: sizes[0], count: rank) : sizes
    }

    private static func nonNegative(_ json: KerasJSON) throws(CNNCalcError) -> [Int] {
        let values: [KerasJSON] = json.isArray ? try json.array() : [json]
        var result: [Int] = []
        for value in values {
            let integer = try value.int()
            guard integer >= 0 else { throw value.error(.badArgument, "expected 0 or more, found \(integer)") }
            result.append(integer)
        }
        return result
    }

    private static func padding(_ config: KerasJSON) throws(CNNCalcError) -> Padding {
        guard let json = try config.optional("padding") else { return .valid }
        switch try json.string().lowercased() {
        case "valid": return .valid
        case "same": return .same
        case let other:
            throw json.error(.badArgument, "padding '\(other)' is not supported", fix: "CNNCalc reads 'valid' and 'same'")
        }
    }

    private static func useBias(_ config: KerasJSON) throws(CNNCalcError) -> Bool {
        try config.optional("use_bias")?.bool() ?? true
    }

    /// Per-axis padding or cropping: `1`, `[1, 2]` (one per axis, or before/after for 1-D) or `[[1, 0], [2, 1]]`.
    private static func sides(_ json: KerasJSON, rank: Int) throws(CNNCalcError) -> [AxisPadding] {
        if !json.isArray {
            let amount = try nonNegative(json)[0]
            return Array(repeating: AxisPadding(before: amount, after: amount), count: rank)
        }
        let elements = try json.array()
        if elements.allSatisfy({ $0.isArray }) {
            guard elements.count == rank else {
                throw json.error(.badArgument, "expected \(rank) pairs, one per spatial axis, found \(elements.count)")
            }
            var result: [AxisPadding] = []
            for element in elements {
                let pair = try nonNegative(element)
                guard pair.count == 2 else { throw element.error(.badArgument, "expected a pair (before, after), found \(pair.count) values") }
                result.append(AxisPadding(before: pair[0], after: pair[1]))
            }
            return result
        }
        let values = try nonNegative(json)
        if rank == 1 && values.count == 2 { return [AxisPadding(before: values[0], after: values[1])] }
        guard values.count == rank else {
            throw json.error(.badArgument, "expected \(rank) values, one per spatial axis, found \(values.count)")
        }
        return values.map { AxisPadding(before: $0, after: $0) }
    }

    /// Keras' `Normalization`: one mean and variance per channel (`axis=-1`, or the channel axis
    /// counted with the batch) or for the whole input (`axis=None`); none stored when the config
    /// writes them as constants (`mean`, `variance`).
    private static func standardization(_ config: KerasJSON, inputRank: Int?, layout: Layout) throws(CNNCalcError) -> Standardization {
        let mean = try config.optional("mean")
        let variance = try config.optional("variance")
        let stores = mean == nil && variance == nil
        guard let json = try config.optional("axis") else {
            // axis=None is written null (Keras 3 writes []); a missing axis is Keras' default, -1.
            let isNone = config.value.objectValue?["axis"] != nil
            return Standardization(statistics: isNone ? .single : .perChannel, storesStatistics: stores)
        }
        let axes = json.isArray ? try json.array() : [json]
        if axes.isEmpty { return Standardization(statistics: .single, storesStatistics: stores) }
        guard axes.count == 1, isChannelAxis(try axes[0].int(), inputRank: inputRank, layout: layout) else {
            throw json.error(.badArgument, "Normalization along axes other than the channels is not supported",
                             fix: "CNNCalc reads Normalization per channel (axis=-1) or over the whole input (axis=None)")
        }
        return Standardization(statistics: .perChannel, storesStatistics: stores)
    }

    /// Keras' `TimeDistributed`: the wrapped layer's kind, read as any other layer with the rank of one step.
    private static func timeDistributed(_ config: KerasJSON, inputRank: Int?, layout: Layout) throws(CNNCalcError) -> TimeDistributed {
        let inner = try config.field("layer")
        let innerClass = try inner.field("class_name").string()
        guard layout == .channelsLast else {
            throw config.error(.badArgument, "TimeDistributed in a channels_first model is not supported",
                               fix: "CNNCalc follows TimeDistributed in channels_last models, where the steps come before the other axes")
        }
        guard supportedClasses.contains(innerClass), !["InputLayer", "Sequential", "Functional", "Model", "Lambda"].contains(innerClass) else {
            throw try inner.field("class_name").error(
                .unknownLayer, "TimeDistributed wraps a \(innerClass), which CNNCalc cannot apply to every step",
                fix: "CNNCalc applies the Keras layers it reads (not models, Lambda or custom layers) to every step")
        }
        var innerConfig = try inner.field("config")
        innerConfig.layerName = config.layerName
        let kind = try self.kind(className: innerClass, config: innerConfig, inputRank: inputRank.map { $0 - 1 }, layout: layout)
        guard kind.arity == .one else {
            throw try inner.field("class_name").error(.badArgument, "TimeDistributed wraps \(innerClass), which takes several inputs",
                                                       fix: "wrap a layer of one input")
        }
        return TimeDistributed(kind)
    }

    private static func recurrent(className: String, config: KerasJSON, bidirectional: Bool) throws(CNNCalcError) -> Recurrent {
        let cell: Recurrent.Cell = switch className {
        case "LSTM": .lstm
        case "GRU": .gru
        default: .simple
        }
        if try config.optional("return_state")?.bool() == true {
            throw try config.field("return_state").error(
                .badArgument, "return_state=True gives several outputs, which CNNCalc does not follow", fix: "use return_state=False")
        }
        return Recurrent(
            cell, units: try config.field("units").positiveInt(),
            returnsSequences: try config.optional("return_sequences")?.bool() ?? false,
            isBidirectional: bidirectional, hasBias: try useBias(config),
            resetsAfter: try config.optional("reset_after")?.bool() ?? true)
    }

    /// Whether Keras' `axis` (counted with the batch as 0) is the channel axis: the last in
    /// channels_last, axis 1 in channels_first, and both at once for a vector (rank 2). Without
    /// the input's rank, only the unambiguous spelling counts.
    private static func isChannelAxis(_ axis: Int, inputRank: Int?, layout: Layout) -> Bool {
        let last = inputRank.map { axis == $0 - 1 } ?? false
        switch layout {
        case .channelsLast: return axis == -1 || last
        case .channelsFirst: return axis == 1 || (axis == -1 && (inputRank == 2 || inputRank == nil))
        }
    }

    /// Checks that a normalization's `axis` is the channel axis, the one CNNCalc normalizes per:
    /// `-1` (or rank - 1) in channels_last, `1` in channels_first. Keras counts axes with the batch.
    private static func requireChannelAxis(
        _ config: KerasJSON, inputRank: Int?, layout: Layout, layer: String
    ) throws(CNNCalcError) {
        guard let json = try config.optional("axis") else { return }
        let axes = json.isArray ? try json.array() : [json]
        guard axes.count == 1 else {
            throw json.error(.badArgument, "\(layer) over several axes is not supported", fix: "normalize over the channel axis")
        }
        let axis = try axes[0].int()
        guard isChannelAxis(axis, inputRank: inputRank, layout: layout) else {
            throw json.error(.badArgument, "\(layer) along axis \(axis) is not supported",
                             fix: "CNNCalc normalizes along the channel axis (\(layout == .channelsLast ? "axis=-1" : "axis=1"))")
        }
    }

    /// Keras' LayerNormalization `axis`: the last axis, or every axis but the batch.
    private static func layerNormalizationAxes(_ config: KerasJSON, inputRank: Int?) throws(CNNCalcError) -> LayerNormalization.Axes {
        guard let json = try config.optional("axis") else { return .last }
        var axes: [Int] = []
        for element in json.isArray ? try json.array() : [json] { axes.append(try element.int()) }
        if axes == [-1] || (inputRank.map { axes == [$0 - 1] } ?? false) { return .last }
        if let inputRank, inputRank > 1, Set(axes) == Set(1..<inputRank) { return .all }
        throw json.error(.badArgument, "LayerNormalization over axes \(axes) is not supported",
                         fix: "CNNCalc normalizes over the last axis (axis=-1) or over every axis but the batch")
    }

    /// Keras' `Dot` of two sequences as a matrix product: `axes=(2, 2)` (or `-1`, or `2`)
    /// contracts the features of both, `a · bᵀ`; `axes=(2, 1)` is the plain product `a · b`.
    private static func dotTransposesB(_ config: KerasJSON) throws(CNNCalcError) -> Bool {
        let axesJSON = try config.field("axes")
        let values: [KerasJSON] = axesJSON.isArray ? try axesJSON.array() : [axesJSON, axesJSON]
        guard values.count == 2 else {
            throw axesJSON.error(.badArgument, "expected one axis or a pair, found \(values.count) values")
        }
        let axes = try (values[0].int(), values[1].int())
        if try config.optional("normalize")?.bool() == true {
            throw try config.field("normalize").error(.badArgument, "normalize=True (cosine similarity) is not supported")
        }
        switch axes {
        case (2, 2), (-1, -1), (2, -1), (-1, 2): return true
        case (2, 1), (-1, 1): return false
        default:
            throw axesJSON.error(.badArgument, "Dot over axes (\(axes.0), \(axes.1)) is not supported",
                                 fix: "CNNCalc reads Dot of two sequences over axes (2, 2), a·bᵀ, or (2, 1), a·b")
        }
    }

    private static func preluSlopes(_ config: KerasJSON, inputRank: Int?) throws(CNNCalcError) -> PReLU.Slopes {
        guard let shared = try config.optional("shared_axes") else { return .element }
        // Keras' PReLU shares slopes along the listed axes (counted with the batch as 0). The
        // usual use shares every axis but the channels, which leaves one slope per channel.
        let list = shared.isArray ? try shared.array() : [shared]
        var axes: Set<Int> = []
        for axis in list { axes.insert(try axis.int()) }
        if axes.isEmpty { return .element }
        if let inputRank, axes != Set(1..<max(inputRank - 1, 1)) {
            throw shared.error(.badArgument, "sharing slopes along axes \(axes.sorted()) is not supported",
                               fix: "CNNCalc counts one slope per value (no shared_axes) or one per channel (every axis but the channels shared)")
        }
        return .channel
    }

    /// The activation function a Keras name stands for; `linear` on a layer means none.
    static func function(_ name: String, at json: KerasJSON) throws(CNNCalcError) -> Activation.Function {
        switch name {
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        case "linear": return .linear
        case "gelu": return .gelu
        case "elu": return .elu(alpha: 1)
        case "selu": return .selu
        case "swish", "silu": return .silu
        case "softplus": return .softplus
        case "relu6": return .relu6
        case "hard_sigmoid": return .hardSigmoid
        case "hard_swish", "hard_silu": return .hardSwish
        case "mish": return .mish
        case "log_softmax": return .logSoftmax
        case "leaky_relu": return .leakyReLU(alpha: 0.2)
        default:
            throw json.error(.badArgument, "unknown activation '\(name)'",
                             fix: "CNNCalc knows relu, sigmoid, tanh, softmax, linear, gelu, elu, selu, swish, softplus, relu6, hard_sigmoid, hard_swish, mish, log_softmax and leaky_relu")
        }
    }

    private static func inlineActivation(_ config: KerasJSON) throws(CNNCalcError) -> Activation.Function? {
        guard let json = try config.optional("activation") else { return nil }
        guard json.isString else {
            throw json.error(.badArgument, "a custom activation object is not supported", fix: "use a built-in activation name")
        }
        let function = try function(try json.string(), at: json)
        return function == .linear ? nil : function
    }
}
