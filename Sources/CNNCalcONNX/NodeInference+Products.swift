/// Matrix products, `Einsum`, reductions and `TopK`.
extension NodeInference {
    /// `Gemm`: `A` is `M x K` (`K x M` with `transA`), `B` is `K x N` (`N x K` with `transB`); the output is `M x N`.
    func gemm() throws(Failure) -> Inferred {
        let a = try dims(0, rank: 2)
        let b = try dims(1, rank: 2)
        let m = (int("transA") ?? 0) != 0 ? a[1] : a[0]
        let n = (int("transB") ?? 0) != 0 ? b[0] : b[1]
        return Inferred([m, n])
    }

    /// `MatMul` as numpy's `matmul`: the last two axes multiply (`... x M x K` by `... x K x N` gives
    /// `... x M x N`), the axes before them broadcast, and a vector operand gains and then loses an axis of 1.
    func matMul(left: Int, right: Int) throws(Failure) -> Inferred {
        var a = try dims(left)
        var b = try dims(right)
        guard !a.isEmpty, !b.isEmpty else { throw .unsupported("one of its operands is a scalar") }
        let isRowVector = a.count == 1
        let isColumnVector = b.count == 1
        if isRowVector { a.insert(.size(1), at: 0) }
        if isColumnVector { b.append(.size(1)) }
        if let inner = a[a.count - 1].fixedSize, let other = b[b.count - 2].fixedSize, inner != other {
            throw .unsupported("its operands \(a.text) and \(b.text) have inner sizes \(inner) and \(other)")
        }
        var output = try broadcastDims([Array(a.dropLast(2)), Array(b.dropLast(2))]) + [a[a.count - 2], b[b.count - 1]]
        if isRowVector { output.remove(at: output.count - 2) }
        if isColumnVector { output.removeLast() }
        return Inferred(output)
    }

    /// `Einsum` for equations of letters and at most one `...` per operand, explicit (`bij,bjk->bik`) or
    /// implicit (`ij,jk`: the letters used once, in alphabetical order, after the broadcast `...` axes).
    /// A letter's sizes must agree (or be 1) across operands.
    func einsum() throws(Failure) -> Inferred {
        guard let equation = string("equation")?.filter({ $0 != " " }), !equation.isEmpty else {
            throw .unsupported("it has no equation")
        }
        let sides = equation.split(separator: "->", omittingEmptySubsequences: false).map(String.init)
        guard sides.count <= 2 else { throw .unsupported("its equation '\(equation)' has more than one '->'") }
        let terms = sides[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let operands = node.input.indices.filter(hasInput)
        guard terms.count == operands.count else {
            throw .unsupported("its equation '\(equation)' has \(terms.count) operands for \(operands.count) inputs")
        }
        var letters: [Character: ONNXDimension] = [:]
        var uses: [Character: Int] = [:]
        var ellipses: [[ONNXDimension]] = []
        for (term, operand) in zip(terms, operands) {
            let shape = try dims(operand)
            let tokens = try einsumTokens(term, equation: equation)
            let named = tokens.compactMap { $0 }
            let ellipsisRank = shape.count - named.count
            guard tokens.count == named.count ? ellipsisRank == 0 : ellipsisRank >= 0 else {
                throw .unsupported("its term '\(term)' does not fit its operand of \(shape.count) axes")
            }
            var position = 0
            for token in tokens {
                guard let letter = token else {
                    ellipses.append(Array(shape[position..<(position + ellipsisRank)]))
                    position += ellipsisRank
                    continue
                }
                guard let dim = Self.broadcast(letters[letter] ?? .size(1), shape[position]) else {
                    throw .unsupported("the letter '\(letter)' of '\(equation)' has sizes \(letters[letter] ?? .unknown) and \(shape[position])")
                }
                letters[letter] = dim
                uses[letter, default: 0] += 1
                position += 1
            }
        }
        let ellipsis = try broadcastDims(ellipses)
        let outputTokens: [Character?]
        if sides.count == 2 {
            outputTokens = try einsumTokens(sides[1], equation: equation)
        } else {
            let once = uses.filter { $0.value == 1 }.keys.sorted()
            outputTokens = (ellipses.isEmpty ? [] : [nil]) + once.map(Optional.some)
        }
        var output: [ONNXDimension] = []
        for token in outputTokens {
            guard let letter = token else {
                output += ellipsis
                continue
            }
            guard let dim = letters[letter] else {
                throw .unsupported("the output letter '\(letter)' of '\(equation)' is in no operand")
            }
            output.append(dim)
        }
        return Inferred(output, detail: "Einsum '\(equation)'")
    }

    /// A term's letters in order, `nil` for its `...`.
    private func einsumTokens(_ term: String, equation: String) throws(Failure) -> [Character?] {
        var tokens: [Character?] = []
        var remaining = Substring(term)
        while let first = remaining.first {
            if remaining.hasPrefix("...") {
                guard !tokens.contains(where: { $0 == nil }) else {
                    throw .unsupported("a term of '\(equation)' has two '...'")
                }
                tokens.append(nil)
                remaining = remaining.dropFirst(3)
            } else if first.isASCII && first.isLetter {
                tokens.append(first)
                remaining = remaining.dropFirst()
            } else {
                throw .unsupported("its equation '\(equation)' has the character '\(first)'")
            }
        }
        return tokens
    }

    /// `ReduceMean` and the other reductions: `axes` (attribute, or input from opsets 13 and 18; all axes
    /// when empty, none with `noop_with_empty_axes`) become 1 with `keepdims` (the default), or go.
    func reduction() throws(Failure) -> Inferred {
        let input = try dims(0)
        var axes = hasInput(1) ? try ints(1, role: "axes") : (ints("axes") ?? [])
        let keepsDims = (int("keepdims") ?? 1) != 0
        if axes.isEmpty {
            if (int("noop_with_empty_axes") ?? 0) != 0 { return Inferred(input) }
            axes = Array(input.indices)
        }
        let reduced = Set(try normalized(axes: axes, rank: input.count))
        var output: [ONNXDimension] = []
        for (axis, dim) in input.enumerated() {
            if !reduced.contains(axis) { output.append(dim) } else if keepsDims { output.append(.size(1)) }
        }
        var values: TensorValues?
        if isStatic, reduced.count == input.count, case .ints(let elements)? = knownValues(0), !elements.isEmpty {
            switch node.opType {
            case "ReduceProd": values = .ints([ONNXDimension.product(elements)])
            case "ReduceSum": values = .ints([elements.dropFirst().reduce(elements[0]) { $0.plus($1) }])
            case "ReduceMax", "ReduceMin":
                let sizes = elements.compactMap(\.fixedSize)
                if sizes.count == elements.count, let value = node.opType == "ReduceMax" ? sizes.max() : sizes.min() {
                    values = .ints([.size(value)])
                }
            default: break
            }
        }
        let axesText = axes.map(String.init).joined(separator: ", ")
        return Inferred(output, values: values, detail: "\(node.opType) over axes [\(axesText)]\(keepsDims ? ", keepdims" : "")")
    }

    /// `ArgMax`, `ArgMin`: `axis` (default 0) becomes 1 with `keepdims` (the default), or goes.
    func argReduction() throws(Failure) -> Inferred {
        var output = try dims(0)
        let axis = try normalized(int("axis") ?? 0, rank: output.count)
        if (int("keepdims") ?? 1) != 0 { output[axis] = .size(1) } else { output.remove(at: axis) }
        return Inferred(output)
    }

    /// `TopK`: `Values` and `Indices` are the input with `k` values along `axis` (default the last).
    func topK() throws(Failure) -> Inferred {
        var output = try dims(0)
        let k: Int
        if hasInput(1) {
            guard let value = try ints(1, role: "k").first else { throw .unsupported("its k is empty") }
            k = value
        } else {
            guard let value = int("k") else { throw .unsupported("it has no k") }
            k = value
        }
        let axis = try normalized(int("axis") ?? -1, rank: output.count)
        output[axis] = .size(k)
        return Inferred(outputs: [output, output], detail: "TopK of \(k) along axis \(axis)")
    }
}
