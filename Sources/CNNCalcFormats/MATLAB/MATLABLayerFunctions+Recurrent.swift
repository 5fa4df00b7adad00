import CNNCalcCore

/// The recurrent layers: LSTM, BiLSTM and GRU.
///
/// | function | CNNCalc layer | learnables (`n` features in, `h` hidden units) |
/// |---|---|---|
/// | `lstmLayer(h)` | `lstm` | `InputWeights 4h×n`, `RecurrentWeights 4h×h`, `Bias 4h×1`; states `HiddenState`, `CellState` `h×1` |
/// | `bilstmLayer(h)` | `lstm`, both directions | `InputWeights 8h×n`, `RecurrentWeights 8h×h`, `Bias 8h×1` |
/// | `gruLayer(h)` | `gru` | `InputWeights 3h×n`, `RecurrentWeights 3h×h`, `Bias 3h×1`; state `HiddenState` `h×1` |
///
/// `'OutputMode'` is `'sequence'` (every step, MATLAB's default) or `'last'`. `'InputSize'` is
/// checked against the features that arrive. State inputs and outputs, and a GRU's
/// `'recurrent-bias-after-multiplication'` reset mode (which adds a recurrent bias), are refused.
extension MATLABLayerFunctions {
    static let recurrent: [MATLABLayerFunction] = [
        recurrent("lstmLayer", "lstm", .lstm, bidirectional: false),
        recurrent("bilstmLayer", "bilstm", .lstm, bidirectional: true),
        recurrent("gruLayer", "gru", .gru, bidirectional: false),
    ]

    /// Name-value arguments that set how recurrent weights and states start or train.
    static let recurrentTrainingOptions = [
        "StateActivationFunction", "GateActivationFunction", "InputWeightsInitializer", "RecurrentWeightsInitializer",
        "BiasInitializer", "InputWeights", "RecurrentWeights", "Bias", "CellState", "HiddenState",
        "InputWeightsLearnRateFactor", "RecurrentWeightsLearnRateFactor", "BiasLearnRateFactor",
        "InputWeightsL2Factor", "RecurrentWeightsL2Factor", "BiasL2Factor",
    ]

    private static func recurrent(_ name: String, _ defaultName: String, _ cell: Recurrent.Cell, bidirectional: Bool) -> MATLABLayerFunction {
        let example = "\(name)(100,'OutputMode','last')"
        let extra = cell == .gru ? ["ResetGateMode"] : []
        return MATLABLayerFunction(
            name: name, defaultName: defaultName, parameters: [required("numHiddenUnits")],
            names: ["OutputMode", "InputSize", "HasStateInputs", "HasStateOutputs"] + extra + recurrentTrainingOptions,
            example: example
        ) { arguments throws(CNNCalcError) in
            let units = try arguments.count(arguments.positional[0], what: "numHiddenUnits", example: example)
            var returnsSequences = true
            if let mode = arguments.option("OutputMode") {
                returnsSequences = try arguments.choice(mode, what: "'OutputMode'", among: ["sequence", "last"]) == "sequence"
            }
            try arguments.refuseTrue("HasStateInputs", because: "gives the layer two more inputs (the hidden and cell states)")
            try arguments.refuseTrue("HasStateOutputs", because: "gives the layer two more outputs (the hidden and cell states)")
            if let mode = arguments.option("ResetGateMode") {
                let choice = try arguments.choice(
                    mode, what: "'ResetGateMode'",
                    among: ["after-multiplication", "before-multiplication", "recurrent-bias-after-multiplication"])
                if choice == "recurrent-bias-after-multiplication" {
                    throw CNNCalcError(
                        .badArgument,
                        "gruLayer: 'ResetGateMode','recurrent-bias-after-multiplication' adds a RecurrentBias, which CNNCalc does not count",
                        fix: "use 'after-multiplication' (the default) or 'before-multiplication'", location: mode.location)
                }
            }
            let layer = Recurrent(cell, units: units, returnsSequences: returnsSequences, isBidirectional: bidirectional)
            return MATLABLayerBuild(kind: .recurrent(layer), declaredInput: try arguments.declaredSize("InputSize"))
        }
    }
}
