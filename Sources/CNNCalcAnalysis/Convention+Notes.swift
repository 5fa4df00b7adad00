import CNNCalcCore

extension Convention {
    /// How this convention counts batch normalization, in a phrase.
    public var batchNormalizationNote: String {
        switch self {
        case .keras: "Keras counts the moving mean and variance as non-trainable parameters"
        case .pytorch: "PyTorch keeps the running mean and variance as buffers, not parameters"
        case .matlab: "MATLAB keeps the trained mean and variance as states, not learnables"
        case .lasagne: "Lasagne's count_params includes the mean and inv_std, which are not trained"
        }
    }

    /// Why conventions count a layer kind differently, or `nil` when they agree on it.
    public static func disagreement(about kind: LayerKind) -> String? {
        switch kind {
        case .batchNormalization:
            "batchnorm: Keras and Lasagne count the moving mean and variance as (non-trainable) parameters, 4C in all; "
                + "PyTorch keeps them as buffers and MATLAB as states, so they count 2C"
        case .recurrent(let layer) where layer.cell == .lstm:
            "lstm: PyTorch keeps two bias vectors (bias_ih, bias_hh), 4h(n+h)+8h; Keras and MATLAB one, 4h(n+h)+4h, "
                + "MATLAB keeping the hidden and cell states as states; Lasagne adds 3h peepholes and counts cell_init and hid_init (h each, not trained)"
        case .recurrent(let layer) where layer.cell == .gru:
            "gru: PyTorch keeps two bias vectors, 3h(n+h)+6h, as Keras does with reset_after=true; Keras with reset_after=false "
                + "and MATLAB one, 3h(n+h)+3h; Lasagne one, plus hid_init (h, trained)"
        case .recurrent:
            "rnn: PyTorch keeps two bias vectors, h(n+h)+2h; Keras and MATLAB one, h(n+h)+h; Lasagne one, plus hid_init (h, not trained)"
        case .multiHeadAttention, .transformerEncoder:
            "\(kind.kindName): the counts agree; PyTorch packs the query, key and value projections into in_proj_weight [3E, E] "
                + "and in_proj_bias [3E], Keras keeps query, key and value kernels of (E, heads, key_dim) and biases of (heads, key_dim)"
        case .separableConvolution:
            "separableconv: Keras' SeparableConv2D has one bias, after the pointwise convolution; PyTorch, MATLAB and Lasagne "
                + "compose a depthwise and a 1x1 convolution, each with its own bias, so they count C*m more"
        case .prelu(let layer) where layer.slopes == nil:
            "prelu: Keras learns one slope per input value (alpha of the input's shape), MATLAB and Lasagne one per channel, "
                + "PyTorch one shared slope (num_parameters=1)"
        case .instanceNormalization(let layer) where layer.affine == nil:
            "instancenorm: PyTorch's InstanceNorm learns no scale or offset by default (affine=False), and neither does "
                + "CNNCalc's Keras default; MATLAB's instanceNormalizationLayer and Lasagne's instance_norm learn 2C"
        case .layerNormalization(let layer) where layer.axes == .all:
            "layernorm axes=all: Keras and PyTorch learn a scale and an offset per value; "
                + "MATLAB's and Lasagne's layer normalization learn them per channel"
        case .standardization:
            "standardize: Keras counts the stored mean, variance and count as non-trainable parameters, 2C+1 (as does "
                + "CNNCalc for Lasagne); PyTorch and MATLAB keep statistics as buffers or states, so they count none"
        case .timeDistributed(let layer):
            disagreement(about: layer.layer).map { "timedistributed " + $0 }
        default:
            nil
        }
    }
}
