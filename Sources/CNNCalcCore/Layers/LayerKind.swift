/// Every kind of layer CNNCalc knows, as one exhaustive enum.
///
/// Each case wraps the configuration struct of its family, which documents its formulas.
/// Code that needs to treat a kind specially switches over this enum, so adding a kind
/// makes the compiler point at every place that must learn about it.
public enum LayerKind: Hashable, Sendable {
    /// The network's input.
    case input(Input)
    /// A 1-D, 2-D or 3-D convolution.
    case convolution(Convolution)
    /// Max or average pooling over windows.
    case pooling(Pooling)
    /// Max or average pooling over all positions.
    case globalPooling(GlobalPooling)
    /// A fully connected layer.
    case dense(Dense)
    /// Flattening into a vector.
    case flatten(Flatten)
    /// Dropout.
    case dropout(Dropout)
    /// An elementwise activation.
    case activation(Activation)
    /// Batch normalization.
    case batchNormalization(BatchNormalization)
    /// Elementwise sum of branches.
    case add(Add)
    /// Concatenation of branches along one axis.
    case concatenate(Concatenate)
    /// A table of token vectors.
    case embedding(Embedding)
    /// A simple RNN, LSTM or GRU.
    case recurrent(Recurrent)
    /// Multi-head attention.
    case multiHeadAttention(MultiHeadAttention)
    /// A transformer encoder block.
    case transformerEncoder(TransformerEncoder)
    /// Elementwise difference, product, mean, maximum or minimum of branches.
    case elementwise(ElementwiseMerge)
    /// The matrix product of two sequences.
    case matrixProduct(MatrixProduct)
    /// A transposed convolution.
    case transposedConvolution(TransposedConvolution)
    /// A depthwise convolution.
    case depthwiseConvolution(DepthwiseConvolution)
    /// A depthwise-then-pointwise separable convolution.
    case separableConvolution(SeparableConvolution)
    /// Upsampling by a factor or to a size.
    case upsampling(Upsampling)
    /// Zero padding around the spatial axes.
    case zeroPadding(ZeroPadding)
    /// Cropping of the spatial axes.
    case cropping(Cropping)
    /// Max or average pooling to a given output size.
    case adaptivePooling(AdaptivePooling)
    /// Space to depth (pixel unshuffle).
    case spaceToDepth(SpaceToDepth)
    /// Depth to space (pixel shuffle).
    case depthToSpace(DepthToSpace)
    /// A new shape for the same values.
    case reshape(Reshape)
    /// A new order of the axes.
    case permute(Permute)
    /// Removal of axes of size 1.
    case squeeze(Squeeze)
    /// Insertion of an axis of size 1.
    case unsqueeze(Unsqueeze)
    /// Layer normalization.
    case layerNormalization(LayerNormalization)
    /// Group normalization.
    case groupNormalization(GroupNormalization)
    /// Instance normalization.
    case instanceNormalization(InstanceNormalization)
    /// Local response normalization across channels.
    case localResponseNormalization(LocalResponseNormalization)
    /// A parametric ReLU with learned slopes.
    case prelu(PReLU)
    /// A learned scale per channel (ConvNeXt's layer scale).
    case layerScale(LayerScale)
    /// One equal slice of the channels (ShuffleNet v2's channel split).
    case channelSplit(ChannelSplit)
    /// The channels interleaved across groups (ShuffleNet's channel shuffle).
    case channelShuffle(ChannelShuffle)
    /// An imported operator CNNCalc has no formula for; its shape and tensors come from the source.
    case opaque(OpaqueOperator)
    /// Standardization with stored statistics (Keras' `Normalization`).
    case standardization(Standardization)
    /// A layer applied to every step of its input (Keras' `TimeDistributed`).
    indirect case timeDistributed(TimeDistributed)
    /// A training loss at the end of the network (MATLAB's output layers).
    case lossOutput(LossOutput)
    /// A learned token put in front of a sequence (a Vision Transformer's class token).
    case classToken(ClassToken)
    /// A learned vector per step added to a sequence (a Vision Transformer's position embedding).
    case positionEmbedding(PositionEmbedding)
    /// One step of a sequence, `x[:, index]`.
    case selectStep(SelectStep)

    /// The configuration of the layer, through the behaviour every kind shares.
    public var behavior: any LayerBehavior {
        accept(BehaviorVisitor())
    }

    /// Calls `visitor` with the configuration of the layer, as its concrete type: the compiler
    /// specializes the call for every family, so nothing is boxed on the way (unlike ``behavior``,
    /// whose existential holds a large configuration on the heap).
    func accept<Visitor: LayerVisitor>(_ visitor: Visitor) throws(Visitor.Failure) -> Visitor.Result {
        switch self {
        case .input(let layer): try visitor.visit(layer)
        case .convolution(let layer): try visitor.visit(layer)
        case .pooling(let layer): try visitor.visit(layer)
        case .globalPooling(let layer): try visitor.visit(layer)
        case .dense(let layer): try visitor.visit(layer)
        case .flatten(let layer): try visitor.visit(layer)
        case .dropout(let layer): try visitor.visit(layer)
        case .activation(let layer): try visitor.visit(layer)
        case .batchNormalization(let layer): try visitor.visit(layer)
        case .add(let layer): try visitor.visit(layer)
        case .concatenate(let layer): try visitor.visit(layer)
        case .embedding(let layer): try visitor.visit(layer)
        case .recurrent(let layer): try visitor.visit(layer)
        case .multiHeadAttention(let layer): try visitor.visit(layer)
        case .transformerEncoder(let layer): try visitor.visit(layer)
        case .elementwise(let layer): try visitor.visit(layer)
        case .matrixProduct(let layer): try visitor.visit(layer)
        case .transposedConvolution(let layer): try visitor.visit(layer)
        case .depthwiseConvolution(let layer): try visitor.visit(layer)
        case .separableConvolution(let layer): try visitor.visit(layer)
        case .upsampling(let layer): try visitor.visit(layer)
        case .zeroPadding(let layer): try visitor.visit(layer)
        case .cropping(let layer): try visitor.visit(layer)
        case .adaptivePooling(let layer): try visitor.visit(layer)
        case .spaceToDepth(let layer): try visitor.visit(layer)
        case .depthToSpace(let layer): try visitor.visit(layer)
        case .reshape(let layer): try visitor.visit(layer)
        case .permute(let layer): try visitor.visit(layer)
        case .squeeze(let layer): try visitor.visit(layer)
        case .unsqueeze(let layer): try visitor.visit(layer)
        case .layerNormalization(let layer): try visitor.visit(layer)
        case .groupNormalization(let layer): try visitor.visit(layer)
        case .instanceNormalization(let layer): try visitor.visit(layer)
        case .localResponseNormalization(let layer): try visitor.visit(layer)
        case .prelu(let layer): try visitor.visit(layer)
        case .layerScale(let layer): try visitor.visit(layer)
        case .channelSplit(let layer): try visitor.visit(layer)
        case .channelShuffle(let layer): try visitor.visit(layer)
        case .opaque(let layer): try visitor.visit(layer)
        case .standardization(let layer): try visitor.visit(layer)
        case .timeDistributed(let layer): try visitor.visit(layer)
        case .lossOutput(let layer): try visitor.visit(layer)
        case .classToken(let layer): try visitor.visit(layer)
        case .positionEmbedding(let layer): try visitor.visit(layer)
        case .selectStep(let layer): try visitor.visit(layer)
        }
    }

    /// The `.cnn` keyword of the kind.
    public var kindName: String { accept(KindNameVisitor()) }

    /// How many inputs the kind takes.
    public var arity: LayerArity { accept(ArityVisitor()) }

    /// The output shape for the given inputs. See each family for its formula.
    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        switch self {
        case .input(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .convolution(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .pooling(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .globalPooling(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .dense(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .flatten(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .dropout(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .activation(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .batchNormalization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .add(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .concatenate(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .embedding(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .recurrent(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .multiHeadAttention(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .transformerEncoder(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .elementwise(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .matrixProduct(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .transposedConvolution(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .depthwiseConvolution(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .separableConvolution(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .upsampling(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .zeroPadding(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .cropping(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .adaptivePooling(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .spaceToDepth(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .depthToSpace(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .reshape(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .permute(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .squeeze(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .unsqueeze(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .layerNormalization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .groupNormalization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .instanceNormalization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .localResponseNormalization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .prelu(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .layerScale(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .channelSplit(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .channelShuffle(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .opaque(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .standardization(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .timeDistributed(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .lossOutput(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .classToken(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .positionEmbedding(let layer): try layer.outputShape(for: inputs, layout: layout)
        case .selectStep(let layer): try layer.outputShape(for: inputs, layout: layout)
        }
    }

    /// The learnables for the given inputs, in `convention`. See each family for its formula.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        switch self {
        case .convolution(let layer): try layer.learnables(for: inputs, convention: convention)
        case .dense(let layer): try layer.learnables(for: inputs, convention: convention)
        case .batchNormalization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .input, .pooling, .globalPooling, .flatten, .dropout, .activation, .add, .concatenate: []
        case .embedding(let layer): try layer.learnables(for: inputs, convention: convention)
        case .recurrent(let layer): try layer.learnables(for: inputs, convention: convention)
        case .multiHeadAttention(let layer): try layer.learnables(for: inputs, convention: convention)
        case .transformerEncoder(let layer): try layer.learnables(for: inputs, convention: convention)
        case .elementwise, .matrixProduct: []
        case .transposedConvolution(let layer): try layer.learnables(for: inputs, convention: convention)
        case .depthwiseConvolution(let layer): try layer.learnables(for: inputs, convention: convention)
        case .separableConvolution(let layer): try layer.learnables(for: inputs, convention: convention)
        case .upsampling(let layer): try layer.learnables(for: inputs, convention: convention)
        case .zeroPadding(let layer): try layer.learnables(for: inputs, convention: convention)
        case .cropping(let layer): try layer.learnables(for: inputs, convention: convention)
        case .adaptivePooling(let layer): try layer.learnables(for: inputs, convention: convention)
        case .spaceToDepth(let layer): try layer.learnables(for: inputs, convention: convention)
        case .depthToSpace(let layer): try layer.learnables(for: inputs, convention: convention)
        case .reshape(let layer): try layer.learnables(for: inputs, convention: convention)
        case .permute(let layer): try layer.learnables(for: inputs, convention: convention)
        case .squeeze(let layer): try layer.learnables(for: inputs, convention: convention)
        case .unsqueeze(let layer): try layer.learnables(for: inputs, convention: convention)
        case .layerNormalization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .groupNormalization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .instanceNormalization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .localResponseNormalization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .prelu(let layer): try layer.learnables(for: inputs, convention: convention)
        case .layerScale(let layer): try layer.learnables(for: inputs, convention: convention)
        case .channelSplit(let layer): try layer.learnables(for: inputs, convention: convention)
        case .channelShuffle(let layer): try layer.learnables(for: inputs, convention: convention)
        case .opaque(let layer): try layer.learnables(for: inputs, convention: convention)
        case .standardization(let layer): try layer.learnables(for: inputs, convention: convention)
        case .timeDistributed(let layer): try layer.learnables(for: inputs, convention: convention)
        case .lossOutput, .selectStep: []
        case .classToken(let layer): try layer.learnables(for: inputs, convention: convention)
        case .positionEmbedding(let layer): try layer.learnables(for: inputs, convention: convention)
        }
    }

    /// The arithmetic of one example, or `nil` when it cannot be computed. See ``Cost``.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try accept(CostVisitor(inputs: inputs, output: output))
    }

    /// How torchinfo counts this layer's mult-adds.
    public var torchinfoRule: TorchinfoRule { accept(TorchinfoRuleVisitor()) }

    /// The output shape, with the per-axis windows of a convolution or pooling computed on the way
    /// (`nil` for the other kinds: ask ``axes(for:layout:)``). The shape is the one of
    /// ``outputShape(for:layout:)`` and the windows those of ``axes(for:layout:)``, computed once.
    public func outputShapeAndAxes(
        for inputs: [TensorShape], layout: Layout
    ) throws(CNNCalcError) -> (output: TensorShape, axes: [AxisOutput]?) {
        switch self {
        case .convolution(let layer):
            let axes = try layer.axes(for: inputs[0], layout: layout)
            return (layer.outputShape(for: inputs[0], axes: axes), axes)
        case .pooling(let layer):
            let axes = try layer.axes(for: inputs[0], layout: layout)
            return (layer.outputShape(for: inputs[0], axes: axes), axes)
        case .depthwiseConvolution(let layer):
            let axes = try layer.axes(for: inputs[0], layout: layout)
            return (try layer.outputShape(for: inputs[0], axes: axes), axes)
        case .separableConvolution(let layer):
            let axes = try layer.axes(for: inputs[0], layout: layout)
            return (layer.outputShape(for: inputs[0], axes: axes), axes)
        default:
            return (try outputShape(for: inputs, layout: layout), nil)
        }
    }

    /// The per-axis windows of a convolution or pooling, empty for other kinds.
    public func axes(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> [AxisOutput] {
        switch self {
        case .convolution(let layer): try layer.axes(for: inputs[0], layout: layout)
        case .pooling(let layer): try layer.axes(for: inputs[0], layout: layout)
        case .depthwiseConvolution(let layer): try layer.axes(for: inputs[0], layout: layout)
        case .separableConvolution(let layer): try layer.axes(for: inputs[0], layout: layout)
        case .timeDistributed(let layer): try layer.axes(for: inputs[0], layout: layout)
        default: []
        }
    }
}

/// An operation on a layer's configuration, specialized for each family by ``LayerKind/accept(_:)``.
protocol LayerVisitor {
    associatedtype Result
    associatedtype Failure: Error
    func visit<Family: LayerBehavior>(_ layer: Family) throws(Failure) -> Result
}

private struct BehaviorVisitor: LayerVisitor {
    typealias Failure = Never
    func visit<Family: LayerBehavior>(_ layer: Family) -> any LayerBehavior { layer }
}

private struct KindNameVisitor: LayerVisitor {
    typealias Failure = Never
    func visit<Family: LayerBehavior>(_ layer: Family) -> String { layer.kindName }
}

private struct ArityVisitor: LayerVisitor {
    typealias Failure = Never
    func visit<Family: LayerBehavior>(_ layer: Family) -> LayerArity { layer.arity }
}

private struct TorchinfoRuleVisitor: LayerVisitor {
    typealias Failure = Never
    func visit<Family: LayerBehavior>(_ layer: Family) -> TorchinfoRule { layer.torchinfoRule }
}

private struct CostVisitor: LayerVisitor {
    typealias Failure = CNNCalcError
    let inputs: [TensorShape]
    let output: TensorShape
    func visit<Family: LayerBehavior>(_ layer: Family) throws(CNNCalcError) -> Cost? {
        try layer.cost(for: inputs, output: output)
    }
}
