import CNNCalcCore

/// Cost steps of the convolution, resampling and normalization families.
extension CostDerivation {
    private var positionTerms: String {
        let output = report.outputShape
        let sizes = output.spatial.isEmpty ? [output.dimensions(in: .channelsLast)[0]] : output.spatial
        return sizes.map(String.init).joined(separator: "*")
    }

    func transposedConvolutionSteps(_ layer: TransposedConvolution, _ cost: Cost) -> [String] {
        let input = report.inputShapes[0]
        let positions = (input.spatial.isEmpty ? [input.dimensions(in: .channelsLast)[0]] : input.spatial)
            .map(String.init).joined(separator: "*")
        let kernel = layer.window.kernel(forRank: max(input.spatialRank, 1)).map(String.init).joined(separator: "*")
        let perGroup = layer.filters / max(layer.groups, 1)
        return [
            "MACs: \(positions)*\(input.channels)*\(kernel)*\(perGroup) = \(grouped(cost.macs)) "
                + "(input positions x input channels x kernel x filters per group)",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func depthwiseConvolutionSteps(_ layer: DepthwiseConvolution, _ cost: Cost) -> [String] {
        let kernel = report.kernelTerms
        return [
            "MACs: \(positionTerms)*\(report.inputShapes[0].channels)*\(layer.multiplier)*\(kernel) = \(grouped(cost.macs)) "
                + "(output positions x input channels x multiplier x kernel)",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func separableConvolutionSteps(_ layer: SeparableConvolution, _ cost: Cost) -> [String] {
        let kernel = report.kernelTerms
        return [
            "MACs: \(positionTerms)*\(report.inputShapes[0].channels)*\(layer.multiplier)*(\(kernel)+\(layer.filters)) = \(grouped(cost.macs)) "
                + "(output positions x depthwise channels x (kernel + pointwise filters))",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func resamplingSteps(_ cost: Cost) -> [String] {
        guard cost.flops > 0 else { return ["MACs: 0", "FLOPs: 0 (values are copied or rearranged, no arithmetic)"] }
        switch report.layer.kind {
        case .upsampling(let layer):
            let rank = layer.mode.spatialRank ?? 0
            let per = 2 * (1 << rank) - 1
            return ["MACs: 0",
                    "FLOPs: \(grouped(report.outputElements))*\(per) = \(grouped(cost.flops)), each output weighing its \(1 << rank) nearest inputs"]
        default:
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one per value a window reads"]
        }
    }

    func normalizationSteps(_ cost: Cost) -> [String] {
        let elements = report.outputElements
        switch report.layer.kind {
        case .localResponseNormalization(let layer):
            return ["MACs: \(grouped(elements))*\(layer.size) = \(grouped(cost.macs)), squares summed over \(layer.size) channels",
                    "FLOPs: 2*\(grouped(cost.macs)) + 3*\(grouped(elements)) = \(grouped(cost.flops)) (scaling, power and division)"]
        case .prelu, .layerScale:
            return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), one per value"]
        default:
            let statistics = "5*\(grouped(elements))"
            guard cost.macs > 0 else {
                return ["MACs: 0 (no scale or shift)",
                        "FLOPs: \(statistics) = \(grouped(cost.flops)) (mean, variance and normalization: 5 per value)"]
            }
            return ["MACs: \(grouped(cost.macs)), one scale-and-shift per value",
                    "FLOPs: 2*\(grouped(cost.macs)) + \(statistics) = \(grouped(cost.flops)) (mean, variance and normalization: 5 per value)"]
        }
    }
}
