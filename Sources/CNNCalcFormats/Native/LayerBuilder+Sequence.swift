import CNNCalcCore

extension LayerBuilder {
    /// `embedding 10000 128`: a vocabulary size and a dimension, both required.
    static func embedding(_ arguments: Arguments) throws(CNNCalcError) -> Embedding {
        guard let vocabulary = try arguments.count(.vocabulary), let dimension = try arguments.count(.dimension) else {
            throw arguments.missingValues()
        }
        return Embedding(vocabularySize: vocabulary, dimension: dimension)
    }

    /// `lstm 64`: the units, then Keras' defaults: the last step only, one direction, one layer,
    /// biases, and for a GRU `reset_after=true`.
    static func recurrent(_ cell: Recurrent.Cell, _ arguments: Arguments) throws(CNNCalcError) -> Recurrent {
        guard let units = try arguments.count(.units) else { throw arguments.missingValues() }
        return Recurrent(
            cell,
            units: units,
            returnsSequences: try arguments.boolean(.returnSequences) ?? false,
            isBidirectional: try arguments.boolean(.bidirectional) ?? false,
            layerCount: try arguments.count(.layers) ?? 1,
            hasBias: try arguments.boolean(.bias) ?? true,
            resetsAfter: try arguments.boolean(.resetAfter) ?? true)
    }
}
