/// Elementwise operators: broadcasting and the normalizations' extra outputs.
extension NodeInference {
    /// Numpy's broadcasting, as ONNX's multidirectional broadcasting: the shapes are aligned on the
    /// right, and on each axis the sizes are equal or 1, the result taking the larger.
    ///
    /// | a | b | result |
    /// |---|---|---|
    /// | `batch x 16 x 8 x 8` | `16 x 1 x 1` | `batch x 16 x 8 x 8` |
    /// | `10 x 1` | `1 x 7` | `10 x 7` |
    /// | `batch` | `1` | `batch` |
    /// | `batch` | `5` | `5` (a named size meeting a fixed one other than 1 must be it, or 1) |
    func broadcast() throws(Failure) -> Inferred {
        var shapes: [[ONNXDimension]] = []
        for index in node.input.indices where hasInput(index) {
            shapes.append(try dims(index))
        }
        guard !shapes.isEmpty else { throw .unsupported("it has no inputs") }
        let output = try broadcastDims(shapes)
        var result = Inferred(output)
        if isStatic { result.outputs[0].values = try? foldedValues(output) }
        return result
    }

    func broadcastDims(_ shapes: [[ONNXDimension]]) throws(Failure) -> [ONNXDimension] {
        let rank = shapes.map(\.count).max() ?? 0
        var output = [ONNXDimension](repeating: .size(1), count: rank)
        for position in 0..<rank {
            var dim = ONNXDimension.size(1)
            for shape in shapes {
                let offset = rank - shape.count
                guard position >= offset else { continue }
                guard let combined = Self.broadcast(dim, shape[position - offset]) else {
                    throw .unsupported("its inputs' shapes \(shapes.map(\.text).joined(separator: " and ")) do not broadcast on axis \(position)")
                }
                dim = combined
            }
            output[position] = dim
        }
        return output
    }

    /// One axis of a broadcast, `nil` for two different fixed sizes neither of which is 1.
    static func broadcast(_ a: ONNXDimension, _ b: ONNXDimension) -> ONNXDimension? {
        if a == b { return a }
        if a == .size(1) { return b }
        if b == .size(1) { return a }
        switch (a, b) {
        case (.size, .size): return nil
        case (.size, _): return a
        case (_, .size): return b
        default: return .unknown
        }
    }

    /// `Y` with the input's shape; `Mean` and `InvStdDev` keep the axes before `axis` and set the others to 1.
    func layerNormalization() throws(Failure) -> Inferred {
        let shape = try dims(0)
        let axis = try normalized(int("axis") ?? -1, rank: shape.count)
        let statistics = Array(shape[..<axis]) + Array(repeating: ONNXDimension.size(1), count: shape.count - axis)
        return Inferred(outputs: [shape, statistics, statistics])
    }
}
