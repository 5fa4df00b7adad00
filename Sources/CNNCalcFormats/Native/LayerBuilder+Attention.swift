import CNNCalcCore

extension LayerBuilder {
    /// `mha 8`: the heads, then key and value sizes of `E/heads`, the query's features out, and biases.
    static func multiHeadAttention(_ arguments: Arguments) throws(CNNCalcError) -> MultiHeadAttention {
        guard let heads = try arguments.count(.heads) else { throw arguments.missingValues() }
        return MultiHeadAttention(
            heads: heads,
            keyDimension: try arguments.count(.keyDimension),
            valueDimension: try arguments.count(.valueDimension),
            outputDimension: try arguments.count(.outputDimension),
            hasBias: try arguments.boolean(.bias) ?? true)
    }

    /// `transformer 8`: the heads, then PyTorch's defaults: `ff=2048`, post-norm, relu, biases.
    static func transformerEncoder(_ arguments: Arguments) throws(CNNCalcError) -> TransformerEncoder {
        guard let heads = try arguments.count(.heads) else { throw arguments.missingValues() }
        var activation = Activation.Function.relu
        if let token = arguments.token(.activation) {
            let function = try ValueParser.activation(token)
            guard let function, function == .relu || function == .gelu else {
                throw CNNCalcError(
                    .badArgument, "a transformer's feed-forward activation is relu or gelu, found \(token.quoted)",
                    fix: "write 'activation=relu' (the default) or 'activation=gelu'", location: token.location)
            }
            activation = function
        }
        return TransformerEncoder(
            heads: heads,
            feedForward: try arguments.count(.feedForward) ?? 2048,
            normFirst: try arguments.boolean(.normFirst) ?? false,
            activation: activation,
            hasBias: try arguments.boolean(.bias) ?? true)
    }
}
