/// Operators that pick, join or pad parts of tensors: `Concat`, `Split`, `Slice`, `Gather`, `GatherND`, `Pad`, `OneHot`.
extension NodeInference {
    /// `Concat` along `axis`: the sizes on that axis add up, the other axes agree.
    func concat() throws(Failure) -> Inferred {
        var shapes: [[ONNXDimension]] = []
        for index in node.input.indices where hasInput(index) { shapes.append(try dims(index)) }
        guard let first = shapes.first else { throw .unsupported("it has no inputs") }
        guard shapes.allSatisfy({ $0.count == first.count }) else {
            throw .unsupported("its inputs \(shapes.map(\.text).joined(separator: ", ")) have different numbers of axes")
        }
        guard let written = int("axis") else { throw .unsupported("it has no axis") }
        let axis = try normalized(written, rank: first.count)
        var output = first
        output[axis] = shapes.dropFirst().reduce(first[axis]) { $0.plus($1[axis]) }
        for other in first.indices where other != axis {
            for shape in shapes.dropFirst() {
                let (current, next) = (output[other], shape[other])
                if let a = current.fixedSize, let b = next.fixedSize, a != b {
                    throw .unsupported("its inputs \(shapes.map(\.text).joined(separator: ", ")) differ on axis \(other)")
                }
                if current == .unknown || current.fixedSize == nil && next.fixedSize != nil { output[other] = next }
            }
        }
        var values: TensorValues?
        if isStatic, first.count == 1 {
            var joined: [TensorValues] = []
            for index in node.input.indices where hasInput(index) {
                guard let known = knownValues(index) else { break }
                joined.append(known)
            }
            if joined.count == shapes.count { values = Self.joined(joined) }
        }
        return Inferred(output, values: values, detail: "Concat on axis \(axis)")
    }

    /// The values of 1-D tensors one after the other, integers unless one holds floats.
    static func joined(_ parts: [TensorValues]) -> TensorValues? {
        var ints: [ONNXDimension] = []
        var floats: [Double] = []
        var hasFloats = false
        for part in parts {
            switch part {
            case .ints(let values):
                ints += values
                for value in values { floats.append(value.fixedSize.map(Double.init) ?? .nan) }
            case .floats(let values):
                hasFloats = true
                floats += values
            }
        }
        if hasFloats { return floats.contains(where: \.isNaN) ? nil : .floats(floats) }
        return .ints(ints)
    }

    /// `Split` along `axis` (default 0) into the sizes of input 2 or of the `split` attribute; else into
    /// `num_outputs` parts of `ceil(size/num_outputs)`, the last one smaller (opset 18); else into equal parts.
    func split() throws(Failure) -> Inferred {
        let input = try dims(0)
        let axis = try normalized(int("axis") ?? 0, rank: input.count)
        let dim = input[axis]
        let parts = node.output.count
        var sizes: [ONNXDimension]
        if hasInput(1), !isEmptyInput(1) {
            sizes = try ints(1, role: "split sizes").map(ONNXDimension.size)
        } else if let written = ints("split"), !written.isEmpty {
            sizes = written.map(ONNXDimension.size)
        } else if let count = int("num_outputs") {
            guard count >= 1, count == parts, let size = dim.fixedSize, size >= 0 else {
                throw .unsupported("it splits the axis of size \(dim) into \(count) parts")
            }
            let chunk = size / count + (size % count == 0 ? 0 : 1)
            let last = ONNXDimension.size(size).minus(ONNXDimension.size(chunk).times(.size(count - 1)))
            sizes = Array(repeating: .size(chunk), count: count - 1) + [last]
        } else {
            let part = dim.exactlyDivided(by: .size(max(parts, 1)))
            guard part != .unknown else { throw .unsupported("the axis of size \(dim) does not split into \(parts) equal parts") }
            sizes = Array(repeating: part, count: parts)
        }
        let total = sizes.reduce(ONNXDimension.size(0)) { $0.plus($1) }
        if sizes.contains(where: { ($0.fixedSize ?? 0) < 0 }) || total.fixedSize.map({ $0 != dim.fixedSize }) == true && dim.fixedSize != nil {
            throw .unsupported("the sizes \(sizes.listText) do not add up to the \(dim) values of axis \(axis)")
        }
        guard sizes.count == parts else {
            throw .unsupported("it gives \(sizes.count) sizes for \(parts) outputs")
        }
        var outputs = sizes.map { size -> TensorFacts in
            var shape = input
            shape[axis] = size
            return TensorFacts(dims: shape)
        }
        if isStatic, input.count == 1, case .ints(let elements)? = knownValues(0) {
            var offset = 0
            for (index, size) in sizes.enumerated() {
                guard let count = size.fixedSize, offset + count <= elements.count else { break }
                outputs[index].values = .ints(Array(elements[offset..<(offset + count)]))
                offset += count
            }
        }
        return Inferred(facts: outputs, detail: "Split on axis \(axis) into \(sizes.listText)")
    }

    /// `Slice` by `starts`, `ends`, `axes` and `steps` (inputs; attributes before opset 10), clamped as
    /// numpy clamps: negative positions count from the end, and positions past either end stop there.
    ///
    /// ```
    /// step > 0: start, end clamped to [0, size];     count = ceil((end - start)/step), at least 0
    /// step < 0: start to [0, size-1], end to [-1, size-1]; count = ceil((start - end)/-step)
    /// ```
    /// An axis of a named size (the batch) can only be kept whole.
    func slice() throws(Failure) -> Inferred {
        let input = try dims(0)
        let starts: [Int], ends: [Int]
        var axes: [Int]?, steps: [Int]?
        if hasInput(1) {
            starts = try ints(1, role: "starts")
            ends = try ints(2, role: "ends")
            if hasInput(3) { axes = try ints(3, role: "axes") }
            if hasInput(4) { steps = try ints(4, role: "steps") }
        } else {
            guard let written = ints("starts"), let writtenEnds = ints("ends") else { throw .unsupported("it has no starts or ends") }
            (starts, ends) = (written, writtenEnds)
            axes = ints("axes")
        }
        let axisList = try normalized(axes: axes ?? Array(starts.indices), rank: input.count)
        let stepList = steps ?? Array(repeating: 1, count: starts.count)
        guard ends.count == starts.count, axisList.count == starts.count, stepList.count == starts.count else {
            throw .unsupported("its starts, ends, axes and steps have different lengths")
        }
        var output = input
        var picks: [(axis: Int, start: Int, step: Int, count: Int)] = []
        for (index, axis) in axisList.enumerated() {
            let (start, end, step) = (starts[index], ends[index], stepList[index])
            guard step != 0, step != .min else { throw .unsupported("its step \(step) on axis \(axis)") }
            if let size = input[axis].fixedSize {
                let (first, count) = Self.sliced(start: start, end: end, step: step, size: size)
                output[axis] = .size(count)
                picks.append((axis, first, step, count))
            } else if Self.isWhole(start: start, end: end, step: step) {
                picks.append((axis, 0, step, -1))
            } else {
                throw .unsupported("it slices \(start):\(end):\(step) from axis \(axis) of size \(input[axis]), which is not fixed")
            }
        }
        var values: TensorValues?
        if isStatic, let sizes = Self.fixedSizes(input), let outputSizes = Self.fixedSizes(output), let known = knownValues(0, sizes: sizes) {
            let strides = Self.strides(of: sizes)
            var first = [Int](repeating: 0, count: sizes.count)
            var step = [Int](repeating: 1, count: sizes.count)
            for pick in picks { (first[pick.axis], step[pick.axis]) = (pick.start, pick.step) }
            values = Self.remapped(known, outputSizes: outputSizes) { position in
                position.indices.reduce(0) { $0 + (first[$1] + position[$1] * step[$1]) * strides[$1] }
            }
        }
        let text = zip(starts, zip(ends, stepList)).map { "\($0):\($1.0):\($1.1)" }.joined(separator: ", ")
        return Inferred(output, values: values, detail: "Slice \(text) on axes \(axisList.listText)")
    }

    /// The first index and the count of `start:end:step` on an axis of `size`.
    static func sliced(start: Int, end: Int, step: Int, size: Int) -> (first: Int, count: Int) {
        guard size > 0 else { return (0, 0) }
        var first = start < 0 ? start + size : start
        var last = end < 0 ? end + size : end
        if step > 0 {
            first = min(max(first, 0), size)
            last = min(max(last, 0), size)
            return (first, last > first ? (last - first - 1) / step + 1 : 0)
        }
        first = min(max(first, 0), size - 1)
        last = min(max(last, -1), size - 1)
        return (first, first > last ? (first - last - 1) / -step + 1 : 0)
    }

    /// Whether `start:end:step` keeps every value of an axis whatever its size.
    static func isWhole(start: Int, end: Int, step: Int) -> Bool {
        let far = Int(Int32.max)
        return step == 1 && start == 0 && end >= far || step == -1 && start >= far && end <= -far
    }

    /// `Gather` along `axis` (default 0): the data's axes before it, the indices' axes, then the data's axes after it.
    func gather() throws(Failure) -> Inferred {
        let data = try dims(0)
        let indices = try dims(1)
        let axis = try normalized(int("axis") ?? 0, rank: data.count)
        let output = Array(data[..<axis]) + indices + Array(data[(axis + 1)...])
        var values: TensorValues?
        if isStatic, let dataSizes = Self.fixedSizes(data), let known = knownValues(0, sizes: dataSizes),
           case .ints(let picked)? = knownValues(1), let outputSizes = Self.fixedSizes(output),
           let count = Self.elementCount(outputSizes), count <= StoredValues.maximumElements {
            values = Self.gathered(known, sizes: dataSizes, axis: axis, indices: picked)
        }
        var detail = "Gather along axis \(axis)"
        if case .ints(let picked)? = knownValues(1), picked.count <= 8 { detail += " at \(picked.listText)" }
        return Inferred(output, values: values, detail: detail)
    }

    private static func gathered(_ data: TensorValues, sizes: [Int], axis: Int, indices: [ONNXDimension]) -> TensorValues? {
        let outer = elementCount(Array(sizes[..<axis])) ?? 0
        let inner = elementCount(Array(sizes[(axis + 1)...])) ?? 0
        let length = sizes[axis]
        var positions: [Int] = []
        for index in indices {
            guard let value = index.fixedSize, value >= -length, value < length else { return nil }
            positions.append(value < 0 ? value + length : value)
        }
        var picks: [Int] = []
        for block in 0..<outer {
            for position in positions {
                for element in 0..<inner { picks.append((block * length + position) * inner + element) }
            }
        }
        switch data {
        case .ints(let values): return picks.allSatisfy(values.indices.contains) ? .ints(picks.map { values[$0] }) : nil
        case .floats(let values): return picks.allSatisfy(values.indices.contains) ? .floats(picks.map { values[$0] }) : nil
        }
    }

    /// `GatherND`: the indices' axes but the last, then the data's axes after `batch_dims` plus the last index axis's size.
    func gatherND() throws(Failure) -> Inferred {
        let data = try dims(0)
        let indices = try dims(1, rank: 1, orMore: true)
        let batch = int("batch_dims") ?? 0
        guard let depth = indices[indices.count - 1].fixedSize, batch >= 0, batch + depth <= data.count else {
            throw .unsupported("its index depth \(indices[indices.count - 1]) does not fit its data \(data.text)")
        }
        return Inferred(Array(indices.dropLast()) + Array(data[(batch + depth)...]))
    }

    /// `Pad` by `pads` (input from opset 11, else the attribute): all the befores, then all the afters, over
    /// every axis or over `axes` (opset 18). Negative pads crop.
    func pad() throws(Failure) -> Inferred {
        let input = try dims(0)
        let pads: [Int]
        if hasInput(1) {
            pads = try ints(1, role: "pads")
        } else if let written = ints("pads") ?? ints("paddings") {
            pads = written
        } else {
            throw .unsupported("it has no pads")
        }
        let axes = hasInput(3) ? try normalized(axes: try ints(3, role: "axes"), rank: input.count) : Array(input.indices)
        guard pads.count == 2 * axes.count else {
            throw .unsupported("its pads \(pads.listText) do not give a begin and an end for each of \(axes.count) axes")
        }
        var output = input
        for (index, axis) in axes.enumerated() {
            output[axis] = input[axis].plus(.size(pads[index])).plus(.size(pads[index + axes.count]))
            if let size = output[axis].fixedSize, size < 0 {
                throw .unsupported("its pads \(pads.listText) crop axis \(axis) to \(size) values")
            }
        }
        try requireKnown(output, from: input, what: "a named size plus a padding")
        return Inferred(output, detail: "Pad by \(pads.listText)")
    }

    /// `OneHot`: the indices' axes with `depth` inserted at `axis` (default -1, the end).
    func oneHot() throws(Failure) -> Inferred {
        let indices = try dims(0)
        guard let depth = try floats(1, role: "depth").first, depth >= 0, depth < 1e12 else {
            throw .unsupported("its depth is not a positive number")
        }
        var output = indices
        let axis = try normalized(int("axis") ?? -1, rank: indices.count + 1)
        output.insert(.size(Int(depth)), at: axis)
        return Inferred(output)
    }
}
