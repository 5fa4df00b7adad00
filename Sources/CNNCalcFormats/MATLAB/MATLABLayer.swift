import CNNCalcCore

/// A layer as a MATLAB layer function creates it, before it joins a network.
struct MATLABLayer: Sendable {
    /// The function that made it: `convolution2dLayer`.
    var function: String
    /// The `'Name'` it was given, or `nil` (and empty names) for MATLAB to choose one.
    var name: String?
    /// The name MATLAB gives an unnamed layer of this function: `conv`, `relu`, `fc`.
    var defaultName: String
    /// What the layer does.
    var kind: LayerKind
    /// How many inputs it takes: 0 for an input layer, 1, or `numInputs` for a merge.
    var inputCount: Int
    /// Where the call starts in the text.
    var location: SourceLocation
    /// A size the call declares for the input (`'NumChannels'`, `'InputSize'`).
    var declaredInput: DeclaredInput?
    /// For `concatenationLayer`, the dimension `dim` it joins along, read against the network's input.
    var concatenationDimension: Int?

    /// Whether the layer is one of MATLAB's output layers (`classificationLayer`, `regressionLayer`).
    var isOutputLayer: Bool {
        if case .lossOutput = kind { return true }
        return false
    }

    /// The names of its input ports: `in` for one input, `in1`, `in2`, ... for several.
    var inputPorts: [String] {
        inputCount == 1 ? ["in"] : (0..<inputCount).map { "in\($0 + 1)" }
    }
}
