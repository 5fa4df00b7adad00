/// The Lasagne (0.1 and later) and nolearn layer classes CNNCalc reads, with their constructor
/// parameters as Lasagne declares them.
enum LasagneLayerTable {
    private static let convolution = ["incoming", "num_filters", "filter_size", "stride", "pad", "untie_biases", "W", "b",
                                      "nonlinearity", "flip_filters", "convolution", "num_groups"]
    private static let transposed = ["incoming", "num_filters", "filter_size", "stride", "crop", "untie_biases", "W", "b",
                                     "nonlinearity", "flip_filters", "output_size"]
    private static let dilated = ["incoming", "num_filters", "filter_size", "dilation", "pad", "untie_biases", "W", "b",
                                  "nonlinearity", "flip_filters"]
    private static let maxPool = ["incoming", "pool_size", "stride", "pad", "ignore_border"]
    private static let pool = maxPool + ["mode"]
    private static let recurrentTail = ["backwards", "learn_init", "gradient_steps", "grad_clipping", "unroll_scan",
                                        "precompute_input", "mask_input", "only_return_final"]
    private static let convolutionRequired = ["incoming", "num_filters", "filter_size"]

    /// Every class CNNCalc reads, by name.
    static let signatures: [String: LasagneSignature] = {
        var table: [String: LasagneSignature] = [
            "InputLayer": LasagneSignature(parameters: ["shape", "input_var"], required: ["shape"]),
            "TransposedConv2DLayer": LasagneSignature(parameters: transposed, required: convolutionRequired),
            "Deconv2DLayer": LasagneSignature(parameters: transposed, required: convolutionRequired),
            "DilatedConv2DLayer": LasagneSignature(parameters: dilated, required: convolutionRequired),
            "MaxPool2DCCLayer": LasagneSignature(parameters: ["incoming", "pool_size", "stride", "ignore_border", "dimshuffle"],
                                                 required: ["incoming", "pool_size"]),
            "GlobalPoolLayer": LasagneSignature(parameters: ["incoming", "pool_function"], required: ["incoming"]),
            "DenseLayer": LasagneSignature(parameters: ["incoming", "num_units", "W", "b", "nonlinearity", "num_leading_axes"],
                                           required: ["incoming", "num_units"]),
            "NINLayer": LasagneSignature(parameters: ["incoming", "num_units", "untie_biases", "W", "b", "nonlinearity"],
                                         required: ["incoming", "num_units"]),
            "DropoutLayer": LasagneSignature(parameters: ["incoming", "p", "rescale", "shared_axes"], required: ["incoming"]),
            "GaussianNoiseLayer": LasagneSignature(parameters: ["incoming", "sigma"], required: ["incoming"]),
            "NonlinearityLayer": LasagneSignature(parameters: ["incoming", "nonlinearity"], required: ["incoming"]),
            "BatchNormLayer": LasagneSignature(parameters: ["incoming", "axes", "epsilon", "alpha", "beta", "gamma", "mean", "inv_std"],
                                               required: ["incoming"]),
            "FlattenLayer": LasagneSignature(parameters: ["incoming", "outdim"], required: ["incoming"]),
            "ReshapeLayer": LasagneSignature(parameters: ["incoming", "shape"], required: ["incoming", "shape"]),
            "ConcatLayer": LasagneSignature(parameters: ["incomings", "axis", "cropping"], required: ["incomings"]),
            "ElemwiseSumLayer": LasagneSignature(parameters: ["incomings", "coeffs", "cropping"], required: ["incomings"]),
            "ElemwiseMergeLayer": LasagneSignature(parameters: ["incomings", "merge_function", "cropping"],
                                                   required: ["incomings", "merge_function"]),
            "PadLayer": LasagneSignature(parameters: ["incoming", "width", "val", "batch_ndim"], required: ["incoming", "width"]),
            "LocalResponseNormalization2DLayer": LasagneSignature(parameters: ["incoming", "alpha", "k", "beta", "n"],
                                                                  required: ["incoming"]),
            "EmbeddingLayer": LasagneSignature(parameters: ["incoming", "input_size", "output_size", "W"],
                                               required: ["incoming", "input_size", "output_size"]),
            "LSTMLayer": LasagneSignature(
                parameters: ["incoming", "num_units", "ingate", "forgetgate", "cell", "outgate", "nonlinearity", "cell_init",
                             "hid_init", "backwards", "learn_init", "peepholes", "gradient_steps", "grad_clipping", "unroll_scan",
                             "precompute_input", "mask_input", "only_return_final"],
                required: ["incoming", "num_units"]),
            "GRULayer": LasagneSignature(
                parameters: ["incoming", "num_units", "resetgate", "updategate", "hidden_update", "hid_init"] + recurrentTail,
                required: ["incoming", "num_units"]),
            "RecurrentLayer": LasagneSignature(
                parameters: ["incoming", "num_units", "W_in_to_hid", "W_hid_to_hid", "b", "nonlinearity", "hid_init"] + recurrentTail,
                required: ["incoming", "num_units"]),
            "Upscale2DLayer": LasagneSignature(parameters: ["incoming", "scale_factor", "mode"], required: ["incoming", "scale_factor"]),
        ]
        for name in ["Conv1DLayer", "Conv2DLayer", "Conv3DLayer", "Conv2DDNNLayer", "Conv3DDNNLayer", "Conv2DMMLayer"] {
            table[name] = LasagneSignature(parameters: convolution, required: convolutionRequired)
        }
        table["Conv2DCCLayer"] = LasagneSignature(parameters: convolution + ["dimshuffle", "partial_sum"], required: convolutionRequired)
        for name in ["MaxPool1DLayer", "MaxPool2DLayer", "MaxPool3DLayer", "MaxPool2DDNNLayer", "MaxPool3DDNNLayer"] {
            table[name] = LasagneSignature(parameters: maxPool, required: ["incoming", "pool_size"])
        }
        for name in ["Pool1DLayer", "Pool2DLayer", "Pool3DLayer", "Pool2DDNNLayer", "Pool3DDNNLayer"] {
            table[name] = LasagneSignature(parameters: pool, required: ["incoming", "pool_size"])
        }
        return table
    }()

    /// The number of spatial axes a convolution or pooling class works on, from its name.
    static func spatialRank(of className: String) -> Int {
        if className.contains("1D") { return 1 }
        if className.contains("3D") { return 3 }
        return 2
    }
}
