import CNNCalcCore

/// The families a diagram colours layers by, one colour and one legend entry each.
public enum LayerCategory: String, CaseIterable, Hashable, Sendable {
    /// The network's inputs.
    case input
    /// Convolutions: plain, transposed, depthwise, separable.
    case convolution
    /// Fully connected layers and embeddings.
    case dense
    /// Pooling over windows, globally or to a size.
    case pooling
    /// Batch, layer, group, instance and local response normalization.
    case normalization
    /// Elementwise activations, PReLU included.
    case activation
    /// Layers that join branches: add, concatenate, the other elementwise merges, matmul.
    case merge
    /// Recurrent, attention and transformer layers.
    case sequence
    /// Layers that move values without arithmetic: flatten, reshape, permute, padding, resampling.
    case reshaping
    /// Dropout.
    case dropout
    /// Imported operators CNNCalc has no formula for.
    case other

    /// The category of `kind`.
    public init(_ kind: LayerKind) {
        switch kind {
        case .input: self = .input
        case .convolution, .transposedConvolution, .depthwiseConvolution, .separableConvolution: self = .convolution
        case .dense, .embedding, .classToken, .positionEmbedding: self = .dense
        case .pooling, .globalPooling, .adaptivePooling: self = .pooling
        case .batchNormalization, .layerNormalization, .groupNormalization, .instanceNormalization, .localResponseNormalization,
            .layerScale, .standardization:
            self = .normalization
        case .activation, .prelu: self = .activation
        case .add, .concatenate, .elementwise, .matrixProduct: self = .merge
        case .recurrent, .multiHeadAttention, .transformerEncoder: self = .sequence
        case .flatten, .reshape, .permute, .squeeze, .unsqueeze, .upsampling, .zeroPadding, .cropping, .spaceToDepth,
            .depthToSpace, .channelSplit, .channelShuffle, .selectStep:
            self = .reshaping
        case .dropout: self = .dropout
        case .opaque, .lossOutput: self = .other
        case .timeDistributed(let layer): self = LayerCategory(layer.layer)
        }
    }

    /// The legend's words for the category.
    public var title: String {
        switch self {
        case .input: "input"
        case .convolution: "convolution"
        case .dense: "dense, embedding"
        case .pooling: "pooling"
        case .normalization: "normalization"
        case .activation: "activation"
        case .merge: "merge (add, concat, ...)"
        case .sequence: "recurrent, attention"
        case .reshaping: "reshape, resample, pad"
        case .dropout: "dropout"
        case .other: "other operator"
        }
    }

    /// The fill colour of its blocks, light enough for dark text.
    public var fill: String {
        switch self {
        case .input: "#d9d9d9"
        case .convolution: "#8ecae6"
        case .dense: "#ffb703"
        case .pooling: "#b5e48c"
        case .normalization: "#cdb4db"
        case .activation: "#ffd6a5"
        case .merge: "#f28482"
        case .sequence: "#a0c4ff"
        case .reshaping: "#e9edc9"
        case .dropout: "#f1f1f1"
        case .other: "#c9ada7"
        }
    }

    /// The stroke colour of its blocks.
    public var stroke: String {
        switch self {
        case .input: "#6c6c6c"
        case .convolution: "#1d6f8f"
        case .dense: "#9a6b00"
        case .pooling: "#4f7a2a"
        case .normalization: "#6d4c80"
        case .activation: "#a86a1e"
        case .merge: "#a3312e"
        case .sequence: "#3a5a99"
        case .reshaping: "#7d8450"
        case .dropout: "#8a8a8a"
        case .other: "#6e5753"
        }
    }
}
