import CNNCalcCore

/// Derivations of the merges: add, subtract, multiply, average, maximum, minimum, concat and matmul.
extension DerivationBuilder {
    func addDerivation() -> Derivation {
        Derivation(
            summary: "elementwise sum of \(report.inputNames.joined(separator: " and "))",
            outputSteps: broadcastSteps(result: "the sum"),
            parameterSteps: ["no parameters"],
            parameterFormula: "")
    }

    func elementwiseDerivation(_ layer: ElementwiseMerge) -> Derivation {
        let names = report.inputNames
        let summary: String = switch layer.operation {
        case .subtract: "elementwise difference \(names.joined(separator: " minus "))"
        case .multiply: "elementwise product of \(names.joined(separator: " and "))"
        case .average: "elementwise mean of \(names.joined(separator: " and "))"
        case .maximum: "elementwise maximum of \(names.joined(separator: " and "))"
        case .minimum: "elementwise minimum of \(names.joined(separator: " and "))"
        }
        let result: String = switch layer.operation {
        case .subtract: "the difference"
        case .multiply: "the product"
        case .average: "the mean"
        case .maximum: "the maximum"
        case .minimum: "the minimum"
        }
        return Derivation(summary: summary, outputSteps: broadcastSteps(result: result), parameterSteps: ["no parameters"], parameterFormula: "")
    }

    /// "every input is 8x8x16, and so is the sum", or how differing shapes broadcast.
    private func broadcastSteps(result: String) -> [String] {
        let shapes = report.inputShapes
        guard shapes.contains(where: { $0 != input }) else {
            return ["every input is \(shapeText(input)), and so is \(result)"]
        }
        var steps = ["inputs " + shapes.map(shapeText).joined(separator: ", ")
            + " broadcast: every axis takes the larger size, an axis of 1 repeating its value"]
        if let vector = shapes.firstIndex(where: { if case .vector = $0 { true } else { false } }),
           shapes.contains(where: { $0.spatialRank > 0 || isSequence($0) }) {
            steps.append("input \(vector + 1), a vector of \(shapes[vector].channels), gives one value per channel at every position")
        }
        steps.append("output: \(shapeText(report.outputShape))")
        return steps
    }

    func concatenateDerivation(_ layer: Concatenate) -> Derivation {
        let shapes = report.inputShapes
        let index = layer.axisIndex(in: input) ?? 0
        let sizes = shapes.map { String(Concatenate.dimensions(of: $0)[index]) }.joined(separator: " + ")
        let joined = Concatenate.dimensions(of: report.outputShape)[index]
        let label: String
        switch layer.axis {
        case .channels, .features: label = input.spatialRank > 0 ? "channels" : "features"
        case .length, .steps: label = isSequence(input) ? "steps" : "length"
        default: label = layer.axis.rawValue
        }
        let phrase = label == "channels" ? "the channels" : "the \(label)"
        return Derivation(
            summary: "joins \(report.inputNames.joined(separator: ", ")) along \(phrase)",
            outputSteps: ["\(label): \(sizes) = \(NumberFormatting.grouped(joined))", "output: \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters"],
            parameterFormula: "")
    }

    func matrixProductDerivation(_ layer: MatrixProduct) -> Derivation {
        let names = report.inputNames
        let b = layer.transposesB ? "\(names[1]) transposed" : names[1]
        var steps = ["a: \(names[0]), \(shapeText(report.inputShapes[0])); b: \(names[1]), \(shapeText(report.inputShapes[1]))"
            + (layer.transposesB ? ", read as M x D and transposed" : ", read as D x M")]
        if let (rows, inner, columns) = try? layer.sizes(for: report.inputShapes, layout: layout) {
            if let rows {
                steps.append("\(rows) rows of \(inner) times \(inner) rows of \(columns): \(rows) steps of \(columns) features")
            } else {
                steps.append("a vector of \(inner) times \(inner) rows of \(columns): a vector of \(columns)")
            }
        }
        steps.append("output: \(shapeText(report.outputShape))")
        return Derivation(
            summary: "matrix product of \(names[0]) and \(b)",
            outputSteps: steps, parameterSteps: ["no parameters"], parameterFormula: "")
    }
}
