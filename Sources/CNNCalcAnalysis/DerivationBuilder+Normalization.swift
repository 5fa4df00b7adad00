import CNNCalcCore

/// Derivations of the normalization layers, global pooling that keeps its axes, and PReLU.
extension DerivationBuilder {
    /// The parameter steps and formula of layers whose learnables all share one shape:
    /// `2*64 = 128`, or "no parameters" with `reason`.
    private func sharedShapeParameters(reason: String) -> (steps: [String], formula: String) {
        let counted = report.learnables.filter { $0.role != .state }
        guard let first = counted.first else { return (["no parameters: \(reason)"], "") }
        let factors = first.shape.filter { $0 != 1 }.map(String.init)
        let product = factors.isEmpty ? "1" : factors.joined(separator: "*")
        let formula = counted.count == 1 ? product : "\(counted.count)*\(product)"
        let total = formula == NumberFormatting.grouped(report.parameterCount) || formula == String(report.parameterCount)
            ? "total: \(formula)" : "total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))"
        return (learnableSteps() + [total], formula)
    }

    func layerNormalizationDerivation(_ layer: LayerNormalization) -> Derivation {
        let over = layer.axes == .last
            ? "its last axis (\(input.channels) values)"
            : "all its \(NumberFormatting.grouped(report.outputElements)) values"
        var learned: [String] = []
        if layer.scale { learned.append("a scale") }
        if layer.center { learned.append("an offset") }
        let then = learned.isEmpty ? "" : ", then learns " + learned.joined(separator: " and ")
        let (steps, formula) = sharedShapeParameters(reason: "affine=false, nothing is learned")
        return Derivation(
            summary: "normalizes each example over \(over)\(then)",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }

    func groupNormalizationDerivation(_ layer: GroupNormalization) -> Derivation {
        let channels = input.channels
        let perGroup = channels / max(layer.groups, 1)
        let (steps, formula) = sharedShapeParameters(reason: "affine=false, nothing is learned")
        return Derivation(
            summary: "normalizes \(layer.groups) groups of channels over their positions\(layer.affine ? ", then scales and shifts each channel" : "")",
            outputSteps: ["channels per group: \(channels)/\(layer.groups) = \(NumberFormatting.grouped(perGroup))",
                          "shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }

    func instanceNormalizationDerivation(_ layer: InstanceNormalization) -> Derivation {
        let affine = layer.isAffine(in: convention)
        let why = layer.affine == nil ? " (\(convention.displayName)'s default)" : ""
        let (steps, formula) = sharedShapeParameters(reason: "not affine\(why), nothing is learned")
        return Derivation(
            summary: "normalizes each channel of each example over its positions\(affine ? ", then scales and shifts it" : "")\(why)",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }

    func localResponseNormalizationDerivation(_ layer: LocalResponseNormalization) -> Derivation {
        Derivation(
            summary: "divides each value by a power of the squares of \(layer.size) neighbouring channels",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters: its constants are fixed, not learned"],
            parameterFormula: "")
    }

    func preluDerivation(_ layer: PReLU) -> Derivation {
        let slopes = layer.slopes(in: convention)
        let which = switch slopes {
        case .shared: "one slope for every value"
        case .channel: "one slope per channel"
        case .element: "one slope per input value"
        }
        let why = layer.slopes == nil ? " (\(convention.displayName)'s default)" : ""
        let (steps, formula) = sharedShapeParameters(reason: "")
        return Derivation(
            summary: "ReLU with learned negative slopes: \(which)\(why)",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }

    func layerScaleDerivation() -> Derivation {
        let (steps, formula) = sharedShapeParameters(reason: "")
        return Derivation(
            summary: "multiplies every value of a channel by that channel's learned scale",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: steps, parameterFormula: formula)
    }

    func keptGlobalPoolingDerivation(_ layer: GlobalPooling) -> Derivation {
        Derivation(
            summary: "\(layer.mode == .max ? "max" : "average") over all positions of each channel, keeping the axes",
            outputSteps: ["one value per channel, every spatial axis kept at size 1: \(shapeText(input)) -> \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters"],
            parameterFormula: "")
    }
}
