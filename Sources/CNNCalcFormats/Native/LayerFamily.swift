import CNNCalcCore

/// A group of `.cnn` kinds that share their arguments and build the same core layer.
///
/// `conv`, `conv2d` and `Convolution3D` are all ``convolution``; the kind table adds
/// the spatial rank that a numbered spelling implies.
enum LayerFamily: Hashable, Sendable {
    /// `input 28x28x1`.
    case input
    /// `conv 32 5`.
    case convolution
    /// `maxpool 2`.
    case maxPooling
    /// `avgpool 2`.
    case averagePooling
    /// `globalmaxpool`.
    case globalMaxPooling
    /// `globalavgpool`.
    case globalAveragePooling
    /// `dense 256`.
    case dense
    /// `flatten`.
    case flatten
    /// `dropout 0.5`.
    case dropout
    /// `batchnorm`.
    case batchNormalization
    /// An activation without arguments: `relu`, `sigmoid`, `tanh`, `softmax`, `gelu`, `identity`.
    case activation(Activation.Function)
    /// `leakyrelu 0.1`.
    case leakyReLU
    /// `elu 1.0`.
    case elu
    /// `add inputs=a,b`.
    case add
    /// `concat inputs=a,b`.
    case concatenate
    /// `embedding 10000 128`.
    case embedding
    /// `rnn 64`, `lstm 64`, `gru 64`.
    case recurrent(Recurrent.Cell)
    /// `mha 8`.
    case multiHeadAttention
    /// `transformer 8`.
    case transformerEncoder
    /// `subtract inputs=a,b`, `multiply`, `average`, `maximum`, `minimum`.
    case elementwise(ElementwiseMerge.Operation)
    /// `matmul inputs=a,b`.
    case matrixProduct
    /// `deconv 16 3`.
    case transposedConvolution
    /// `depthwiseconv 3`.
    case depthwiseConvolution
    /// `separableconv 64 3`.
    case separableConvolution
    /// `upsample 2`.
    case upsampling
    /// `zeropad 1`.
    case zeroPadding
    /// `crop 1`.
    case cropping
    /// `reshape 7x7x64`.
    case reshape
    /// `permute 2x1`.
    case permute
    /// `squeeze`.
    case squeeze
    /// `unsqueeze axis=1`.
    case unsqueeze
    /// `adaptiveavgpool 1`.
    case adaptiveAveragePooling
    /// `adaptivemaxpool 7`.
    case adaptiveMaxPooling
    /// `spacetodepth 2`.
    case spaceToDepth
    /// `depthtospace 2`.
    case depthToSpace
    /// `layernorm`.
    case layerNormalization
    /// `groupnorm 8`.
    case groupNormalization
    /// `instancenorm`.
    case instanceNormalization
    /// `lrn 5`.
    case localResponseNormalization
    /// `prelu`.
    case prelu
    /// `classtoken`.
    case classToken
    /// `posembedding`.
    case positionEmbedding
    /// `selectstep 0`.
    case selectStep

    /// The documented keyword of the family, e.g. `conv`.
    var name: String {
        switch self {
        case .input: "input"
        case .convolution: "conv"
        case .maxPooling: "maxpool"
        case .averagePooling: "avgpool"
        case .globalMaxPooling: "globalmaxpool"
        case .globalAveragePooling: "globalavgpool"
        case .dense: "dense"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .batchNormalization: "batchnorm"
        case .activation(.linear): "identity"
        case .activation(let function): function.name
        case .leakyReLU: "leakyrelu"
        case .elu: "elu"
        case .add: "add"
        case .concatenate: "concat"
        case .embedding: "embedding"
        case .recurrent(let cell): cell.rawValue
        case .multiHeadAttention: "mha"
        case .transformerEncoder: "transformer"
        case .elementwise(let operation): operation.rawValue
        case .matrixProduct: "matmul"
        case .transposedConvolution: "deconv"
        case .depthwiseConvolution: "depthwiseconv"
        case .separableConvolution: "separableconv"
        case .upsampling: "upsample"
        case .zeroPadding: "zeropad"
        case .cropping: "crop"
        case .reshape: "reshape"
        case .permute: "permute"
        case .squeeze: "squeeze"
        case .unsqueeze: "unsqueeze"
        case .adaptiveAveragePooling: "adaptiveavgpool"
        case .adaptiveMaxPooling: "adaptivemaxpool"
        case .spaceToDepth: "spacetodepth"
        case .depthToSpace: "depthtospace"
        case .layerNormalization: "layernorm"
        case .groupNormalization: "groupnorm"
        case .instanceNormalization: "instancenorm"
        case .localResponseNormalization: "lrn"
        case .prelu: "prelu"
        case .classToken: "classtoken"
        case .positionEmbedding: "posembedding"
        case .selectStep: "selectstep"
        }
    }

    /// The parameters that may be written as values after the kind, in order.
    var valueParameters: [Parameter] {
        switch self {
        case .input: [.shape]
        case .convolution: [.filters, .kernel]
        case .maxPooling, .averagePooling: [.poolSize]
        case .dense: [.units]
        case .dropout: [.rate]
        case .leakyReLU, .elu: [.alpha]
        case .globalMaxPooling, .globalAveragePooling, .flatten, .batchNormalization, .activation, .add, .concatenate: []
        case .embedding: [.vocabulary, .dimension]
        case .recurrent: [.units]
        case .multiHeadAttention, .transformerEncoder: [.heads]
        case .elementwise, .matrixProduct: []
        case .transposedConvolution, .separableConvolution: [.filters, .kernel]
        case .depthwiseConvolution: [.kernel]
        case .upsampling: [.scaleFactor]
        case .zeroPadding: [.padding]
        case .cropping: [.cropping]
        case .reshape: [.targetShape]
        case .permute: [.permutation]
        case .squeeze, .unsqueeze: [.squeezeAxis]
        case .adaptiveAveragePooling, .adaptiveMaxPooling: [.outputSize]
        case .spaceToDepth, .depthToSpace: [.blockSize]
        case .groupNormalization: [.groups]
        case .localResponseNormalization: [.windowSize]
        case .layerNormalization, .instanceNormalization, .prelu: []
        case .classToken, .positionEmbedding: []
        case .selectStep: [.stepIndex]
        }
    }

    /// How many of ``valueParameters`` must be given, as values or as options.
    var requiredCount: Int {
        switch self {
        case .input, .dense, .dropout, .recurrent, .multiHeadAttention, .transformerEncoder: 1
        case .convolution, .embedding: 2
        case .transposedConvolution, .separableConvolution: 2
        case .depthwiseConvolution, .cropping, .reshape, .permute, .unsqueeze, .adaptiveAveragePooling, .adaptiveMaxPooling,
             .spaceToDepth, .depthToSpace, .groupNormalization, .localResponseNormalization: 1
        default: 0
        }
    }

    /// Every parameter the family accepts as `key=value`, `inputs` included.
    var parameters: [Parameter] {
        let options: [Parameter] = switch self {
        case .input: [.layout, .inputKind, .openNames]
        case .convolution: [.stride, .padding, .dilation, .groups, .bias, .activation]
        case .maxPooling, .averagePooling: [.stride, .padding, .ceilMode]
        case .dense: [.bias, .activation, .flatten]
        case .batchNormalization: [.scale, .center, .epsilon, .momentum]
        case .concatenate: [.axis]
        case .recurrent(let cell): [.returnSequences, .bidirectional, .layers, .bias] + (cell == .gru ? [.resetAfter] : [])
        case .multiHeadAttention: [.keyDimension, .valueDimension, .outputDimension, .bias]
        case .transformerEncoder: [.feedForward, .normFirst, .activation, .bias]
        case .matrixProduct: [.transposeB]
        case .globalMaxPooling, .globalAveragePooling: [.keepDimensions]
        case .transposedConvolution: [.stride, .padding, .outputPadding, .dilation, .groups, .bias, .activation]
        case .depthwiseConvolution, .separableConvolution: [.multiplier, .stride, .padding, .dilation, .bias, .activation]
        case .upsampling: [.outputSize, .mode]
        case .reshape: [.layout, .inputKind]
        case .layerNormalization: [.normalizedAxes, .affine, .bias, .epsilon]
        case .groupNormalization, .instanceNormalization: [.affine, .epsilon]
        case .localResponseNormalization: [.alpha, .beta, .k]
        case .prelu: [.slopes]
        default: []
        }
        return valueParameters + options + [.inputs]
    }

    /// The values in words, for messages: "a filter count and a kernel size"; `nil` when it takes none.
    var valuesPhrase: String? {
        switch self {
        case .input: "a shape"
        case .convolution: "a filter count and a kernel size"
        case .maxPooling, .averagePooling: "a pool size"
        case .dense: "a unit count"
        case .dropout: "a rate"
        case .leakyReLU, .elu: "an alpha"
        case .embedding: "a vocabulary size and a dimension"
        case .recurrent: "a unit count"
        case .multiHeadAttention, .transformerEncoder: "a head count"
        case .transposedConvolution, .separableConvolution: "a filter count and a kernel size"
        case .depthwiseConvolution: "a kernel size"
        case .cropping: "a cropping"
        case .reshape: "a target shape"
        case .permute: "an axis order"
        case .unsqueeze: "an axis"
        case .adaptiveAveragePooling, .adaptiveMaxPooling: "an output size"
        case .spaceToDepth, .depthToSpace: "a block size"
        case .groupNormalization: "a group count"
        case .localResponseNormalization: "a window size"
        case .selectStep: "a step index"
        default: nil
        }
    }

    /// Sample statements for messages, written with the kind as the user spelled it.
    func examples(kind: String, spatialRank: Int?) -> [String] {
        let window = Array(repeating: "3", count: spatialRank ?? 2).joined(separator: "x")
        return switch self {
        case .input: ["\(kind) 28x28x1", "\(kind) 1x28x28 layout=chw"]
        case .convolution: ["\(kind) 32 5", "\(kind) 32 \(window)"]
        case .maxPooling, .averagePooling: ["\(kind) 2", "\(kind) \(window) stride=2"]
        case .dense: ["\(kind) 256"]
        case .dropout: ["\(kind) 0.5"]
        case .leakyReLU: ["\(kind) 0.1"]
        case .elu: ["\(kind) 1.0"]
        case .add, .concatenate: ["\(kind) inputs=a,b"]
        case .globalMaxPooling, .globalAveragePooling, .flatten, .batchNormalization, .activation: [kind]
        case .embedding: ["\(kind) 10000 128"]
        case .recurrent: ["\(kind) 64", "\(kind) 64 return_sequences=true"]
        case .multiHeadAttention: ["\(kind) 8", "\(kind) 8 key_dim=64 inputs=q,kv"]
        case .transformerEncoder: ["\(kind) 8", "\(kind) 8 ff=2048"]
        case .elementwise, .matrixProduct: ["\(kind) inputs=a,b"]
        case .transposedConvolution: ["\(kind) 16 3 stride=2", "\(kind) 16 \(window) padding=1"]
        case .depthwiseConvolution: ["\(kind) 3", "\(kind) \(window) multiplier=2"]
        case .separableConvolution: ["\(kind) 64 3", "\(kind) 64 \(window) padding=same"]
        case .upsampling: ["\(kind) 2", "\(kind) size=56x56 mode=bilinear"]
        case .zeroPadding: ["\(kind) 1", "\(kind) 1:2x0:1"]
        case .cropping: ["\(kind) 1", "\(kind) 1:2x0:1"]
        case .reshape: ["\(kind) 7x7x64", "\(kind) -1x64"]
        case .permute: ["\(kind) 2x1", "\(kind) 2x1x3"]
        case .squeeze: [kind, "\(kind) axis=1"]
        case .unsqueeze: ["\(kind) axis=1"]
        case .adaptiveAveragePooling, .adaptiveMaxPooling: ["\(kind) 1", "\(kind) 7x7"]
        case .spaceToDepth, .depthToSpace: ["\(kind) 2"]
        case .layerNormalization: [kind, "\(kind) axes=all"]
        case .groupNormalization: ["\(kind) 8"]
        case .instanceNormalization: [kind, "\(kind) affine=true"]
        case .localResponseNormalization: ["\(kind) 5"]
        case .prelu: [kind, "\(kind) slopes=channel"]
        case .classToken, .positionEmbedding: [kind]
        case .selectStep: ["\(kind) 0", "\(kind) -1"]
        }
    }
}
