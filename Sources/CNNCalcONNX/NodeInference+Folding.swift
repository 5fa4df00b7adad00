/// Constant folding of the elementwise operators on small static tensors: the arithmetic PyTorch's
/// exporters write to compute sizes (`Mul` of a gathered batch by the head count, `Div` of the
/// features by the heads, `Cast`, `Equal` and `Where` for `expand`).
///
/// Integers are ``ONNXDimension`` values, so that a named size passes through: `Mul(batch, 2)` is
/// `2*batch`, `Div(2*batch, 2)` is `batch`, `Equal(batch, -1)` is false (a size is at least 1).
/// Anything else that involves a named size is unknown. Floating-point values follow IEEE doubles.
extension NodeInference {
    /// The values of the node's first output, given its dims, when every input's values are known.
    func foldedValues(_ outputDims: [ONNXDimension]?) throws(Failure) -> TensorValues? {
        guard let outputDims, let sizes = Self.fixedSizes(outputDims),
              let count = Self.elementCount(sizes), count <= StoredValues.maximumElements else { return nil }
        let op = node.opType
        if op == "Identity" || op == "Dropout" { return knownValues(0) }
        if op == "Cast" || op == "CastLike" { return try knownValues(0).flatMap { known throws(Failure) in try cast(known) } }
        var operands: [(dims: [Int], values: TensorValues)] = []
        for index in node.input.indices where hasInput(index) {
            guard let dims = Self.fixedSizes(try dims(index)), Self.isBroadcastable(dims, to: sizes),
                  let known = knownValues(index, sizes: dims) else { return nil }
            operands.append((dims, known))
        }
        guard Self.accepts(op, operands: operands.count) else { return nil }
        let broadcasted = operands.map { operand in
            let map = Self.broadcastIndices(from: operand.dims, to: sizes)
            switch operand.values {
            case .ints(let values): return TensorValues.ints(map.map { values[$0] })
            case .floats(let values): return TensorValues.floats(map.map { values[$0] })
            }
        }
        guard broadcasted.allSatisfy({ $0.count == count }) else { return nil }
        return Self.apply(op, to: broadcasted, count: count, fmod: (int("fmod") ?? 0) != 0)
    }

    private func cast(_ input: TensorValues) throws(Failure) -> TensorValues? {
        let target: Int
        if node.opType == "CastLike" {
            guard let like = knownValues(1) else { return nil }
            if case .floats = like { target = 1 } else { target = 7 }
        } else {
            target = int("to") ?? 7
        }
        let toFloat = [1, 10, 11, 16].contains(target)
        switch input {
        case .ints(let values):
            if target == 9 { return .ints(values.map { $0.fixedSize.map { .size($0 != 0 ? 1 : 0) } ?? ($0.isEqual(to: .size(0)) == false ? .size(1) : .unknown) }) }
            guard toFloat else { return input }
            var result: [Double] = []
            for value in values {
                guard let size = value.fixedSize else { return nil }
                result.append(Double(size))
            }
            return .floats(result)
        case .floats(let values):
            if toFloat { return input }
            if target == 9 { return .ints(values.map { .size($0 != 0 ? 1 : 0) }) }
            var result: [ONNXDimension] = []
            for value in values {
                guard value.isFinite, abs(value) < 9.2e18 else { return nil }
                result.append(.size(Int(value.rounded(.towardZero))))
            }
            return .ints(result)
        }
    }

    /// Whether `op` folds `count` operands: one, two, three (`Where`), or any number for the variadic ones.
    static func accepts(_ op: String, operands count: Int) -> Bool {
        switch op {
        case "Add", "Mul", "Max", "Min", "Sum", "Mean": count >= 1
        case "Where": count == 3
        case "Neg", "Abs", "Sign", "Relu", "Not", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round": count == 1
        default: count == 2
        }
    }

    /// Whether a tensor of `input` sizes broadcasts to `output` sizes: no more axes, each 1 or equal.
    static func isBroadcastable(_ input: [Int], to output: [Int]) -> Bool {
        guard input.count <= output.count else { return false }
        let offset = output.count - input.count
        return input.indices.allSatisfy { input[$0] == 1 || input[$0] == output[$0 + offset] }
    }

    static func fixedSizes(_ dims: [ONNXDimension]) -> [Int]? {
        var sizes: [Int] = []
        for dim in dims {
            guard let size = dim.fixedSize, size >= 0 else { return nil }
            sizes.append(size)
        }
        return sizes
    }

    static func elementCount(_ sizes: [Int]) -> Int? {
        var count = 1
        for size in sizes {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// For each element of a tensor of `output` sizes, the index of the element of a tensor of `input` sizes broadcast to it.
    static func broadcastIndices(from input: [Int], to output: [Int]) -> [Int] {
        let count = elementCount(output) ?? 0
        let offset = output.count - input.count
        var strides = [Int](repeating: 0, count: output.count)
        var step = 1
        for axis in stride(from: input.count - 1, through: 0, by: -1) {
            strides[axis + offset] = input[axis] == 1 ? 0 : step
            step *= input[axis]
        }
        var indices = [Int](repeating: 0, count: count)
        var position = [Int](repeating: 0, count: output.count)
        for element in 0..<count {
            var index = 0
            for axis in 0..<output.count { index += position[axis] * strides[axis] }
            indices[element] = index
            var axis = output.count - 1
            while axis >= 0 {
                position[axis] += 1
                if position[axis] < output[axis] { break }
                position[axis] = 0
                axis -= 1
            }
        }
        return indices
    }

    /// `op` applied element by element to operands of `count` values each.
    static func apply(_ op: String, to operands: [TensorValues], count: Int, fmod: Bool) -> TensorValues? {
        if operands.allSatisfy({ if case .ints = $0 { true } else { false } }) {
            let lists: [[ONNXDimension]] = operands.map { if case .ints(let values) = $0 { values } else { [] } }
            guard let operation = integerOperation(op, fmod: fmod) else { return nil }
            return .ints((0..<count).map { element in operation(lists.map { $0[element] }) })
        }
        var lists: [[Double]] = []
        for operand in operands {
            switch operand {
            case .floats(let values): lists.append(values)
            case .ints(let values):
                var converted: [Double] = []
                for value in values {
                    guard let size = value.fixedSize else { return nil }
                    converted.append(Double(size))
                }
                lists.append(converted)
            }
        }
        if let operation = comparison(op) {
            return .ints((0..<count).map { element in operation(lists.map { $0[element] }) ? .size(1) : .size(0) })
        }
        guard let operation = floatOperation(op, fmod: fmod) else { return nil }
        return .floats((0..<count).map { element in operation(lists.map { $0[element] }) })
    }

    private static func integerOperation(_ op: String, fmod: Bool) -> (([ONNXDimension]) -> ONNXDimension)? {
        func fixed(_ operands: [ONNXDimension], _ body: ([Int]) -> Int?) -> ONNXDimension {
            let sizes = operands.compactMap(\.fixedSize)
            guard sizes.count == operands.count, let result = body(sizes) else { return .unknown }
            return .size(result)
        }
        func truth(_ value: Bool?) -> ONNXDimension { value.map { .size($0 ? 1 : 0) } ?? .unknown }
        switch op {
        case "Add", "Sum": return { $0.dropFirst().reduce($0[0]) { $0.plus($1) } }
        case "Sub": return { $0[0].minus($0[1]) }
        case "Mul": return { $0.dropFirst().reduce($0[0]) { $0.times($1) } }
        case "Div": return { $0[0].truncatingDivided(by: $0[1]) }
        case "Neg": return { fixed($0) { $0[0] == .min ? nil : -$0[0] } }
        case "Abs": return { value in if case .symbol = value[0] { return value[0] }; return fixed(value) { $0[0] == .min ? nil : abs($0[0]) } }
        case "Sign": return { value in if case .symbol = value[0] { return .size(1) }; return fixed(value) { $0[0].signum() } }
        case "Relu": return { value in if case .symbol = value[0] { return value[0] }; return fixed(value) { max($0[0], 0) } }
        case "Mod":
            return { operands in
                fixed(operands) { values in
                    let (a, b) = (values[0], values[1])
                    guard b != 0, !(a == .min && b == -1) else { return nil }
                    let remainder = a % b
                    // Without fmod the result takes the divisor's sign, as Python's %.
                    return fmod || remainder == 0 || (remainder < 0) == (b < 0) ? remainder : remainder + b
                }
            }
        case "Pow":
            return { operands in
                fixed(operands) { values in
                    guard values[1] >= 0 else { return nil }
                    var result = 1
                    for _ in 0..<min(values[1], 64) {
                        let (product, overflow) = result.multipliedReportingOverflow(by: values[0])
                        if overflow { return nil }
                        result = product
                    }
                    return values[1] > 64 && abs(values[0]) > 1 ? nil : result
                }
            }
        case "Max", "Min":
            return { operands in
                operands.dropFirst().reduce(operands[0]) { a, b in
                    if let x = a.fixedSize, let y = b.fixedSize { return .size(op == "Max" ? max(x, y) : min(x, y)) }
                    // A named size is at least its factor: max(2*batch, 1) is 2*batch, min(batch, 1) is 1.
                    let (symbolic, fixedValue): (ONNXDimension, Int?) = a.fixedSize == nil ? (a, b.fixedSize) : (b, a.fixedSize)
                    guard case .symbol(_, let factor) = symbolic, let fixedValue, fixedValue <= factor else { return .unknown }
                    return op == "Max" ? symbolic : .size(fixedValue)
                }
            }
        case "Equal": return { truth($0[0].isEqual(to: $0[1])) }
        case "Less", "Greater", "LessOrEqual", "GreaterOrEqual":
            return { operands in
                guard let a = operands[0].fixedSize, let b = operands[1].fixedSize else {
                    // A named size k*s is at least k.
                    if case .symbol(_, let factor) = operands[0], let b = operands[1].fixedSize, b < factor {
                        return truth(op == "Greater" || op == "GreaterOrEqual")
                    }
                    if case .symbol(_, let factor) = operands[1], let a = operands[0].fixedSize, a < factor {
                        return truth(op == "Less" || op == "LessOrEqual")
                    }
                    return .unknown
                }
                switch op {
                case "Less": return truth(a < b)
                case "Greater": return truth(a > b)
                case "LessOrEqual": return truth(a <= b)
                default: return truth(a >= b)
                }
            }
        case "And": return { fixed($0) { ($0[0] != 0 && $0[1] != 0) ? 1 : 0 } }
        case "Or": return { fixed($0) { ($0[0] != 0 || $0[1] != 0) ? 1 : 0 } }
        case "Xor": return { fixed($0) { ($0[0] != 0) != ($0[1] != 0) ? 1 : 0 } }
        case "Not": return { fixed($0) { $0[0] == 0 ? 1 : 0 } }
        case "Where":
            return { operands in
                switch operands[0].fixedSize {
                case .some(0): return operands[2]
                case .some: return operands[1]
                case .none: return operands[1] == operands[2] ? operands[1] : .unknown
                }
            }
        default: return nil
        }
    }

    private static func comparison(_ op: String) -> (([Double]) -> Bool)? {
        switch op {
        case "Equal": { $0[0] == $0[1] }
        case "Less": { $0[0] < $0[1] }
        case "Greater": { $0[0] > $0[1] }
        case "LessOrEqual": { $0[0] <= $0[1] }
        case "GreaterOrEqual": { $0[0] >= $0[1] }
        default: nil
        }
    }

    private static func floatOperation(_ op: String, fmod: Bool) -> (([Double]) -> Double)? {
        switch op {
        case "Add", "Sum": { $0.reduce(0, +) }
        case "Sub": { $0[0] - $0[1] }
        case "Mul": { $0.reduce(1, *) }
        case "Div": { $0[0] / $0[1] }
        case "Pow": { power($0[0], $0[1]) }
        case "Max": { $0.max() ?? .nan }
        case "Min": { $0.min() ?? .nan }
        case "Mean": { $0.reduce(0, +) / Double($0.count) }
        case "Mod": { $0[0].truncatingRemainder(dividingBy: $0[1]) }
        case "Neg": { -$0[0] }
        case "Abs": { Swift.abs($0[0]) }
        case "Sqrt": { $0[0].squareRoot() }
        case "Reciprocal": { 1 / $0[0] }
        case "Floor": { $0[0].rounded(.down) }
        case "Ceil": { $0[0].rounded(.up) }
        case "Round": { $0[0].rounded(.toNearestOrEven) }
        case "Relu": { max($0[0], 0) }
        case "Where": { $0[0] != 0 ? $0[1] : $0[2] }
        default: nil
        }
    }

    /// `base` to a whole `exponent` of at most 64 in size; NaN for other exponents, which shape computations do not use.
    private static func power(_ base: Double, _ exponent: Double) -> Double {
        guard exponent.rounded() == exponent, Swift.abs(exponent) <= 64 else { return .nan }
        var result = 1.0
        for _ in 0..<Int(Swift.abs(exponent)) { result *= base }
        return exponent < 0 ? 1 / result : result
    }

    /// The row-major strides of a tensor of `sizes`, whose element count must fit in an `Int`.
    static func strides(of sizes: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: sizes.count)
        var step = 1
        for axis in stride(from: sizes.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step = step.multipliedReportingOverflow(by: sizes[axis]).partialValue
        }
        return strides
    }

    /// The values of input `index` when known and as many as `sizes` hold.
    func knownValues(_ index: Int, sizes: [Int]) -> TensorValues? {
        guard let known = knownValues(index), Self.elementCount(sizes) == known.count else { return nil }
        return known
    }

    /// The values of a tensor of `outputSizes` whose element at each position is the element of `values` at
    /// `source(position)`; `nil` when too many or a source is out of range.
    static func remapped(_ values: TensorValues, outputSizes: [Int], source: ([Int]) -> Int) -> TensorValues? {
        guard let count = elementCount(outputSizes), count <= StoredValues.maximumElements else { return nil }
        var indices: [Int] = []
        indices.reserveCapacity(count)
        var position = [Int](repeating: 0, count: outputSizes.count)
        for _ in 0..<count {
            indices.append(source(position))
            var axis = outputSizes.count - 1
            while axis >= 0 {
                position[axis] += 1
                if position[axis] < outputSizes[axis] { break }
                position[axis] = 0
                axis -= 1
            }
        }
        switch values {
        case .ints(let elements):
            return indices.allSatisfy(elements.indices.contains) ? .ints(indices.map { elements[$0] }) : nil
        case .floats(let elements):
            return indices.allSatisfy(elements.indices.contains) ? .floats(indices.map { elements[$0] }) : nil
        }
    }
}
