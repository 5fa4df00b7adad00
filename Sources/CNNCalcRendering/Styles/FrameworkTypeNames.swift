import CNNCalcCore

/// The names Keras, PyTorch and MATLAB give the class of a layer, for the tables that mirror
/// their summaries: `Conv2D`, `Conv2d`, `2-D Convolution`.
///
/// A name depends on the layer's kind and on how many spatial axes its input has (`rank`): a
/// convolution over a 1-D map is `Conv1D` in Keras. Kinds a framework has no class for get the
/// nearest one (an `identity` is `Identity` in PyTorch and `Activation` in Keras).
enum FrameworkTypeNames {
    /// The Keras 3 class: `Conv2D`, `MaxPooling2D`, `Dense`, `InputLayer`.
    static func keras(_ kind: LayerKind, rank: Int) -> String {
        let dimensions = "\(max(1, min(rank, 3)))D"
        switch kind {
        case .input: return "InputLayer"
        case .convolution: return "Conv" + dimensions
        case .transposedConvolution: return "Conv\(dimensions)Transpose"
        case .depthwiseConvolution: return "DepthwiseConv" + dimensions
        case .separableConvolution: return "SeparableConv" + dimensions
        case .pooling(let layer): return (layer.mode == .max ? "MaxPooling" : "AveragePooling") + dimensions
        case .globalPooling(let layer): return (layer.mode == .max ? "GlobalMaxPooling" : "GlobalAveragePooling") + dimensions
        case .adaptivePooling(let layer): return (layer.mode == .max ? "AdaptiveMaxPooling" : "AdaptiveAveragePooling") + dimensions
        case .dense: return "Dense"
        case .flatten: return "Flatten"
        case .dropout: return "Dropout"
        case .activation(let layer):
            switch layer.function {
            case .relu: return "ReLU"
            case .softmax: return "Softmax"
            case .leakyReLU: return "LeakyReLU"
            case .elu: return "ELU"
            default: return "Activation"
            }
        case .prelu: return "PReLU"
        case .batchNormalization: return "BatchNormalization"
        case .layerNormalization: return "LayerNormalization"
        case .groupNormalization: return "GroupNormalization"
        case .add: return "Add"
        case .concatenate: return "Concatenate"
        case .elementwise(let layer):
            return switch layer.operation {
            case .subtract: "Subtract"
            case .multiply: "Multiply"
            case .average: "Average"
            case .maximum: "Maximum"
            case .minimum: "Minimum"
            }
        case .matrixProduct: return "Dot"
        case .embedding: return "Embedding"
        case .recurrent(let layer):
            let name = switch layer.cell {
            case .simple: "SimpleRNN"
            case .lstm: "LSTM"
            case .gru: "GRU"
            }
            return layer.isBidirectional ? "Bidirectional" : name
        case .multiHeadAttention: return "MultiHeadAttention"
        case .upsampling: return "UpSampling" + dimensions
        case .zeroPadding: return "ZeroPadding" + dimensions
        case .cropping: return "Cropping" + dimensions
        case .reshape: return "Reshape"
        case .permute: return "Permute"
        case .timeDistributed: return "TimeDistributed"
        default: return "Layer"
        }
    }

    /// The PyTorch module: `Conv2d`, `MaxPool2d`, `Linear`; `nil` for what PyTorch writes as a
    /// function in `forward` rather than a module (the input, merges, reshapes), which
    /// torchinfo does not list.
    static func pytorch(_ kind: LayerKind, rank: Int) -> String? {
        let dimensions = "\(max(1, min(rank, 3)))d"
        switch kind {
        case .input, .add, .concatenate, .elementwise, .matrixProduct, .reshape, .permute, .squeeze, .unsqueeze,
             .channelSplit, .lossOutput:
            return nil
        case .convolution, .depthwiseConvolution: return "Conv" + dimensions
        case .transposedConvolution: return "ConvTranspose" + dimensions
        case .pooling(let layer): return (layer.mode == .max ? "MaxPool" : "AvgPool") + dimensions
        case .globalPooling(let layer): return (layer.mode == .max ? "AdaptiveMaxPool" : "AdaptiveAvgPool") + dimensions
        case .adaptivePooling(let layer): return (layer.mode == .max ? "AdaptiveMaxPool" : "AdaptiveAvgPool") + dimensions
        case .dense: return "Linear"
        case .flatten: return "Flatten"
        case .dropout: return "Dropout"
        case .activation(let layer):
            return switch layer.function {
            case .relu: "ReLU"
            case .sigmoid: "Sigmoid"
            case .tanh: "Tanh"
            case .softmax: "Softmax"
            case .leakyReLU: "LeakyReLU"
            case .elu: "ELU"
            case .gelu: "GELU"
            case .linear: "Identity"
            case .relu6: "ReLU6"
            case .hardSigmoid: "Hardsigmoid"
            case .logSoftmax: "LogSoftmax"
            case .selu: "SELU"
            case .silu: "SiLU"
            case .hardSwish: "Hardswish"
            case .mish: "Mish"
            case .softplus: "Softplus"
            case .clippedReLU: "Hardtanh"
            }
        case .prelu: return "PReLU"
        case .batchNormalization: return "BatchNorm" + dimensions
        case .layerNormalization: return "LayerNorm"
        case .groupNormalization: return "GroupNorm"
        case .instanceNormalization: return "InstanceNorm" + dimensions
        case .localResponseNormalization: return "LocalResponseNorm"
        case .embedding: return "Embedding"
        case .recurrent(let layer):
            return switch layer.cell {
            case .simple: "RNN"
            case .lstm: "LSTM"
            case .gru: "GRU"
            }
        case .multiHeadAttention: return "MultiheadAttention"
        case .transformerEncoder: return "TransformerEncoderLayer"
        case .upsampling: return "Upsample"
        case .zeroPadding: return "ZeroPad" + dimensions
        case .spaceToDepth: return "PixelUnshuffle"
        case .depthToSpace: return "PixelShuffle"
        case .channelShuffle: return "ChannelShuffle"
        case .separableConvolution: return "Sequential"
        default: return "Module"
        }
    }

    /// MATLAB's layer type, as `analyzeNetwork` lists it: `2-D Convolution`, `Fully Connected`.
    static func matlab(_ kind: LayerKind, rank: Int, output: TensorShape) -> String {
        let dimensions = "\(max(1, min(rank, 3)))-D "
        switch kind {
        case .input:
            return switch output {
            case .featureMap(let spatial, _): spatial.count == 3 ? "3-D Image Input" : "Image Input"
            case .sequence: "Sequence Input"
            case .vector: "Feature Input"
            }
        case .convolution(let layer) where layer.groups > 1: return dimensions + "Grouped Convolution"
        case .convolution, .depthwiseConvolution: return dimensions + "Convolution"
        case .transposedConvolution: return dimensions + "Transposed Convolution"
        case .pooling(let layer): return dimensions + (layer.mode == .max ? "Max Pooling" : "Average Pooling")
        case .globalPooling(let layer): return dimensions + (layer.mode == .max ? "Global Max Pooling" : "Global Average Pooling")
        case .adaptivePooling(let layer): return dimensions + (layer.mode == .max ? "Adaptive Max Pooling" : "Adaptive Average Pooling")
        case .dense: return "Fully Connected"
        case .flatten: return "Flatten"
        case .dropout: return "Dropout"
        case .activation(let layer):
            return switch layer.function {
            case .relu: "ReLU"
            case .sigmoid: "Sigmoid"
            case .tanh: "Tanh"
            case .softmax: "Softmax"
            case .leakyReLU: "Leaky ReLU"
            case .elu: "ELU"
            case .gelu: "GELU"
            case .clippedReLU: "Clipped ReLU"
            case .silu: "Swish"
            default: layer.kindName
            }
        case .prelu: return "PReLU"
        case .batchNormalization: return "Batch Normalization"
        case .layerNormalization: return "Layer Normalization"
        case .groupNormalization: return "Group Normalization"
        case .instanceNormalization: return "Instance Normalization"
        case .localResponseNormalization: return "Cross Channel Normalization"
        case .add: return "Addition"
        case .concatenate(let layer): return layer.axis == .channels ? "Depth concatenation" : "Concatenation"
        case .elementwise(let layer): return layer.operation == .multiply ? "Multiplication" : layer.kindName
        case .embedding: return "Word Embedding"
        case .recurrent(let layer):
            let name = switch layer.cell {
            case .simple: "RNN"
            case .lstm: "LSTM"
            case .gru: "GRU"
            }
            return layer.isBidirectional ? "Bi\(name)" : name
        case .multiHeadAttention: return "Self-Attention"
        case .lossOutput(let layer): return layer.loss == .crossEntropy ? "Classification Output" : "Regression Output"
        case .upsampling: return "Resize"
        default: return kind.kindName
        }
    }
}
