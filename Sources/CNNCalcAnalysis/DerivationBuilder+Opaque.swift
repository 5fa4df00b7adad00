import CNNCalcCore

/// The derivation of an imported operator CNNCalc has no formula for: everything is as declared.
extension DerivationBuilder {
    func opaqueDerivation(_ layer: OpaqueOperator) -> Derivation {
        var parameterSteps = learnableSteps()
        if parameterSteps.isEmpty {
            parameterSteps = ["no parameters stored for it in the file"]
        }
        return Derivation(
            summary: "the operator \(layer.operatorName), which CNNCalc has no formula for",
            outputSteps: [layer.inferredShapeNote.map { "output: \(shapeText(report.outputShape)), inferred: \($0)" }
                ?? "output: \(shapeText(report.outputShape)), as the file declares it"],
            parameterSteps: parameterSteps,
            parameterFormula: "")
    }
}
