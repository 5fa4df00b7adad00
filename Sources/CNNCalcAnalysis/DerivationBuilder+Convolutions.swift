import CNNCalcCore

/// Derivations of the transposed, depthwise and separable convolutions.
extension DerivationBuilder {
    func transposedConvolutionDerivation(_ layer: TransposedConvolution) -> Derivation {
        let axes = (try? layer.axes(for: input, layout: layout)) ?? []
        var summary = "\(layer.filters) transposed filters of \(sizes(axes.map(\.kernel))), stride \(collapsed(axes.map(\.stride))), padding \(layer.window.padding.text)"
        if let extra = layer.outputPadding { summary += ", output padding \(sizes(extra))" }
        summary += dilationPhrase(axes.map(\.dilation))
        if layer.groups != 1 { summary += ", \(layer.groups) groups" }
        summary += biasAndActivationPhrase(hasBias: layer.hasBias, activation: layer.activation)

        let rule: String = switch layer.window.padding {
        case .valid: "rule (Keras, valid): out = (in-1)*stride + max(k_eff, stride), or (in-1)*stride + k_eff + output_padding; k_eff = dilation*(kernel-1)+1"
        case .same: "rule (Keras, same): out = in*stride, or (in-1)*stride + k_eff%2 + output_padding; k_eff = dilation*(kernel-1)+1"
        default: "rule: out = (in-1)*stride - pad_before - pad_after + dilation*(kernel-1) + output_padding + 1"
        }
        var outputSteps = [rule]
        outputSteps += axes.enumerated().map { axis, output in
            "\(AxisNames.name(of: axis, rank: axes.count)): \(output.expression)"
        }
        outputSteps.append("channels: \(layer.filters), one per filter")
        outputSteps.append("output: \(shapeText(report.outputShape))")

        let channels = input.channels
        let perGroup = channels / max(layer.groups, 1)
        var parameterSteps = learnableSteps()
        if layer.groups != 1 {
            parameterSteps.insert("each filter gathers \(channels)/\(layer.groups) = \(perGroup) of the input channels", at: 0)
        }
        let weightTerms = (axes.map { String($0.kernel) } + [String(perGroup)]).joined(separator: "*")
        let formula = layer.hasBias ? "(\(weightTerms)+1)*\(layer.filters)" : "\(weightTerms)*\(layer.filters)"
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    func depthwiseConvolutionDerivation(_ layer: DepthwiseConvolution) -> Derivation {
        var summary = "\(sizes(report.axes.map(\.kernel))) kernels, \(layer.multiplier) per input channel, stride \(collapsed(report.axes.map(\.stride))), padding \(layer.window.padding.text)"
        summary += dilationPhrase(report.axes.map(\.dilation))
        summary += biasAndActivationPhrase(hasBias: layer.hasBias, activation: layer.activation)
        var outputSteps = axisSteps()
        outputSteps.append("channels: \(input.channels)*\(layer.multiplier) = \(NumberFormatting.grouped(report.outputShape.channels)), \(layer.multiplier) per input channel")
        outputSteps.append("output: \(shapeText(report.outputShape))")
        let kernel = report.kernelTerms
        let outputs = "\(input.channels)*\(layer.multiplier)"
        let formula = layer.hasBias ? "(\(kernel)+1)*\(outputs)" : "\(kernel)*\(outputs)"
        var parameterSteps = ["each kernel sees one input channel"] + learnableSteps()
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    func separableConvolutionDerivation(_ layer: SeparableConvolution) -> Derivation {
        var summary = "\(layer.filters) filters, separable: \(sizes(report.axes.map(\.kernel))) depthwise (\(layer.multiplier) per channel), then 1x1 pointwise; stride \(collapsed(report.axes.map(\.stride))), padding \(layer.window.padding.text)"
        summary += dilationPhrase(report.axes.map(\.dilation))
        summary += biasAndActivationPhrase(hasBias: layer.hasBias, activation: layer.activation)
        var outputSteps = axisSteps()
        outputSteps.append("channels: \(layer.filters), one per pointwise filter")
        outputSteps.append("output: \(shapeText(report.outputShape))")
        let kernel = report.kernelTerms
        let middle = "\(input.channels)*\(layer.multiplier)"
        var terms = ["\(kernel)*\(middle)"]
        if layer.hasBias && convention != .keras { terms.append(middle) }
        terms.append("\(middle)*\(layer.filters)")
        if layer.hasBias { terms.append(String(layer.filters)) }
        let formula = terms.joined(separator: "+")
        var parameterSteps = learnableSteps()
        if convention != .keras {
            parameterSteps.insert("\(convention.displayName) composes a depthwise and a 1x1 convolution, each with its own bias", at: 0)
        }
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }
}

extension TransposedAxisOutput {
    /// The output-size arithmetic of this axis with its numbers, e.g. `(14-1)*2 - 2*1 + 3 + 1 = 28`.
    ///
    /// The part before ` = ` evaluates to ``length``; a note in parentheses may follow.
    public var expression: String {
        guard isCountable else { return "too large to count" }
        let result = NumberFormatting.grouped(length)
        let span = dilation == 1 ? "\(kernel)" : "(\(dilation)*(\(kernel)-1)+1)"
        let base = "(\(inputLength)-1)*\(stride)"
        switch (paddingMode, outputPadding) {
        case (.same, nil):
            return "\(inputLength)*\(stride) = \(result) (same)"
        case (.same, let extra?):
            return "\(base) + \(effectiveKernel % 2) + \(extra) = \(result) (same: the kernel span \(effectiveKernel) is \(effectiveKernel % 2 == 1 ? "odd" : "even"), then the output padding)"
        case (.valid, nil), (.full, nil):
            let larger = effectiveKernel >= stride ? "the kernel span" : "the stride"
            return "\(base) + \(max(effectiveKernel, stride)) = \(result) (valid: \(larger), the larger of kernel span \(effectiveKernel) and stride \(stride))"
        case (.valid, let extra?), (.full, let extra?):
            return "\(base) + \(span) + \(extra) = \(result) (valid, then the output padding)"
        case (.explicit, _):
            var text = base
            if padBefore == padAfter && padBefore > 0 {
                text += " - 2*\(padBefore)"
            } else {
                if padBefore > 0 { text += " - \(padBefore)" }
                if padAfter > 0 { text += " - \(padAfter)" }
            }
            text += " + \(span)"
            if let extra = outputPadding, extra > 0 { text += " + \(extra)" }
            return "\(text) = \(result)"
        }
    }
}
