import CNNCalcCore

/// The derivations of a Vision Transformer's token layers: the class token, the position
/// embedding and the reading of one step.
extension DerivationBuilder {
    func classTokenDerivation() -> Derivation {
        let (steps, features) = stepsAndFeatures(input)
        return Derivation(
            summary: "puts one learned token of \(features) features in front of the sequence",
            outputSteps: ["steps: \(steps) + 1 = \(steps + 1)", "output: \(shapeText(report.outputShape)), steps x features"],
            parameterSteps: learnableSteps() + ["total: \(features), one token"],
            parameterFormula: "\(features)")
    }

    func positionEmbeddingDerivation() -> Derivation {
        let (steps, features) = stepsAndFeatures(input)
        let formula = "\(steps)*\(features)"
        return Derivation(
            summary: "adds a learned vector to each of the \(steps) steps",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: learnableSteps() + ["total: \(formula) = \(NumberFormatting.grouped(report.parameterCount)), one vector per step"],
            parameterFormula: formula)
    }

    func selectStepDerivation(_ layer: SelectStep) -> Derivation {
        let (steps, features) = stepsAndFeatures(input)
        let which = layer.index >= 0 ? "step \(layer.index)" : "step \(layer.index) (\(steps + layer.index) from the start)"
        return Derivation(
            summary: "keeps \(which) of the \(steps): x[:, \(layer.index)]",
            outputSteps: ["output: the \(features) features of that step, \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters"], parameterFormula: "")
    }

    private func stepsAndFeatures(_ shape: TensorShape) -> (steps: Int, features: Int) {
        switch shape {
        case .sequence(let steps, let features): (steps, features)
        case .featureMap(let spatial, let channels) where spatial.count == 1: (spatial[0], channels)
        default: (1, shape.channels)
        }
    }
}
