import CNNCalcCore

/// Derivations of the sequence layers: embedding, simple RNN, LSTM and GRU.
extension DerivationBuilder {
    func embeddingDerivation(_ layer: Embedding) -> Derivation {
        let formula = "\(layer.vocabularySize)*\(layer.dimension)"
        return Derivation(
            summary: "a table of \(NumberFormatting.grouped(layer.vocabularySize)) vectors of \(layer.dimension) values, one looked up per token id",
            outputSteps: ["\(input.channels) token ids, each replaced by its vector of \(layer.dimension)",
                          "output: \(shapeText(report.outputShape)), steps x features"],
            parameterSteps: learnableSteps() + ["total: \(formula) = \(NumberFormatting.grouped(report.parameterCount)), one vector per id"],
            parameterFormula: formula)
    }

    func recurrentDerivation(_ layer: Recurrent) -> Derivation {
        let (steps, features) = (try? layer.stepsAndFeatures(of: input, layout: layout)) ?? (0, input.channels)
        let h = layer.units
        var summary = "\(layer.kindName) of \(h) hidden units"
        if layer.isBidirectional { summary += " in each direction, forward and backward" }
        if layer.layerCount > 1 { summary += ", \(layer.layerCount) layers stacked" }
        if !layer.hasBias { summary += ", no bias" }
        if layer.cell == .gru && convention != .matlab { summary += ", reset_after=\(layer.resetsAfter)" }
        summary += layer.returnsSequences ? "; returns every step" : "; returns the last step"

        let outputFeatures = report.outputShape.channels
        let featureText = layer.isBidirectional
            ? "2*\(h) = \(NumberFormatting.grouped(outputFeatures)) features, forward and backward concatenated"
            : "\(h) features"
        var outputSteps = ["reads \(steps) steps of \(features) features"]
        if layer.layerCount > 1 {
            let which = layer.layerCount == 2 ? "layer 2 reads" : "layers 2 to \(layer.layerCount) read"
            let below = layer.isBidirectional ? "2*\(h) = \(NumberFormatting.grouped(outputFeatures))" : "\(h)"
            outputSteps.append("\(which) the \(below) features of the layer below")
        }
        outputSteps.append("every step gives \(featureText)")
        let option = convention == .matlab
            ? (layer.returnsSequences ? "OutputMode 'sequence'" : "OutputMode 'last'")
            : "return_sequences=\(layer.returnsSequences)"
        outputSteps.append(option + (layer.returnsSequences ? ": every step is kept" : ": only the last step is kept"))
        outputSteps.append("output: \(shapeText(report.outputShape))")

        let layerInputs = (try? layer.layerInputFeatures(inputFeatures: features)) ?? [features]
        let terms = layerInputs.map { n in
            let term = recurrentTerm(layer, inputFeatures: n)
            return layer.isBidirectional ? "2*(\(term))" : term
        }
        let formula = terms.joined(separator: "+")
        var parameterSteps = learnableSteps()
        parameterSteps += recurrentNotes(layer)
        if terms.count > 1 {
            for (index, term) in terms.enumerated() {
                let value = ArithmeticText.value(of: term).map(NumberFormatting.grouped) ?? "?"
                parameterSteps.append("layer \(index + 1): \(term) = \(value)")
            }
        }
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    /// One direction of one layer, as the convention counts it: `4*64*(300+64)+8*64` in PyTorch.
    private func recurrentTerm(_ layer: Recurrent, inputFeatures n: Int) -> String {
        let h = layer.units
        let gates = layer.cell.gateCount
        let weights = (gates > 1 ? "\(gates)*" : "") + "\(h)*(\(n)+\(h))"
        func biased(_ vectors: Int) -> String {
            guard layer.hasBias, vectors > 0 else { return weights }
            return weights + "+" + (vectors > 1 ? "\(vectors)*" : "") + "\(h)"
        }
        switch convention {
        case .keras: return biased(layer.cell == .gru && layer.resetsAfter ? 2 * gates : gates)
        case .pytorch: return biased(2 * gates)
        case .matlab: return biased(gates)
        case .lasagne:
            let inner = "\(n)*\(h)+\(h)*\(h)" + (layer.hasBias ? "+\(h)" : "")
            switch layer.cell {
            case .simple: return biased(1) + "+\(h)"
            case .lstm: return "4*(\(inner))+3*\(h)+\(h)+\(h)"
            case .gru: return "3*(\(inner))+\(h)"
            }
        }
    }

    /// Why this convention counts what it counts, one line each.
    private func recurrentNotes(_ layer: Recurrent) -> [String] {
        switch convention {
        case .pytorch:
            return layer.hasBias ? ["PyTorch keeps two bias vectors per layer and direction, bias_ih and bias_hh"] : []
        case .keras:
            return layer.cell == .gru && layer.resetsAfter && layer.hasBias
                ? ["reset_after=true: Keras keeps an input bias and a recurrent bias, in one bias of (2, \(3 * layer.units))"] : []
        case .matlab:
            var notes = ["MATLAB keeps the hidden\(layer.cell == .lstm ? " and cell states" : " state") as states, not learnables"]
            if layer.cell == .gru { notes.append("one bias per gate: gruLayer's default ResetGateMode, after-multiplication (assumed)") }
            return notes
        case .lasagne:
            switch layer.cell {
            case .lstm: return ["Lasagne's LSTMLayer has peepholes W_cell_to_* by default, and counts cell_init and hid_init, which are not trained"]
            case .gru: return ["Lasagne counts hid_init, which GRULayer trains by default (learn_init=True)"]
            case .simple: return ["Lasagne counts hid_init, which is not trained"]
            }
        }
    }
}

/// Evaluating the integer arithmetic CNNCalc writes in its own formulas: digits, `+`, `*` and parentheses.
enum ArithmeticText {
    /// The value of `expression`, or `nil` when it is not of that form or overflows.
    static func value(of expression: String) -> Int? {
        var parser = Parser(characters: Array(expression))
        guard let value = parser.sum(), parser.position == parser.characters.count else { return nil }
        return value
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        mutating func sum() -> Int? {
            guard var value = product() else { return nil }
            while position < characters.count, characters[position] == "+" {
                position += 1
                guard let right = product() else { return nil }
                let (result, overflow) = value.addingReportingOverflow(right)
                if overflow { return nil }
                value = result
            }
            return value
        }

        mutating func product() -> Int? {
            guard var value = factor() else { return nil }
            while position < characters.count, characters[position] == "*" {
                position += 1
                guard let right = factor() else { return nil }
                let (result, overflow) = value.multipliedReportingOverflow(by: right)
                if overflow { return nil }
                value = result
            }
            return value
        }

        mutating func factor() -> Int? {
            if position < characters.count, characters[position] == "(" {
                position += 1
                guard let value = sum(), position < characters.count, characters[position] == ")" else { return nil }
                position += 1
                return value
            }
            let start = position
            while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
            guard position > start else { return nil }
            return Int(String(characters[start..<position]))
        }
    }
}
