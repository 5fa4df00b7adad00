import CNNCalcCore

/// Cost steps of the recurrent, attention and transformer layers.
extension CostDerivation {
    func recurrentSteps(_ layer: Recurrent, _ cost: Cost) -> [String] {
        let input = report.inputShapes[0]
        guard let (steps, features) = try? layer.stepsAndFeatures(of: input, layout: .channelsLast),
              let layerInputs = try? layer.layerInputFeatures(inputFeatures: features) else { return [] }
        let h = layer.units
        let gates = layer.cell.gateCount
        let terms = layerInputs.map { n in
            (layer.directions > 1 ? "2*" : "") + (gates > 1 ? "\(gates)*" : "") + "\(h)*(\(n)+\(h))"
        }
        let product = terms.count == 1 ? "\(steps)*\(terms[0])" : "\(steps)*(\(terms.joined(separator: "+")))"
        let perUnit = layer.elementwiseFLOPsPerUnit
        let elementwise = "\(steps)*\(layer.layerCount)*\(layer.directions)*\(h)*\(perUnit)"
        return [
            "MACs: \(product) = \(grouped(cost.macs)) (steps x directions x gates x units x (inputs + units)"
                + (terms.count > 1 ? ", summed over the layers)" : ")"),
            "FLOPs: 2*\(grouped(cost.macs)) + \(elementwise) = \(grouped(cost.flops)) "
                + "(\(perUnit) elementwise operations per unit and step: activations, state updates\(layer.hasBias ? ", biases" : ""))",
        ]
    }

    func attentionSteps(_ layer: MultiHeadAttention, _ cost: Cost) -> [String] {
        guard let sizes = try? layer.sizes(for: report.inputShapes, layout: .channelsLast),
              let work = try? AttentionWork(sizes, hasBias: layer.hasBias) else { return [] }
        return attentionLines(sizes, work, hasBias: layer.hasBias, prefix: "")
            + ["FLOPs: 2*\(grouped(cost.macs)) + " + attentionExtras(work).joined(separator: " + ") + " = \(grouped(cost.flops))"]
    }

    /// One line per term of ``AttentionWork``, then the MACs.
    private func attentionLines(_ s: MultiHeadAttention.Sizes, _ work: AttentionWork, hasBias: Bool, prefix: String) -> [String] {
        let (h, kd, vd) = (s.heads, s.keyDimension, s.valueDimension)
        let (lq, lk) = (s.querySteps, s.keySteps)
        let macs = [work.queryProjection, work.keyProjection, work.valueProjection, work.scores, work.weightedSum, work.outputProjection]
        var lines = [
            "\(prefix)query projection: \(lq)*\(s.queryFeatures)*\(h)*\(kd) = \(grouped(work.queryProjection)) MACs",
            "\(prefix)key projection: \(lk)*\(s.keyFeatures)*\(h)*\(kd) = \(grouped(work.keyProjection)) MACs",
            "\(prefix)value projection: \(lk)*\(s.valueFeatures)*\(h)*\(vd) = \(grouped(work.valueProjection)) MACs",
            "\(prefix)scores, queries times keys: \(h)*\(lq)*\(lk)*\(kd) = \(grouped(work.scores)) MACs",
            "\(prefix)weighted sum of the values: \(h)*\(lq)*\(lk)*\(vd) = \(grouped(work.weightedSum)) MACs",
            "\(prefix)output projection: \(lq)*\(h)*\(vd)*\(s.outputFeatures) = \(grouped(work.outputProjection)) MACs",
            "\(prefix)MACs: " + macs.map(grouped).joined(separator: " + ") + " = \(grouped((try? work.macs) ?? 0))",
        ]
        if hasBias {
            lines.append("\(prefix)biases: \(lq)*\(h)*\(kd) + \(lk)*\(h)*\(kd) + \(lk)*\(h)*\(vd) + \(lq)*\(s.outputFeatures) = \(grouped(work.biases)) FLOPs")
        }
        lines.append("\(prefix)scaling the queries by 1/sqrt(key_dim): \(lq)*\(h)*\(kd) = \(grouped(work.scaling)) FLOPs")
        lines.append("\(prefix)softmax: 3*\(h)*\(lq)*\(lk) = \(grouped(work.softmax)) FLOPs (exponent, sum and division per score)")
        return lines
    }

    private func attentionExtras(_ work: AttentionWork) -> [String] {
        (work.biases > 0 ? [grouped(work.biases)] : []) + [grouped(work.scaling), grouped(work.softmax)]
    }

    func transformerSteps(_ layer: TransformerEncoder, _ cost: Cost) -> [String] {
        let input = report.inputShapes[0]
        guard let work = try? layer.work(for: input),
              let (l, e) = try? layer.stepsAndFeatures(of: input, layout: .channelsLast),
              let sizes = try? layer.attention.sizes(for: [input], layout: .channelsLast),
              let attentionMACs = try? work.attention.macs else { return [] }
        let ff = layer.feedForward
        var lines = attentionLines(sizes, work.attention, hasBias: layer.hasBias, prefix: "attention ")
        lines.append("feed-forward: 2*\(l)*\(e)*\(ff) = \(grouped(work.feedForwardMACs)) MACs (two dense layers at every step)")
        lines.append("MACs: \(grouped(attentionMACs)) + \(grouped(work.feedForwardMACs)) = \(grouped(cost.macs))")
        var extras = attentionExtras(work.attention)
        if layer.hasBias {
            lines.append("feed-forward biases: \(l)*\(ff) + \(l)*\(e) = \(grouped(work.feedForwardBiases)) FLOPs")
            extras.append(grouped(work.feedForwardBiases))
        }
        lines.append("\(layer.activation.name): \(l)*\(ff) = \(grouped(work.activation)) FLOPs")
        lines.append("residual additions: 2*\(l)*\(e) = \(grouped(work.residuals)) FLOPs")
        lines.append("layer norms: 2*\(TransformerEncoder.layerNormFLOPsPerElement)*\(l)*\(e) = \(grouped(work.normalizations)) FLOPs "
            + "(mean, variance, normalization, scale and shift per value)")
        extras += [grouped(work.activation), grouped(work.residuals), grouped(work.normalizations)]
        lines.append("FLOPs: 2*\(grouped(cost.macs)) + " + extras.joined(separator: " + ") + " = \(grouped(cost.flops))")
        return lines
    }
}

/// Cost steps of the merges.
extension CostDerivation {
    func elementwiseSteps(_ layer: ElementwiseMerge, _ cost: Cost) -> [String] {
        let per = layer.flopsPerElement(inputCount: report.inputShapes.count)
        let why = layer.operation == .average
            ? "one per value for each input after the first, and the division"
            : "one per value for each input after the first"
        return ["MACs: 0", "FLOPs: \(grouped(report.outputElements))*\(per) = \(grouped(cost.flops)) (\(why))"]
    }

    func matrixProductSteps(_ layer: MatrixProduct, _ cost: Cost) -> [String] {
        guard let (rows, inner, columns) = try? layer.sizes(for: report.inputShapes, layout: .channelsLast) else { return [] }
        return [
            "MACs: \(rows ?? 1)*\(inner)*\(columns) = \(grouped(cost.macs)) (rows x inner size x columns)",
            "FLOPs: 2*\(grouped(cost.macs)) = \(grouped(cost.flops))",
        ]
    }
}
