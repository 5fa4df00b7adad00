/// The operators that make the values of shape computations: `Shape`, `Size`, `Constant`,
/// `ConstantOfShape`, `Range`.
extension NodeInference {
    /// `Shape`: a vector of the input's sizes from `start` to `end` (opset 15), named sizes included.
    func shape() throws(Failure) -> Inferred {
        let input = try dims(0)
        let rank = input.count
        let clamp = { (value: Int) in min(max(value < 0 ? value + rank : value, 0), rank) }
        let start = clamp(int("start") ?? 0)
        let end = clamp(int("end") ?? rank)
        let sizes = end > start ? Array(input[start..<end]) : []
        return Inferred([.size(sizes.count)], values: .ints(sizes))
    }

    /// `Size`: the number of elements, a scalar.
    func size() throws(Failure) -> Inferred {
        Inferred([], values: .ints([ONNXDimension.product(try dims(0))]))
    }

    /// `Constant`: the dims of its `value` tensor (whose values are read from the file when needed), or of
    /// `value_int(s)`, `value_float(s)`, `value_string(s)`, whose values the node holds.
    func constant() throws(Failure) -> Inferred {
        if let tensor = attribute("value"), tensor.hasT {
            let dims = tensor.t.dims.map(Int.init)
            guard dims.allSatisfy({ $0 >= 0 }) else { throw .unsupported("its value has negative dims") }
            return Inferred(dims.map(ONNXDimension.size))
        }
        if let sparse = attribute("sparse_value"), sparse.hasSparseTensor {
            return Inferred(sparse.sparseTensor.dims.map { .size(Int($0)) })
        }
        if let value = attribute("value_int") { return Inferred([], values: .ints([.size(Int(value.i))])) }
        if let value = attribute("value_ints") { return Inferred([.size(value.ints.count)], values: .ints(value.ints.map { .size(Int($0)) })) }
        if let value = attribute("value_float") { return Inferred([], values: .floats([Double(value.f)])) }
        if let value = attribute("value_floats") { return Inferred([.size(value.floats.count)], values: .floats(value.floats.map(Double.init))) }
        if attribute("value_string") != nil { return Inferred([]) }
        if let value = attribute("value_strings") { return Inferred([.size(value.strings.count)]) }
        throw .unsupported("it has no value")
    }

    /// `ConstantOfShape`: the shape its input's values give, filled with its `value` (a float 0 by default).
    func constantOfShape() throws(Failure) -> Inferred {
        let shape = try symbolicInts(0, role: "shape")
        if let negative = shape.first(where: { ($0.fixedSize ?? 0) < 0 }) {
            throw .unsupported("its shape \(shape.listText) has the size \(negative)")
        }
        var values: TensorValues?
        if let sizes = Self.fixedSizes(shape), let count = Self.elementCount(sizes), count <= StoredValues.maximumElements {
            if attribute("value") == nil {
                values = .floats(Array(repeating: 0, count: count))
            } else if let output = node.output.first,
                      case .success(let fill) = inference.stored.values(of: StoredValues.fillKey(output)) {
                switch fill.values {
                case .ints(let elements) where elements.count == 1: values = .ints(Array(repeating: elements[0], count: count))
                case .floats(let elements) where elements.count == 1: values = .floats(Array(repeating: elements[0], count: count))
                default: break
                }
            }
        }
        return Inferred(shape, values: values)
    }

    /// `Range`: `max(ceil((limit - start)/delta), 0)` values; `Range(0, n, 1)` has `n` values even when `n` is a named size.
    func range() throws(Failure) -> Inferred {
        let starts = try values(0, role: "start"), limits = try values(1, role: "limit"), deltas = try values(2, role: "delta")
        switch (starts, limits, deltas) {
        case (.ints(let start), .ints(let limit), .ints(let delta)) where start.count == 1 && limit.count == 1 && delta.count == 1:
            if let first = start[0].fixedSize, let end = limit[0].fixedSize, let step = delta[0].fixedSize {
                guard step != 0, step != .min else { throw .unsupported("its delta is \(step)") }
                let (span, overflow) = step > 0 ? end.subtractingReportingOverflow(first) : first.subtractingReportingOverflow(end)
                guard !overflow else { throw .unsupported("its start \(first) and limit \(end) are too far apart") }
                let length = span > 0 ? (span - 1) / abs(step) + 1 : 0
                let values: TensorValues? = length <= StoredValues.maximumElements
                    ? .ints((0..<length).map { .size(first + $0 * step) }) : nil
                return Inferred([.size(length)], values: values)
            }
            guard start[0] == .size(0), delta[0] == .size(1) else {
                throw .unsupported("its start \(start[0]), limit \(limit[0]) and delta \(delta[0]) depend on the batch size")
            }
            return Inferred([limit[0]])
        default:
            let first = try floats(0, role: "start"), end = try floats(1, role: "limit"), step = try floats(2, role: "delta")
            guard first.count == 1, end.count == 1, step.count == 1, step[0] != 0 else { throw .unsupported("its start, limit and delta are not three scalars") }
            let count = ((end[0] - first[0]) / step[0]).rounded(.up)
            guard count.isFinite, abs(count) < 1e12 else { throw .unsupported("it would have \(count) values") }
            let length = max(Int(count), 0)
            let values: TensorValues? = length <= StoredValues.maximumElements
                ? .floats((0..<length).map { first[0] + Double($0) * step[0] }) : nil
            return Inferred([.size(length)], values: values)
        }
    }
}
