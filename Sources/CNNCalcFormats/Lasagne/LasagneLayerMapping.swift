import CNNCalcCore

/// One Lasagne layer call as a CNNCalc layer kind, with Lasagne's defaults:
/// convolutions `stride=1`, `pad=0` (`'valid'`), a tied bias and `rectify`; pooling a stride
/// equal to the pool size and `ignore_border=True`; dense layers `rectify` and flattening
/// every input.
///
/// Padding: `'valid'` is 0, `'full'` is `filter_size-1` and `'same'` is `filter_size//2` on both
/// sides of each axis, as Lasagne pads.
struct LasagneLayerMapping {
    let call: LasagneLayerCall
    let name: String
    /// The shapes arriving, when known (`nil` when an earlier layer does not fit).
    let inputs: [TensorShape?]
    /// Whether a recurrent layer reads this layer's output (so two axes are steps and features).
    let feedsRecurrentLayer: Bool

    private var arguments: LasagneArguments { LasagneArguments(call: call, layerName: name) }

    private func error(_ problem: String, fix: String) -> CNNCalcError {
        CNNCalcError(.badArgument, problem, fix: fix, location: call.location, layerName: name)
    }

    func kind() throws(CNNCalcError) -> LayerKind {
        let className = call.className
        let rank = LasagneLayerTable.spatialRank(of: className)
        switch className {
        case "InputLayer": return .input(try input())
        case "TransposedConv2DLayer", "Deconv2DLayer": return .transposedConvolution(try transposedConvolution())
        case "DilatedConv2DLayer": return .convolution(try dilatedConvolution())
        case _ where className.hasPrefix("Conv"): return .convolution(try convolution(rank: rank))
        case _ where className.hasPrefix("MaxPool") || className.hasPrefix("Pool"): return .pooling(try pooling(rank: rank))
        case "GlobalPoolLayer": return .globalPooling(try globalPooling())
        case "DenseLayer": return .dense(try dense())
        case "NINLayer": return .convolution(try networkInNetwork())
        case "DropoutLayer":
            let rate = try arguments.real("p") ?? 0.5
            guard (0...1).contains(rate) else { throw error("dropout p=\(rate) is not between 0 and 1", fix: "give p between 0 and 1") }
            return .dropout(Dropout(rate: rate))
        case "GaussianNoiseLayer":
            return .opaque(OpaqueOperator(operatorName: "GaussianNoiseLayer", declaredOutputShape: nil, keepsInputShape: true, knownCost: .zero))
        case "NonlinearityLayer":
            return .activation(Activation(try arguments.nonlinearity() ?? .linear))
        case "BatchNormLayer":
            if let axes = arguments.value("axes"), !(axes.text == "'auto'") {
                throw error("BatchNormLayer axes=\(axes.text) is not read", fix: "use the default axes='auto' (all but the channels)")
            }
            return .batchNormalization(BatchNormalization())
        case "FlattenLayer":
            let outdim = try arguments.count("outdim") ?? 2
            guard outdim == 2 else { throw error("FlattenLayer outdim=\(outdim) is not read", fix: "use outdim=2, which keeps the batch and flattens the rest") }
            return .flatten(Flatten())
        case "ReshapeLayer": return .reshape(try reshape())
        case "ConcatLayer": return .concatenate(Concatenate(axis: try concatenationAxis()))
        case "ElemwiseSumLayer": return .add(Add())
        case "ElemwiseMergeLayer": return try elementwiseMerge()
        case "PadLayer": return .zeroPadding(try padLayer())
        case "LocalResponseNormalization2DLayer":
            return .localResponseNormalization(LocalResponseNormalization(size: try arguments.count("n") ?? 5))
        case "EmbeddingLayer":
            guard let vocabulary = try arguments.count("input_size"), let dimension = try arguments.count("output_size") else {
                throw error("EmbeddingLayer needs input_size and output_size", fix: "give both")
            }
            return .embedding(Embedding(vocabularySize: vocabulary, dimension: dimension))
        case "LSTMLayer", "GRULayer", "RecurrentLayer": return .recurrent(try recurrent())
        case "Upscale2DLayer":
            guard let scale = try arguments.sizes("scale_factor", rank: 2) else { throw error("Upscale2DLayer needs scale_factor", fix: "give scale_factor=2") }
            if let mode = try arguments.choice("mode", among: ["repeat", "dilate"]), mode == "dilate" {
                throw error("Upscale2DLayer mode='dilate' is not read", fix: "use mode='repeat'")
            }
            return .upsampling(Upsampling(.scale(scale), mode: .nearest, spatialRank: 2))
        default:
            throw CNNCalcError(.unknownLayer, "\(className) is not a Lasagne layer CNNCalc reads", location: call.location, layerName: name)
        }
    }

    // MARK: - Input

    private func input() throws(CNNCalcError) -> Input {
        guard let shape = arguments.value("shape"), let items = shape.items, items.count >= 2 else {
            throw error("InputLayer shape is \(arguments.value("shape")?.text ?? "missing")",
                        fix: "give the batch and the sizes of one example, e.g. shape=(None, 1, 28, 28)")
        }
        var sizes: [Int] = []
        for (axis, item) in items.enumerated().dropFirst() {
            guard case .integer(let size) = item, size >= 1 else {
                throw error("InputLayer shape \(shape.text) has \(item.text) on axis \(axis); CNNCalc needs every size but the batch",
                            fix: "give a size of 1 or more")
            }
            sizes.append(size)
        }
        let tensor: TensorShape
        switch sizes.count {
        case 1: tensor = .vector(features: sizes[0])
        case 2: tensor = feedsRecurrentLayer ? .sequence(steps: sizes[0], features: sizes[1]) : .featureMap(spatial: [sizes[1]], channels: sizes[0])
        case 3, 4: tensor = .featureMap(spatial: try SpatialSizes(sizes.dropFirst()), channels: sizes[0])
        default:
            throw error("InputLayer shape \(shape.text) has \(sizes.count) axes besides the batch", fix: "CNNCalc reads 1 to 4 (channels and up to 3 spatial axes)")
        }
        return Input(tensor, layout: .channelsFirst)
    }

    // MARK: - Windows

    /// A map whose channels come first, refusing a sequence: Lasagne reads its axis 1 (the steps) as channels.
    private func checkMapInput() throws(CNNCalcError) {
        if case .sequence? = inputs.first ?? nil {
            throw error("\(call.className) reads axis 1 as channels, but here axis 1 holds the steps of a sequence",
                        fix: "CNNCalc does not follow DimshuffleLayer; analyse the convolutional part on its own")
        }
    }

    private func padding(rank: Int, kernel: [Int], dilation: [Int]) throws(CNNCalcError) -> Padding {
        guard let value = arguments.value("pad") else { return .valid }
        switch value {
        case .string("valid"): return .valid
        case .string("full"):
            return .explicit(zip(kernel, dilation).map { AxisPadding(before: ($0 - 1) * $1, after: ($0 - 1) * $1) })
        case .string("same"):
            return .explicit(kernel.map { AxisPadding(before: $0 / 2, after: $0 / 2) })
        default:
            guard let pads = try arguments.sizes("pad", rank: rank, minimum: 0) else { return .valid }
            if pads.allSatisfy({ $0 == 0 }) { return .valid }
            return .explicit(pads.map { AxisPadding(before: $0, after: $0) })
        }
    }

    private func convolution(rank: Int) throws(CNNCalcError) -> Convolution {
        try checkMapInput()
        guard let filters = try arguments.count("num_filters"), let kernel = try arguments.sizes("filter_size", rank: rank) else {
            throw error("\(call.className) needs num_filters and filter_size", fix: "give both")
        }
        var layer = Convolution(
            filters: filters, kernelSize: kernel, stride: try arguments.sizes("stride", rank: rank) ?? [1],
            padding: try padding(rank: rank, kernel: kernel, dilation: Array(repeating: 1, count: rank)),
            groups: try arguments.count("num_groups") ?? 1, hasBias: arguments.hasBias,
            activation: try arguments.nonlinearity(), spatialRank: rank)
        layer.untiedBias = try arguments.flag("untie_biases") ?? false
        return layer
    }

    private func dilatedConvolution() throws(CNNCalcError) -> Convolution {
        try checkMapInput()
        guard let filters = try arguments.count("num_filters"), let kernel = try arguments.sizes("filter_size", rank: 2) else {
            throw error("DilatedConv2DLayer needs num_filters and filter_size", fix: "give both")
        }
        let dilation = try arguments.sizes("dilation", rank: 2) ?? [1, 1]
        let padding = try padding(rank: 2, kernel: kernel, dilation: dilation)
        guard padding == .valid else { throw error("DilatedConv2DLayer pads only with pad=0", fix: "remove pad, or add a PadLayer before it") }
        var layer = Convolution(filters: filters, kernelSize: kernel, dilation: dilation, hasBias: arguments.hasBias,
                                activation: try arguments.nonlinearity(), spatialRank: 2)
        layer.untiedBias = try arguments.flag("untie_biases") ?? false
        return layer
    }

    private func transposedConvolution() throws(CNNCalcError) -> TransposedConvolution {
        try checkMapInput()
        guard let filters = try arguments.count("num_filters"), let kernel = try arguments.sizes("filter_size", rank: 2) else {
            throw error("\(call.className) needs num_filters and filter_size", fix: "give both")
        }
        let stride = try arguments.sizes("stride", rank: 2) ?? [1, 1]
        let crop: [Int]
        switch arguments.value("crop") {
        case nil, .string("valid")?: crop = [0, 0]
        case .string("full")?: crop = kernel.map { $0 - 1 }
        case .string("same")?: crop = kernel.map { $0 / 2 }
        default: crop = try arguments.sizes("crop", rank: 2, minimum: 0) ?? [0, 0]
        }
        try arguments.refuse("untie_biases", when: try arguments.flag("untie_biases") == true, because: "is not read for transposed convolutions")
        var outputPadding: [Int]?
        if let wanted = try arguments.sizes("output_size", rank: 2), case .featureMap(let spatial, _)? = inputs.first ?? nil, spatial.count == 2 {
            let natural = (0..<2).map { (spatial[$0] - 1) * stride[$0] - 2 * crop[$0] + kernel[$0] }
            let extra = zip(wanted, natural).map { $0 - $1 }
            guard extra.allSatisfy({ $0 >= 0 }) && zip(extra, stride).allSatisfy({ $0 < $1 }) else {
                throw error("output_size \(wanted.map(String.init).joined(separator: "x")) cannot come from this input (without it: \(natural.map(String.init).joined(separator: "x")))",
                            fix: "give an output_size at most stride-1 larger than \(natural.map(String.init).joined(separator: "x"))")
            }
            outputPadding = extra
        }
        return TransposedConvolution(
            filters: filters, kernelSize: kernel, stride: stride,
            padding: .explicit(crop.map { AxisPadding(before: $0, after: $0) }), outputPadding: outputPadding,
            hasBias: arguments.hasBias, activation: try arguments.nonlinearity(), spatialRank: 2)
    }

    private func pooling(rank: Int) throws(CNNCalcError) -> Pooling {
        try checkMapInput()
        guard let size = try arguments.sizes("pool_size", rank: rank) else { throw error("\(call.className) needs pool_size", fix: "give pool_size=2") }
        let stride = try arguments.sizes("stride", rank: rank)
        let pads = try arguments.sizes("pad", rank: rank, minimum: 0) ?? Array(repeating: 0, count: rank)
        let keepsBorder = !(try arguments.flag("ignore_border") ?? (call.className != "MaxPool2DCCLayer"))
        if keepsBorder && pads.contains(where: { $0 != 0 }) {
            throw error("\(call.className) pads only with ignore_border=True", fix: "set ignore_border=True or remove pad")
        }
        var mode: Pooling.Mode = .max
        if let written = try arguments.choice("mode", among: ["max", "average_inc_pad", "average_exc_pad"]) {
            mode = written == "max" ? .max : .average
        }
        let padding: Padding = pads.allSatisfy { $0 == 0 } ? .valid : .explicit(pads.map { AxisPadding(before: $0, after: $0) })
        return Pooling(mode, poolSize: size, stride: stride, padding: padding, ceilMode: keepsBorder, spatialRank: rank)
    }

    private func globalPooling() throws(CNNCalcError) -> GlobalPooling {
        if case .sequence? = inputs.first ?? nil {
            throw error("GlobalPoolLayer pools Lasagne's axes 2 and up, which here are the features of a sequence",
                        fix: "CNNCalc does not follow this; pool a feature map")
        }
        switch arguments.value("pool_function")?.symbolName {
        case nil, "mean": return GlobalPooling(.average)
        case "max": return GlobalPooling(.max)
        case let other?: throw error("GlobalPoolLayer pool_function \(other) is not read", fix: "use theano.tensor.mean or theano.tensor.max")
        }
    }

    // MARK: - Dense

    private func dense() throws(CNNCalcError) -> Dense {
        guard let units = try arguments.count("num_units") else { throw error("DenseLayer needs num_units", fix: "give num_units=256") }
        let leading = try arguments.count("num_leading_axes") ?? 1
        guard leading == 1 else { throw error("DenseLayer num_leading_axes=\(leading) is not read", fix: "use the default 1, which flattens each example") }
        var layer = Dense(units: units, hasBias: arguments.hasBias, activation: try arguments.nonlinearity(), flattensInput: true)
        layer.flattensSequences = true
        return layer
    }

    /// `NINLayer`: a dense layer applied at every position, which is a 1x1 convolution.
    private func networkInNetwork() throws(CNNCalcError) -> Convolution {
        try checkMapInput()
        guard let units = try arguments.count("num_units") else { throw error("NINLayer needs num_units", fix: "give num_units=64") }
        var layer = Convolution(filters: units, kernelSize: [1], hasBias: arguments.hasBias, activation: try arguments.nonlinearity())
        layer.untiedBias = try arguments.flag("untie_biases") ?? false
        return layer
    }

    // MARK: - Shapes and merges

    private func reshape() throws(CNNCalcError) -> Reshape {
        guard let target = arguments.value("shape"), let items = target.items, items.count >= 2 else {
            throw error("ReshapeLayer shape is \(arguments.value("shape")?.text ?? "missing")", fix: "give the batch and the new sizes, e.g. shape=([0], -1)")
        }
        let arriving = (inputs.first ?? nil).map { $0.dimensions(in: .channelsFirst) }
        var sizes: [Int] = []
        for (axis, item) in items.enumerated().dropFirst() {
            switch item {
            case .integer(let size) where size >= 1 || size == -1:
                sizes.append(size)
            case .list(let reference) where reference.count == 1:
                guard case .integer(let source)? = reference.first, source >= 1 else {
                    throw error("ReshapeLayer [\(reference.first?.text ?? "")] on axis \(axis) refers to the batch or to no axis", fix: "refer to an axis of 1 or more")
                }
                guard let arriving else {
                    throw error("ReshapeLayer [\(source)] refers to an input size that is not known", fix: "fix the layer before it first")
                }
                guard source <= arriving.count else {
                    throw error("ReshapeLayer [\(source)] refers to axis \(source), but the input has \(arriving.count + 1) axes with the batch",
                                fix: "refer to an axis from 1 to \(arriving.count)")
                }
                sizes.append(arriving[source - 1])
            default:
                throw error("ReshapeLayer shape \(target.text) has \(item.text) on axis \(axis)", fix: "give sizes, -1, or [i] for input axis i")
            }
        }
        var layer = Reshape(sizes, layout: .channelsFirst)
        layer.readsTwoAxesAsMap = !feedsRecurrentLayer
        return layer
    }

    private func concatenationAxis() throws(CNNCalcError) -> Concatenate.Axis {
        var axis = 1
        if let value = arguments.value("axis") {
            guard case .integer(let written) = value else { throw error("ConcatLayer axis is \(value.text)", fix: "give an axis number") }
            axis = written
        }
        guard let shape = inputs.first ?? nil else { return .channels }
        let rank = shape.dimensions(in: .channelsFirst).count
        if axis < 0 { axis += rank + 1 }
        guard (1...rank).contains(axis) else {
            throw error("ConcatLayer axis \(axis) is the batch or outside the \(rank + 1) axes", fix: "concatenate along axis 1 (channels) or a spatial axis")
        }
        switch shape {
        case .sequence: return axis == 1 ? .steps : .channels
        case .vector: return .channels
        case .featureMap(let spatial, _):
            if axis == 1 { return .channels }
            let names: [Concatenate.Axis] = switch spatial.count {
            case 1: [.length]
            case 2: [.height, .width]
            default: [.depth, .height, .width]
            }
            return names[axis - 2]
        }
    }

    private func elementwiseMerge() throws(CNNCalcError) -> LayerKind {
        switch arguments.value("merge_function")?.symbolName {
        case "add": return .add(Add())
        case "sub": return .elementwise(ElementwiseMerge(.subtract))
        case "mul": return .elementwise(ElementwiseMerge(.multiply))
        case "maximum": return .elementwise(ElementwiseMerge(.maximum))
        case "minimum": return .elementwise(ElementwiseMerge(.minimum))
        case let other:
            throw error("ElemwiseMergeLayer merge_function \(other ?? "?") is not read", fix: "use theano.tensor.add, sub, mul, maximum or minimum")
        }
    }

    private func padLayer() throws(CNNCalcError) -> ZeroPadding {
        let batchAxes = try arguments.count("batch_ndim") ?? 2
        guard batchAxes == 2 else { throw error("PadLayer batch_ndim=\(batchAxes) is not read", fix: "use the default 2: pad the spatial axes") }
        guard let shape = inputs.first ?? nil, case .featureMap(let spatial, _) = shape else {
            throw error("PadLayer pads the spatial axes of a feature map", fix: "put it after a convolutional layer")
        }
        let rank = spatial.count
        guard let width = arguments.value("width") else { throw error("PadLayer needs width", fix: "give width=1") }
        if case .integer(let each) = width, each >= 0 {
            return ZeroPadding(Array(repeating: AxisPadding(before: each, after: each), count: rank), spatialRank: rank)
        }
        guard let items = width.items, items.count == rank else {
            throw error("PadLayer width \(width.text) does not give one width per spatial axis (\(rank))", fix: "give one number, or one per axis")
        }
        var sides: [AxisPadding] = []
        for item in items {
            if case .integer(let each) = item, each >= 0 {
                sides.append(AxisPadding(before: each, after: each))
            } else if let pair = item.items, pair.count == 2, case .integer(let before) = pair[0], case .integer(let after) = pair[1], before >= 0, after >= 0 {
                sides.append(AxisPadding(before: before, after: after))
            } else {
                throw error("PadLayer width has \(item.text)", fix: "give whole numbers, or (before, after) pairs")
            }
        }
        return ZeroPadding(sides, spatialRank: rank)
    }

    // MARK: - Recurrent

    /// Lasagne's GRU applies the reset gate to the recurrent product, as `resetsAfter` does.
    private func recurrent() throws(CNNCalcError) -> Recurrent {
        guard let units = try arguments.count("num_units") else { throw error("\(call.className) needs num_units", fix: "give num_units=128") }
        try arguments.refuse("learn_init", when: try arguments.flag("learn_init") == true,
                             because: "=True makes the initial state trainable, which CNNCalc does not count")
        if call.className == "LSTMLayer" {
            try arguments.refuse("peepholes", when: try arguments.flag("peepholes") == false,
                                 because: "=False removes the peephole weights, which CNNCalc always counts for Lasagne")
        }
        let cell: Recurrent.Cell = switch call.className {
        case "LSTMLayer": .lstm
        case "GRULayer": .gru
        default: .simple
        }
        return Recurrent(cell, units: units, returnsSequences: !(try arguments.flag("only_return_final") ?? false),
                         hasBias: call.className != "RecurrentLayer" || arguments.hasBias, resetsAfter: true)
    }
}
