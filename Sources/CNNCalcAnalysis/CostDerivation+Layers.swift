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
        let kernel = report.axes.map { String($0.kernel) }.joined(separator: "*")
        return [
            "MACs: \(positionTerms)*\(report.inputShapes[0].channels)*\(layer.multiplier)*\(kernel) = \(grouped(cost.macs)) "
                + "(output positions x input channels x multiplier x kernel)",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func separableConvolutionSteps(_ layer: SeparableConvolution, _ cost: Cost) -> [String] {
        let kernel = report.axes.map { String($0.kernel) }.joined(separator: "*")
        return [
            "MACs: \(positionTerms)*\(report.inputShapes[0].channels)*\(layer.multiplier)*(\(kernel)+\(layer.filters)) = \(grouped(cost.macs)) "
                + "(output positions x depthwise channels x (kernel + pointwise filters))",
            flopsLine(cost, extras: extras(hasBias: layer.hasBias, activation: layer.activation)),
        ]
    }

    func resamplingSteps(_ cost: Cost) -> [String] {
        guard cost.flops > 0 else { return ["MACs: 0", "FLOPs: 0 (values are copied or rearranged, no arithmetic)"] }
        return ["MACs: 0", "FLOPs: \(grouped(cost.flops)), see Cost for the operations per value"]
    }

    func normalizationSteps(_ cost: Cost) -> [String] {
        ["MACs: \(grouped(cost.macs))", "FLOPs: \(grouped(cost.flops)), see Cost for the operations per value"]
    }
}
