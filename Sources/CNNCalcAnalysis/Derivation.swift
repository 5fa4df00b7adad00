import CNNCalcCore

/// The arithmetic behind one layer's output shape and parameter count, with the user's numbers in it.
///
/// For the first convolution of the MNIST example it reads:
///
///     summary:    32 filters of 5x5, stride 1, padding valid
///     output:     height: (28 - 5)/1 + 1 = 24
///                 width: (28 - 5)/1 + 1 = 24
///                 channels: 32, one per filter
///     parameters: kernel 5x5x1x32: 5*5*1*32 = 800 (trainable)
///                 bias 32: 32 (trainable)
///     formula:    (5*5*1+1)*32        → 832
public struct Derivation: Hashable, Sendable {
    /// The layer's configuration in a phrase.
    public var summary: String
    /// How the output shape follows from the input, one line per axis or step.
    public var outputSteps: [String]
    /// How each learnable's count follows from the shapes, one line each, then the total.
    public var parameterSteps: [String]
    /// The parameter count as one expression, e.g. `(5*5*1+1)*32`; empty when the layer has none.
    public var parameterFormula: String
    /// How the MACs and FLOPs of one example follow from the shapes.
    public var costSteps: [String] = []
    /// The receptive field in words: `10x10 (jump 2x2, start 4.5x4.5)` or `the whole input`.
    public var receptiveField: String = ""
}

extension LayerReport {
    /// The derivation of this layer's shape and counts, with shapes written in `layout`.
    public func derivation(layout: Layout) -> Derivation {
        var derivation = DerivationBuilder(report: self, layout: layout).build()
        derivation.costSteps = CostDerivation(report: self).steps()
        derivation.receptiveField = receptiveField.text
        return derivation
    }

    /// The parameter count as one expression (``Derivation/parameterFormula``), e.g. `(5*5*1+1)*32`,
    /// without the derivation's cost steps and receptive field, which a table does not show.
    public func parameterFormula(layout: Layout) -> String {
        DerivationBuilder(report: self, layout: layout).parameterFormula()
    }
}
