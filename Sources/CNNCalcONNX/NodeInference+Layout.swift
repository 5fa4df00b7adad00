/// Operators that rearrange values without computing: `Reshape`, `Flatten`, `Transpose`, `Squeeze`,
/// `Unsqueeze`, `Expand`, `Tile`, `DepthToSpace`, `SpaceToDepth`.
extension NodeInference {
    /// `Reshape` to the target shape of input 2: a 0 copies the input's size on that axis (unless
    /// `allowzero`), one -1 takes what is left: the input's element count divided by the other sizes.
    ///
    /// With a batch of unknown size the counts are multiples of it: `batch x 16 x 3 x 3` to `[batch, -1]`
    /// leaves `144*batch / batch = 144`.
    func reshape() throws(Failure) -> Inferred {
        let input = try dims(0)
        let target = try symbolicInts(1, role: "target shape")
        let allowsZero = (int("allowzero") ?? 0) != 0
        var output: [ONNXDimension] = []
        var freeAxis: Int?
        for (axis, value) in target.enumerated() {
            switch value {
            case .size(-1):
                guard freeAxis == nil else { throw .unsupported("its target shape \(target.listText) has two -1") }
                freeAxis = axis
                output.append(.unknown)
            case .size(0) where !allowsZero:
                guard axis < input.count else {
                    throw .unsupported("its target shape \(target.listText) copies axis \(axis) of an input with \(input.count) axes")
                }
                output.append(input[axis])
            case .size(let size) where size < 0:
                throw .unsupported("its target shape \(target.listText) has the size \(size)")
            case .unknown:
                throw .unsupported("its target shape \(target.listText) has a size CNNCalc cannot compute")
            default:
                output.append(value)
            }
        }
        if let freeAxis {
            let total = ONNXDimension.product(input)
            let others = ONNXDimension.product(output.enumerated().filter { $0.offset != freeAxis }.map(\.element))
            let size = total.exactlyDivided(by: others)
            guard size != .unknown else {
                throw .unsupported("the -1 of its target shape \(target.listText) would be \(total) / \(others)")
            }
            output[freeAxis] = size
        }
        let values = isStatic ? knownValues(0) : nil
        return Inferred(output, values: values, detail: "Reshape to \(target.listText)")
    }

    /// `Flatten` at `axis` (default 1): the product of the axes before it, and of the others.
    func flatten() throws(Failure) -> Inferred {
        let input = try dims(0)
        var axis = int("axis") ?? 1
        if axis < 0 { axis += input.count }
        guard axis >= 0 && axis <= input.count else { throw .unsupported("axis \(int("axis") ?? 1) is outside its \(input.count) axes") }
        let output = [ONNXDimension.product(input[..<axis]), ONNXDimension.product(input[axis...])]
        try requireKnown(output, from: input, what: "a product of two named sizes")
        return Inferred(output, detail: "Flatten at axis \(axis)")
    }

    /// `Transpose` by `perm` (default: the axes reversed).
    func transpose() throws(Failure) -> Inferred {
        let input = try dims(0)
        let perm = ints("perm") ?? Array(input.indices.reversed())
        guard perm.count == input.count, Set(perm) == Set(input.indices) else {
            throw .unsupported("perm \(perm.listText) is not an order of its \(input.count) axes")
        }
        let output = perm.map { input[$0] }
        var values: TensorValues?
        if isStatic, let sizes = Self.fixedSizes(input), let known = knownValues(0, sizes: sizes), let outputSizes = Self.fixedSizes(output) {
            let strides = Self.strides(of: sizes)
            values = Self.remapped(known, outputSizes: outputSizes) { position in
                zip(perm, position).reduce(0) { $0 + $1.1 * strides[$1.0] }
            }
        }
        return Inferred(output, values: values, detail: "Transpose by perm \(perm.listText)")
    }

    /// `Squeeze`: removes `axes` (input or attribute), each of size 1, or every axis of size 1 when none are given.
    func squeeze() throws(Failure) -> Inferred {
        let input = try dims(0)
        let given = hasInput(1) ? try ints(1, role: "axes") : ints("axes")
        var removed: Set<Int>
        if let given {
            removed = Set(try normalized(axes: given, rank: input.count))
            for axis in removed where input[axis].fixedSize.map({ $0 != 1 }) ?? false {
                throw .unsupported("axis \(axis) has size \(input[axis]), not 1")
            }
        } else {
            guard !input.contains(.unknown) else { throw .unsupported("without axes, it needs every size of \(input.text)") }
            removed = Set(input.indices.filter { input[$0] == .size(1) })
        }
        let output = input.indices.filter { !removed.contains($0) }.map { input[$0] }
        let values = isStatic ? knownValues(0) : nil
        return Inferred(output, values: values, detail: "Squeeze axes \(removed.sorted().listText)")
    }

    /// `Unsqueeze`: inserts an axis of size 1 at each of `axes` (input or attribute), counted in the output.
    func unsqueeze() throws(Failure) -> Inferred {
        let input = try dims(0)
        guard let axes = hasInput(1) ? try ints(1, role: "axes") : ints("axes") else { throw .unsupported("it has no axes") }
        let rank = input.count + axes.count
        let inserted = Set(try normalized(axes: axes, rank: rank))
        var remaining = input.makeIterator()
        let output = (0..<rank).map { inserted.contains($0) ? ONNXDimension.size(1) : (remaining.next() ?? .unknown) }
        let values = isStatic ? knownValues(0) : nil
        return Inferred(output, values: values, detail: "Unsqueeze axes \(axes.listText)")
    }

    /// `Expand` to the shape of input 2, broadcast both ways (a 1 in either keeps the other's size).
    func expand() throws(Failure) -> Inferred {
        let input = try dims(0)
        let shape = try symbolicInts(1, role: "shape")
        let output = try broadcastDims([input, shape])
        var values: TensorValues?
        if isStatic, let sizes = Self.fixedSizes(output), let count = Self.elementCount(sizes), count <= StoredValues.maximumElements,
           let inputSizes = Self.fixedSizes(input), let known = knownValues(0, sizes: inputSizes) {
            let map = Self.broadcastIndices(from: inputSizes, to: sizes)
            switch known {
            case .ints(let elements): values = .ints(map.map { elements[$0] })
            case .floats(let elements): values = .floats(map.map { elements[$0] })
            }
        }
        return Inferred(output, values: values, detail: "Expand to \(shape.listText)")
    }

    /// `Tile`: each axis times its repeat count.
    func tile() throws(Failure) -> Inferred {
        let input = try dims(0)
        let repeats = try ints(1, role: "repeats")
        guard repeats.count == input.count, repeats.allSatisfy({ $0 >= 0 }) else {
            throw .unsupported("its repeats \(repeats.listText) do not fit its \(input.count) axes")
        }
        let output = zip(input, repeats).map { $0.times(.size($1)) }
        try requireKnown(output, from: input, what: "too large")
        return Inferred(output, detail: "Tile by \(repeats.listText)")
    }

    /// `DepthToSpace` (`N x C x H x W` to `N x C/b² x H*b x W*b`) and `SpaceToDepth` (the reverse), block size `b`.
    func depthSpace() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 4)
        guard let block = int("blocksize"), block >= 1 else { throw .unsupported("it has no positive blocksize") }
        let square = ONNXDimension.size(block).times(.size(block))
        let output: [ONNXDimension] = node.opType == "DepthToSpace"
            ? [input[0], input[1].exactlyDivided(by: square), input[2].times(.size(block)), input[3].times(.size(block))]
            : [input[0], input[1].times(square), input[2].exactlyDivided(by: .size(block)), input[3].exactlyDivided(by: .size(block))]
        try requireKnown(output, from: input, what: "not divisible by the block size \(block)")
        return Inferred(output)
    }

    /// Fails when `output` has an unknown axis that `input` did not have: the rule itself could not tell it.
    func requireKnown(_ output: [ONNXDimension], from input: [ONNXDimension], what: String) throws(Failure) {
        if output.contains(.unknown) && !input.contains(.unknown) {
            throw .unsupported("its output \(output.text) has an axis that is \(what)")
        }
    }
}
