import CNNCalcCore

/// Derivations of the resampling and reshaping layers, which have no parameters.
extension DerivationBuilder {
    /// The spatial sizes of a map, or the steps of a sequence.
    private func positions(_ shape: TensorShape) -> [Int] {
        isSequence(shape) ? [shape.dimensions(in: .channelsLast)[0]] : Array(shape.spatial)
    }

    private func axisName(_ axis: Int, of rank: Int) -> String {
        isSequence(input) ? "steps" : AxisNames.name(of: axis, rank: rank)
    }

    private func noParameters(_ summary: String, _ outputSteps: [String], what: String) -> Derivation {
        Derivation(
            summary: summary, outputSteps: outputSteps,
            parameterSteps: ["no parameters: \(what) learns nothing"], parameterFormula: "")
    }

    func upsamplingDerivation(_ layer: Upsampling) -> Derivation {
        let inputSizes = positions(input)
        let outputSizes = positions(report.outputShape)
        let how = layer.mode == .nearest ? "nearest-neighbour" : "\(layer.mode.rawValue) interpolation"
        var steps: [String] = []
        let summary: String
        switch layer.target {
        case .scale(let factors):
            let factors = factors.count == 1 ? Array(repeating: factors[0], count: inputSizes.count) : factors
            summary = "upsamples by \(collapsed(factors)), \(how)"
            steps = inputSizes.indices.map { axis in
                "\(axisName(axis, of: inputSizes.count)): \(inputSizes[axis])*\(factors[axis]) = \(NumberFormatting.grouped(outputSizes[axis]))"
            }
        case .size:
            summary = "resizes to \(sizes(outputSizes)), \(how)"
            steps = inputSizes.indices.map { axis in
                "\(axisName(axis, of: inputSizes.count)): \(inputSizes[axis]) -> \(outputSizes[axis]), as given"
            }
        }
        steps.append("channels: \(input.channels), unchanged")
        steps.append("output: \(shapeText(report.outputShape))")
        return noParameters(summary, steps, what: "upsampling")
    }

    func zeroPaddingDerivation(_ layer: ZeroPadding) -> Derivation {
        let sides = (try? layer.sides(for: input, layout: layout)) ?? []
        return borderDerivation(
            sides, summary: "adds zeros around the edges: \(Padding.explicit(layer.padding).text)", sign: "+", what: "zero padding")
    }

    func croppingDerivation(_ layer: Cropping) -> Derivation {
        let sides = (try? layer.sides(for: input, layout: layout)) ?? []
        return borderDerivation(
            sides, summary: "removes rows at the edges: \(Padding.explicit(layer.cropping).text)", sign: "-", what: "cropping")
    }

    private func borderDerivation(_ sides: [AxisPadding], summary: String, sign: String, what: String) -> Derivation {
        let inputSizes = positions(input)
        let outputSizes = positions(report.outputShape)
        var steps = zip(inputSizes.indices, sides).map { axis, side in
            "\(axisName(axis, of: inputSizes.count)): \(inputSizes[axis]) \(sign) \(side.before) \(sign) \(side.after) = \(NumberFormatting.grouped(outputSizes[axis]))"
        }
        steps.append("channels: \(input.channels), unchanged")
        steps.append("output: \(shapeText(report.outputShape))")
        return noParameters(summary, steps, what: what)
    }

    func adaptivePoolingDerivation(_ layer: AdaptivePooling) -> Derivation {
        let inputSizes = positions(input)
        let outputSizes = positions(report.outputShape)
        let summary = "\(layer.mode == .max ? "max" : "average") to \(sizes(outputSizes)) outputs; output i reads positions floor(i*in/out) to ceil((i+1)*in/out)"
        var steps = inputSizes.indices.map { axis -> String in
            let (size, count) = (inputSizes[axis], outputSizes[axis])
            let name = axisName(axis, of: inputSizes.count)
            if size % count == 0 {
                return "\(name): \(count) outputs, windows of \(size)/\(count) = \(NumberFormatting.grouped(size / count)) at stride \(size / count)"
            }
            let widths = count <= 100_000 ? (0..<count).map { AdaptivePooling.window($0, input: size, output: count).count } : []
            let (narrowest, widest) = (widths.min() ?? 0, widths.max() ?? 0)
            let range = widths.isEmpty ? "" : narrowest == widest ? ", windows \(widest) wide" : ", windows \(narrowest) to \(widest) wide"
            return "\(name): \(count) outputs over \(size) positions\(range) (\(size) is not a multiple of \(count))"
        }
        steps.append("channels: \(input.channels), unchanged")
        steps.append("output: \(shapeText(report.outputShape))")
        return noParameters(summary, steps, what: "pooling")
    }

    func spaceToDepthDerivation(_ layer: SpaceToDepth) -> Derivation {
        let inputSizes = positions(input)
        let block = layer.blockSize
        var steps = inputSizes.indices.map { axis in
            "\(axisName(axis, of: inputSizes.count)): \(inputSizes[axis])/\(block) = \(NumberFormatting.grouped(inputSizes[axis] / block))"
        }
        let factor = Array(repeating: String(block), count: inputSizes.count).joined(separator: "*")
        steps.append("channels: \(input.channels)*\(factor) = \(NumberFormatting.grouped(report.outputShape.channels))")
        steps.append("output: \(shapeText(report.outputShape))")
        return noParameters("folds each \(sizes(Array(repeating: block, count: inputSizes.count))) block into the channels", steps, what: "a rearrangement")
    }

    func depthToSpaceDerivation(_ layer: DepthToSpace) -> Derivation {
        let inputSizes = positions(input)
        let outputSizes = positions(report.outputShape)
        let block = layer.blockSize
        var steps = zip(inputSizes.indices, outputSizes).map { axis, size in
            "\(axisName(axis, of: inputSizes.count)): \(inputSizes[axis])*\(block) = \(NumberFormatting.grouped(size))"
        }
        let factor = Array(repeating: String(block), count: inputSizes.count).joined(separator: "*")
        steps.append("channels: \(input.channels)/(\(factor)) = \(NumberFormatting.grouped(report.outputShape.channels))")
        steps.append("output: \(shapeText(report.outputShape))")
        return noParameters("unfolds the channels of each position into a \(sizes(Array(repeating: block, count: inputSizes.count))) block", steps, what: "a rearrangement")
    }

    func reshapeDerivation(_ layer: Reshape) -> Derivation {
        let written = layer.layout ?? layout
        var steps: [String] = []
        let elements = (try? input.elementCount()) ?? 0
        if let resolved = try? layer.resolvedSizes(for: input), let missing = layer.sizes.firstIndex(of: -1) {
            var others = resolved
            others.remove(at: missing)
            let product = others.count == 1 ? String(others[0]) : "(" + others.map(String.init).joined(separator: "*") + ")"
            steps.append("-1: \(elements)/\(product) = \(NumberFormatting.grouped(resolved[missing]))")
        }
        let outputTerms = report.outputShape.dimensions(in: written).map(String.init).joined(separator: "*")
        steps.append("values: \(outputTerms) = \(NumberFormatting.grouped(elements)), as many as the input has")
        steps.append("output: \(shapeText(report.outputShape))")
        let kind = report.outputShape.kindName
        return noParameters("the same values as \(sizes(layer.sizes)) (written \(written.rawValue)), a \(kind)", steps, what: "a reshape")
    }

    func permuteDerivation(_ layer: Permute) -> Derivation {
        let dimensions = input.dimensions(in: layout)
        let moved = layer.axes.map { dimensions[$0 - 1] }
        let steps = [
            "axes \(sizes(layer.axes)) of \(shapeText(input)) give \(sizes(moved))",
            "read as a \(report.outputShape.kindName): \(shapeText(report.outputShape))",
        ]
        return noParameters("reorders the axes as \(sizes(layer.axes)) (1-based, \(layout.rawValue) order)", steps, what: "a permutation")
    }

    func squeezeDerivation(_ layer: Squeeze) -> Derivation {
        let what = layer.axis.map { "removes axis \($0), of size 1" } ?? "removes every axis of size 1"
        let steps = ["\(shapeText(input)) -> \(shapeText(report.outputShape)), a \(report.outputShape.kindName)"]
        return noParameters(what, steps, what: "a squeeze")
    }

    func unsqueezeDerivation(_ layer: Unsqueeze) -> Derivation {
        let steps = ["\(shapeText(input)) -> \(shapeText(report.outputShape)), a \(report.outputShape.kindName)"]
        return noParameters("inserts an axis of size 1 at position \(layer.axis)", steps, what: "an unsqueeze")
    }
}
