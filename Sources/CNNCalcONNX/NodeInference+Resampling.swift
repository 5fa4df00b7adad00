/// `Resize`, `Upsample` and the recurrent layers.
extension NodeInference {
    /// `Resize` to `sizes` when given (with `keep_aspect_ratio_policy` `stretch`, the default, or
    /// `not_larger`/`not_smaller`), else by `scales`: `floor(in * scale)` per axis, in single precision as
    /// ONNX Runtime computes it. `axes` (opset 18) limits them to some axes. A scale of 1 keeps any
    /// size, the batch's included.
    func resize() throws(Failure) -> Inferred {
        var output = try dims(0)
        let rank = output.count
        var axes = Array(0..<rank)
        if let written = ints("axes") { axes = try normalized(axes: written, rank: rank) }
        // Opset 10 has (X, scales); later opsets (X, roi, scales, sizes).
        let scalesIndex = node.input.count == 2 ? 1 : 2
        if hasInput(3), !isEmptyInput(3) {
            let sizes = try symbolicInts(3, role: "sizes")
            guard sizes.count == axes.count else {
                throw .unsupported("its sizes \(sizes.listText) do not match its \(axes.count) axes")
            }
            let policy = string("keep_aspect_ratio_policy") ?? "stretch"
            if policy == "stretch" {
                for (index, axis) in axes.enumerated() { output[axis] = sizes[index] }
            } else {
                var ratios: [Double] = []
                for (index, axis) in axes.enumerated() {
                    guard let size = output[axis].fixedSize, let target = sizes[index].fixedSize, size > 0 else {
                        throw .unsupported("keep_aspect_ratio_policy \(policy) needs fixed sizes")
                    }
                    ratios.append(Double(target) / Double(size))
                }
                let scale = (policy == "not_larger" ? ratios.min() : ratios.max()) ?? 1
                for axis in axes {
                    guard let size = output[axis].fixedSize else { continue }
                    let scaled = (scale * Double(size)).rounded(.toNearestOrAwayFromZero)
                    guard scaled.isFinite, scaled >= 0, scaled < 1e12 else {
                        throw .unsupported("its sizes give \(scaled) values on axis \(axis)")
                    }
                    output[axis] = .size(Int(scaled))
                }
            }
            return Inferred(output, detail: "Resize to sizes \(sizes.listText)")
        }
        guard hasInput(scalesIndex), !isEmptyInput(scalesIndex) else { throw .unsupported("it has neither scales nor sizes") }
        let scales = try floats(scalesIndex, role: "scales")
        guard scales.count == axes.count else {
            throw .unsupported("its scales do not match its \(axes.count) axes")
        }
        try scale(&output, axes: axes, by: scales)
        return Inferred(output, detail: "Resize by scales \(Self.scaleText(scales))")
    }

    /// `Upsample` (opsets 7 to 9) by `scales`, an attribute or its second input: `floor(in * scale)` per axis.
    func upsample() throws(Failure) -> Inferred {
        var output = try dims(0)
        let scales = hasInput(1) ? try floats(1, role: "scales") : (floats("scales") ?? [])
        guard scales.count == output.count else { throw .unsupported("its scales do not match its \(output.count) axes") }
        try scale(&output, axes: Array(output.indices), by: scales)
        return Inferred(output, detail: "Upsample by scales \(Self.scaleText(scales))")
    }

    private func scale(_ dims: inout [ONNXDimension], axes: [Int], by scales: [Double]) throws(Failure) {
        for (index, axis) in axes.enumerated() where scales[index] != 1 {
            guard let size = dims[axis].fixedSize else {
                throw .unsupported("it scales axis \(axis) of size \(dims[axis]), which is not fixed, by \(scales[index])")
            }
            let scaled = (Float(size) * Float(scales[index])).rounded(.down)
            guard scaled.isFinite, scaled >= 0, scaled < 1e12 else {
                throw .unsupported("its scale \(scales[index]) gives \(scaled) values on axis \(axis)")
            }
            dims[axis] = .size(Int(scaled))
        }
    }

    private static func scaleText(_ scales: [Double]) -> String {
        "[" + scales.map { $0.rounded() == $0 && abs($0) < 1e9 ? String(Int($0)) : String($0) }.joined(separator: ", ") + "]"
    }

    /// `LSTM`, `GRU`, `RNN`: with `X` of `steps x batch x features` (`layout` 0, the default) the output `Y`
    /// is `steps x directions x batch x hidden_size` and `Y_h` (and the LSTM's `Y_c`) `directions x batch x
    /// hidden_size`; with `layout` 1 the batch comes first in each. The hidden size is the attribute, or the
    /// last dim of the recurrent weights `R`.
    func recurrent() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 3)
        let isBatchFirst = (int("layout") ?? 0) != 0
        let (steps, batch) = isBatchFirst ? (input[1], input[0]) : (input[0], input[1])
        let directions = ONNXDimension.size((string("direction") ?? "forward") == "bidirectional" ? 2 : 1)
        let hidden: ONNXDimension
        if let size = int("hidden_size") {
            hidden = .size(size)
        } else {
            hidden = try dims(2, rank: 3)[2]
        }
        let sequence = isBatchFirst ? [batch, steps, directions, hidden] : [steps, directions, batch, hidden]
        let state = isBatchFirst ? [batch, directions, hidden] : [directions, batch, hidden]
        return Inferred(outputs: node.opType == "LSTM" ? [sequence, state, state] : [sequence, state])
    }
}
