import CNNCalcCore

/// Derivations of a layer applied to every step (``TimeDistributed``) and of standardization.
extension DerivationBuilder {
    func timeDistributedDerivation(_ layer: TimeDistributed) -> Derivation {
        guard let split = try? layer.steps(of: input), let inner = report.stepReport(layer) else {
            return Derivation(
                summary: "applies \(layer.layer.kindName) to every step", outputSteps: ["output: \(shapeText(report.outputShape))"],
                parameterSteps: learnableSteps(), parameterFormula: "")
        }
        let (count, step) = split
        let wrapped = DerivationBuilder(report: inner, layout: layout).build()
        var outputSteps = ["\(count) steps of \(shapeText(step)), each through the \(layer.layer.kindName) on its own:"]
        outputSteps += wrapped.outputSteps.map { "  " + $0 }
        outputSteps.append("output: \(count) steps of \(shapeText(inner.outputShape)) = \(shapeText(report.outputShape))")
        var parameterSteps = wrapped.parameterSteps
        if report.parameterCount > 0 || report.stateCount > 0 {
            parameterSteps.append("one set for all \(count) steps: the steps share the weights")
        }
        return Derivation(
            summary: "applies \(layer.layer.kindName) to each of the \(count) steps: \(wrapped.summary)",
            outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: wrapped.parameterFormula)
    }

    func standardizationDerivation(_ layer: Standardization) -> Derivation {
        let channels = input.channels
        let over = layer.statistics == .perChannel ? "of its channel (\(channels) of each)" : "of the whole input (one of each)"
        let summary = "standardizes every value with the mean and variance \(over): (x - mean)/sqrt(variance)"
        guard layer.storesStatistics else {
            return Derivation(
                summary: summary, outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
                parameterSteps: ["no weights: the mean and variance are constants written in the layer"], parameterFormula: "")
        }
        var steps = learnableSteps()
        var formula = ""
        if report.parameterCount > 0 {
            formula = layer.statistics == .perChannel ? "2*\(channels)+1" : "2+1"
            steps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount)), none trainable: adapt() measures them")
        } else {
            steps.append("no parameters: \(convention.displayName) keeps the statistics as state")
        }
        return Derivation(
            summary: summary, outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }
}

extension LayerReport {
    /// The report of the layer a ``TimeDistributed`` wraps, for one step: the shapes of one step,
    /// the same learnables and windows, and the cost of one step; `nil` when the shapes do not split.
    func stepReport(_ layer: TimeDistributed) -> LayerReport? {
        guard let input = inputShapes.first, let step = try? layer.steps(of: input).step,
              let stepOutput = try? layer.stepOutput(for: input, layout: .channelsLast) else { return nil }
        return try? LayerReport(
            layer: Layer(name: name, kind: layer.layer), inputNames: inputNames, inputShapes: [step],
            outputShape: stepOutput, learnables: learnables, axes: axes,
            cost: try? layer.layer.cost(for: [step], output: stepOutput), receptiveField: receptiveField,
            convention: convention)
    }
}
