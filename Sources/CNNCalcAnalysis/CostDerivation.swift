import CNNCalcCore

/// The arithmetic behind a layer's MACs and FLOPs for one example, by the definition of ``Cost``.
struct CostDerivation {
    let report: LayerReport

    func steps() -> [String] {
        guard let cost = report.cost else {
            return ["cost unknown: CNNCalc cannot count this layer, so the totals leave it out"]
        }
        switch report.layer.kind {
        case .convolution(let layer):
            return convolutionSteps(layer, cost)
        case .dense(let layer):
            return denseSteps(layer, cost)
        case .batchNormalization, .standardization:
            return ["MACs: \(grouped(cost.macs)), one scale-and-shift per value (the statistics folded in)",
                    "FLOPs: 2*\(grouped(cost.macs)) = \(grouped(cost.flops))"]
        case .pooling(let layer):
            let window = layer.window.kernel(forRank: max(report.outputShape.spatialRank, 1))
            let windowSize = (try? CheckedArithmetic.product(window, "")) ?? 0
            return ["MACs: 0",
                    "FLOPs: \(grouped(report.outputElements))*\(windowSize) = \(grouped(cost.flops)), each output reading a \(sizes(window)) window"]
        case .globalPooling:
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one per input value"]
        case .activation(let layer):
            let per = switch layer.function.flopsPerElement {
            case 1: "one per value"
            case 3 where layer.function == .softmax: "three per value (exponent, sum, division)"
            case let count: "\(count) per value"
            }
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), \(per)"]
        case .add:
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one per value for each input after the first"]
        case .input, .flatten, .dropout, .concatenate:
            return ["MACs: 0", "FLOPs: 0 (no arithmetic)"]
        case .lossOutput:
            return ["MACs: 0", "FLOPs: 0 (the loss needs the targets, so it runs only while training)"]
        case .embedding:
            return ["MACs: 0", "FLOPs: 0 (a table lookup)"]
        case .classToken:
            return ["MACs: 0", "FLOPs: 0 (the learned token is copied in front)"]
        case .positionEmbedding:
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one addition per value"]
        case .recurrent(let layer):
            return recurrentSteps(layer, cost)
        case .multiHeadAttention(let layer):
            return attentionSteps(layer, cost)
        case .transformerEncoder(let layer):
            return transformerSteps(layer, cost)
        case .elementwise(let layer):
            return elementwiseSteps(layer, cost)
        case .matrixProduct(let layer):
            return matrixProductSteps(layer, cost)
        case .transposedConvolution(let layer):
            return transposedConvolutionSteps(layer, cost)
        case .depthwiseConvolution(let layer):
            return depthwiseConvolutionSteps(layer, cost)
        case .separableConvolution(let layer):
            return separableConvolutionSteps(layer, cost)
        case .upsampling, .zeroPadding, .cropping, .adaptivePooling, .spaceToDepth, .depthToSpace,
             .reshape, .permute, .squeeze, .unsqueeze, .channelSplit, .channelShuffle, .selectStep:
            return resamplingSteps(cost)
        case .layerNormalization, .groupNormalization, .instanceNormalization, .localResponseNormalization, .prelu, .layerScale:
            return normalizationSteps(cost)
        case .timeDistributed(let layer):
            return timeDistributedSteps(layer, cost)
        case .opaque(let layer):
            if cost.macs > 0 {
                return ["MACs: \(grouped(cost.macs)), output values x the length of the inner axis",
                        "FLOPs: 2*\(grouped(cost.macs)) = \(grouped(cost.flops))"]
            }
            return cost.flops == 0
                ? ["MACs: 0", "FLOPs: 0 (\(layer.operatorName) moves or copies values, no arithmetic)"]
                : ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one per output value"]
        }
    }

    /// The wrapped layer's arithmetic for one step, then the steps times it.
    func timeDistributedSteps(_ layer: TimeDistributed, _ cost: Cost) -> [String] {
        guard let inner = report.stepReport(layer), let count = try? layer.steps(of: report.inputShapes[0]).count else {
            return ["MACs: \(grouped(cost.macs))", "FLOPs: \(grouped(cost.flops))"]
        }
        let perStep = CostDerivation(report: inner).steps().map { "  " + $0 }
        guard let stepCost = inner.cost else { return perStep }
        return ["for one step:"] + perStep + [
            "MACs: \(count)*\(grouped(stepCost.macs)) = \(grouped(cost.macs)) (steps x one step)",
            "FLOPs: \(count)*\(grouped(stepCost.flops)) = \(grouped(cost.flops))",
        ]
    }

    func convolutionSteps(_ layer: Convolution, _ cost: Cost) -> [String] {
        let output = report.outputShape
        let positions = (output.spatial.isEmpty ? [output.dimensions(in: .channelsLast)[0]] : output.spatial)
            .map(String.init).joined(separator: "*")
        let kernel = report.kernelTerms
        let perGroup = report.inputShapes[0].channels / max(layer.groups, 1)
        return [
            "MACs: \(positions)*\(layer.filters)*\(kernel)*\(perGroup) = \(grouped(cost.macs)) "
                + "(output positions x filters x kernel x input channels per filter)",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func denseSteps(_ layer: Dense, _ cost: Cost) -> [String] {
        let input = report.inputShapes[0]
        let features = (try? layer.inputFeatures(for: input)) ?? input.channels
        let positions = report.outputElements / max(layer.units, 1)
        let product = positions == 1 ? "\(features)*\(layer.units)" : "\(positions)*\(features)*\(layer.units)"
        return [
            "MACs: \(product) = \(grouped(cost.macs)) (input features x units\(positions == 1 ? "" : " at every position"))",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func extras(hasBias: Bool, activation: Activation.Function?) -> [(count: Int, what: String)] {
        var result: [(Int, String)] = []
        if hasBias { result.append((report.outputElements, "bias")) }
        if let activation, activation.flopsPerElement > 0 {
            let flops = (try? CheckedArithmetic.multiply(report.outputElements, activation.flopsPerElement, "")) ?? 0
            result.append((flops, activation.name))
        }
        return result
    }

    func flopsLine(_ cost: Cost, extras: [(count: Int, what: String)]) -> String {
        let terms = ["2*\(grouped(cost.macs))"] + extras.map { grouped($0.count) }
        let note = extras.isEmpty ? "" : " (" + extras.map { "\($0.what) \(grouped($0.count))" }.joined(separator: ", ") + ")"
        return "FLOPs: \(terms.joined(separator: " + ")) = \(grouped(cost.flops))\(note)"
    }

    func grouped(_ value: Int) -> String { NumberFormatting.grouped(value) }

    func sizes(_ values: [Int]) -> String { values.map(String.init).joined(separator: "x") }
}

extension ReceptiveField {
    /// The field in words: `10x10 (jump 2x2, start 4.5x4.5)`, `6x6 (jump 1/2x1/2, start 0x0)` after an
    /// upsampling, `the whole input`, or `-` without spatial axes.
    public var text: String {
        switch self {
        case .whole:
            return "the whole input"
        case .local(let axes):
            guard !axes.isEmpty else { return "-" }
            let sizes = axes.map { String($0.size) }.joined(separator: "x")
            let jumps = axes.map(\.jump.description).joined(separator: "x")
            let starts = axes.map { Self.startText($0.start) }.joined(separator: "x")
            return "\(sizes) (jump \(jumps), start \(starts))"
        }
    }

    /// `4`, `4.5`, or at most three decimals: `7.357`.
    private static func startText(_ start: Double) -> String {
        if start == start.rounded() && abs(start) < 1e15 { return String(Int(start)) }
        let rounded = (start * 1000).rounded() / 1000
        return String(rounded)
    }
}
