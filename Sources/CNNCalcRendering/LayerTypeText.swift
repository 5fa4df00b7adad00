import CNNCalcCore

/// The short type column of a table row: the kind and its main geometry, e.g. `conv 5x5`, `maxpool 2x2 s1`.
enum LayerTypeText {
    /// The type text of `kind`, whose windows are `axes` and whose output has `rank` spatial axes.
    static func text(for kind: LayerKind, axes: [AxisOutput], rank: Int = 2) -> String {
        let kernel = axes.map { String($0.kernel) }.joined(separator: "x")
        let strides = axes.map(\.stride)
        let strideText = " s" + (Set(strides).count == 1 ? String(strides[0]) : strides.map(String.init).joined(separator: "x"))
        switch kind {
        case .convolution(let layer):
            var text = "conv \(kernel)"
            if strides.contains(where: { $0 != 1 }) {
                text += strideText
            }
            if let activation = layer.activation { text += " " + activation.name }
            return text
        case .pooling(let layer):
            var text = "\(layer.kindName) \(kernel)"
            if strides != axes.map(\.kernel) { text += strideText }
            return text
        case .dense(let layer):
            return layer.activation.map { "dense \($0.name)" } ?? "dense"
        case .dropout(let layer):
            return "dropout \(layer.rate)"
        case .recurrent(let layer):
            var text = (layer.isBidirectional ? "bi" : "") + "\(layer.kindName) \(layer.units)"
            if layer.layerCount > 1 { text += " x\(layer.layerCount)" }
            return text
        case .multiHeadAttention(let layer):
            return "mha \(layer.heads) heads"
        case .transformerEncoder(let layer):
            return "transformer \(layer.heads) heads"
        case .concatenate(let layer) where layer.axis != .channels:
            return "concat \(layer.axis.rawValue)"
        case .matrixProduct(let layer) where layer.transposesB:
            return "matmul b^T"
        case .transposedConvolution(let layer):
            let rank = max(rank, 1)
            let strides = layer.window.stride(forRank: rank)
            var text = "deconv " + layer.window.kernel(forRank: rank).map(String.init).joined(separator: "x")
            if strides.contains(where: { $0 != 1 }) {
                text += " s" + (Set(strides).count == 1 ? String(strides[0]) : strides.map(String.init).joined(separator: "x"))
            }
            if let activation = layer.activation { text += " " + activation.name }
            return text
        case .depthwiseConvolution, .separableConvolution:
            var text = "\(kind.kindName) \(kernel)"
            if strides.contains(where: { $0 != 1 }) { text += strideText }
            return text
        case .upsampling(let layer):
            switch layer.target {
            case .scale(let factors): return "upsample x" + factors.map(String.init).joined(separator: "x")
            case .size(let sizes): return "upsample to " + sizes.map(String.init).joined(separator: "x")
            }
        case .adaptivePooling(let layer):
            return "\(layer.kindName) " + layer.outputSize.map(String.init).joined(separator: "x")
        case .timeDistributed(let layer):
            return "timedistributed " + text(for: layer.layer, axes: axes, rank: max(rank - 1, 0))
        default:
            return kind.kindName
        }
    }
}
