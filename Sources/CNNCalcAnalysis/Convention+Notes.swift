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
        default:
            nil
        }
    }
}
