import CNNCalcCore

/// Derivations of multi-head attention and the transformer encoder block.
extension DerivationBuilder {
    func attentionDerivation(_ layer: MultiHeadAttention) -> Derivation {
        guard let s = try? layer.sizes(for: report.inputShapes, layout: layout) else {
            return Derivation(summary: "\(layer.heads) heads", outputSteps: [], parameterSteps: learnableSteps(), parameterFormula: "")
        }
        let names = report.inputNames
        let kind: String = switch names.count {
        case 1: "self-attention on \(names[0])"
        case 2: "cross-attention: queries from \(names[0]), keys and values from \(names[1])"
        default: "cross-attention: queries from \(names[0]), keys from \(names[1]), values from \(names[2])"
        }
        var summary = "\(s.heads) heads, key_dim \(s.keyDimension), value_dim \(s.valueDimension); \(kind)"
        if !layer.hasBias { summary += "; no bias" }

        var outputSteps = ["queries: \(s.querySteps) steps of \(s.queryFeatures) features; keys: \(s.keySteps) steps of \(s.keyFeatures); values: \(s.keySteps) steps of \(s.valueFeatures)"]
        if layer.keyDimension == nil {
            outputSteps.append("key_dim: \(s.queryFeatures)/\(s.heads) = \(s.keyDimension) per head (the query features shared among the heads)")
        }
        outputSteps.append("every query step gives \(s.outputFeatures) features"
            + (layer.outputDimension == nil ? ", as many as the query has" : " (output_dim)"))
        outputSteps.append("output: \(shapeText(report.outputShape))")

        let terms = Self.attentionTerms(s, hasBias: layer.hasBias)
        var parameterSteps = learnableSteps()
        if convention == .pytorch, s.heads * s.keyDimension == s.queryFeatures, s.keyFeatures == s.queryFeatures,
           s.valueFeatures == s.queryFeatures, s.heads * s.valueDimension == s.queryFeatures, s.outputFeatures == s.queryFeatures {
            parameterSteps.append("PyTorch packs the query, key and value projections into in_proj_weight and in_proj_bias")
        }
        for (name, term) in terms {
            parameterSteps.append("\(name): \(term) = \(ArithmeticText.value(of: term).map(NumberFormatting.grouped) ?? "?")")
        }
        let formula = terms.map(\.term).joined(separator: "+")
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    /// The four projections: `query: 512*8*64+8*64`, and so on.
    static func attentionTerms(_ s: MultiHeadAttention.Sizes, hasBias: Bool) -> [(name: String, term: String)] {
        let (h, kd, vd) = (s.heads, s.keyDimension, s.valueDimension)
        func term(_ weights: String, _ bias: String) -> String { hasBias ? "\(weights)+\(bias)" : weights }
        return [
            ("query", term("\(s.queryFeatures)*\(h)*\(kd)", "\(h)*\(kd)")),
            ("key", term("\(s.keyFeatures)*\(h)*\(kd)", "\(h)*\(kd)")),
            ("value", term("\(s.valueFeatures)*\(h)*\(vd)", "\(h)*\(vd)")),
            ("output", term("\(h)*\(vd)*\(s.outputFeatures)", "\(s.outputFeatures)")),
        ]
    }

    func transformerDerivation(_ layer: TransformerEncoder) -> Derivation {
        guard let (steps, e) = try? layer.stepsAndFeatures(of: input, layout: layout) else {
            return Derivation(summary: "\(layer.heads) heads", outputSteps: [], parameterSteps: learnableSteps(), parameterFormula: "")
        }
        let ff = layer.feedForward
        let summary = "\(layer.heads) heads on \(e) features, feed-forward \(ff) with \(layer.activation.name), "
            + (layer.normFirst ? "pre-norm (norm_first=true)" : "post-norm (norm_first=false)")
            + (layer.hasBias ? "" : ", no bias")
        let outputSteps = [
            "each head sees \(e)/\(layer.heads) = \(e / max(layer.heads, 1)) features",
            "every one of the \(steps) steps keeps its \(e) features (residual connections)",
            "output: \(shapeText(report.outputShape))",
        ]
        let parts: [(String, String)] = layer.hasBias
            ? [("self-attention", "4*\(e)*\(e)+4*\(e)"), ("feed-forward", "\(e)*\(ff)+\(ff)+\(ff)*\(e)+\(e)"), ("two layer norms", "2*2*\(e)")]
            : [("self-attention", "4*\(e)*\(e)"), ("feed-forward", "\(e)*\(ff)+\(ff)*\(e)"), ("two layer norms", "2*\(e)")]
        var parameterSteps = learnableSteps()
        parameterSteps.append("counted as PyTorch's TransformerEncoderLayer(\(e), \(layer.heads), \(ff)): query, key, value and output projections of \(e)x\(e)")
        for (name, term) in parts {
            parameterSteps.append("\(name): \(term) = \(ArithmeticText.value(of: term).map(NumberFormatting.grouped) ?? "?")")
        }
        let formula = parts.map(\.1).joined(separator: "+")
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }
}
