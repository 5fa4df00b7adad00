/// One node's shape rule: its inputs' facts and attributes in, its outputs' facts out.
///
/// The rules follow the ONNX operator specification (opsets 1 to 23); an attribute that later
/// opsets turned into an input (`Squeeze`'s axes, `Slice`'s starts, `Pad`'s pads, `Split`'s sizes,
/// `Reduce*`'s axes, `TopK`'s k) is read from whichever the node has. The rules live in the
/// `NodeInference+*.swift` files, one family of operators each; ``foldedValues(_:)`` computes the
/// values of static nodes.
struct NodeInference {
    let node: Onnxlite_NodeProto
    /// The node's name in messages.
    let name: String
    let inference: ShapeInference
    /// Whether the node computes only from constants and shapes, so that its values may be folded.
    let isStatic: Bool

    /// The facts of the node's outputs, in order, and how they were found.
    struct Inferred {
        var outputs: [TensorFacts]
        /// A short account for `--explain`: `Reshape to [batch, -1]`.
        var detail: String?

        init(_ dims: [ONNXDimension], values: TensorValues? = nil, detail: String? = nil) {
            outputs = [TensorFacts(dims: dims, values: values)]
            self.detail = detail
        }

        init(outputs: [[ONNXDimension]], detail: String? = nil) {
            self.outputs = outputs.map { TensorFacts(dims: $0) }
            self.detail = detail
        }

        init(facts: [TensorFacts], detail: String? = nil) {
            outputs = facts
            self.detail = detail
        }
    }

    /// Why the rule gives no shape.
    enum Failure: Error {
        /// The rule cannot give one for this node; the reason completes "CNNCalc cannot infer ...: ".
        case unsupported(String)
        /// An input's shape or values are unknown because of a node before it.
        case upstream(ShapeInference.UnknownCause)
    }

    // MARK: - Inputs

    /// The name of input `index`, or `nil` when the node has no such input (or an empty name).
    func inputName(_ index: Int) -> String? {
        guard index < node.input.count, !node.input[index].isEmpty else { return nil }
        return node.input[index]
    }

    func hasInput(_ index: Int) -> Bool { inputName(index) != nil }

    /// The dims of input `index`.
    func dims(_ index: Int) throws(Failure) -> [ONNXDimension] {
        guard let input = inputName(index) else { throw .unsupported("its input \(index + 1) is missing") }
        guard let dims = inference.facts[input]?.dims else {
            throw .upstream(inference.unknownCauses[input]
                ?? ShapeInference.UnknownCause(node: name, operatorName: node.opType, reason: "its input '\(input)' has no known shape"))
        }
        return dims
    }

    /// The dims of input `index`, required to have `rank` axes (or at least `rank` with `orMore`).
    func dims(_ index: Int, rank: Int, orMore: Bool = false) throws(Failure) -> [ONNXDimension] {
        let dims = try dims(index)
        guard dims.count == rank || orMore && dims.count > rank else {
            throw .unsupported("its input '\(node.input[index])' has \(dims.count) axes where \(orMore ? "at least " : "")\(rank) are needed")
        }
        return dims
    }

    /// The values of input `index`; `role` names it in messages (`target shape`, `pads`).
    func values(_ index: Int, role: String) throws(Failure) -> TensorValues {
        guard let input = inputName(index) else { throw .unsupported("its \(role) input is missing") }
        switch inference.values(of: input) {
        case .success(let values):
            return values
        case .failure(let gap):
            if let cause = gap.upstream { throw .upstream(cause) }
            throw .unsupported("its \(role) '\(input)' is not known: \(gap.reason)")
        }
    }

    /// The integer values of input `index`, named sizes allowed.
    func symbolicInts(_ index: Int, role: String) throws(Failure) -> [ONNXDimension] {
        switch try values(index, role: role) {
        case .ints(let values): return values
        case .floats(let values):
            // A few exporters store integral sizes as floats.
            guard values.allSatisfy({ $0.rounded() == $0 && abs($0) < 1e15 }) else {
                throw .unsupported("its \(role) '\(node.input[index])' holds fractions where integers are expected")
            }
            return values.map { .size(Int($0)) }
        }
    }

    /// The integer values of input `index`, every one fixed.
    func ints(_ index: Int, role: String) throws(Failure) -> [Int] {
        let values = try symbolicInts(index, role: role)
        var fixed: [Int] = []
        fixed.reserveCapacity(values.count)
        for value in values {
            guard let size = value.fixedSize else {
                throw .unsupported("its \(role) '\(node.input[index])' is \(values.text), which depends on the batch size")
            }
            fixed.append(size)
        }
        return fixed
    }

    /// The floating-point values of input `index` (integers converted).
    func floats(_ index: Int, role: String) throws(Failure) -> [Double] {
        switch try values(index, role: role) {
        case .floats(let values): return values
        case .ints(let values):
            var result: [Double] = []
            for value in values {
                guard let size = value.fixedSize else { throw .unsupported("its \(role) '\(node.input[index])' depends on the batch size") }
                result.append(Double(size))
            }
            return result
        }
    }

    /// The values of input `index` when known, for folding: without failing, and never a weight's.
    func knownValues(_ index: Int) -> TensorValues? {
        guard let input = inputName(index) else { return nil }
        return try? inference.values(of: input, forFolding: true).get()
    }

    /// Whether input `index` is present with no elements (an omitted optional input written as an empty tensor).
    func isEmptyInput(_ index: Int) -> Bool {
        guard let input = inputName(index), let dims = inference.facts[input]?.dims else { return false }
        return dims.contains(.size(0))
    }

    // MARK: - Attributes

    func attribute(_ name: String) -> Onnxlite_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    func int(_ name: String) -> Int? {
        attribute(name).map { Int($0.i) }
    }

    func ints(_ name: String) -> [Int]? {
        attribute(name).map { $0.ints.map(Int.init) }
    }

    func float(_ name: String) -> Double? {
        attribute(name).map { Double($0.f) }
    }

    func floats(_ name: String) -> [Double]? {
        attribute(name).map { $0.floats.map(Double.init) }
    }

    func string(_ name: String) -> String? {
        attribute(name).map { String(decoding: $0.s, as: UTF8.self) }
    }

    // MARK: - Helpers

    /// `axis` made non-negative for a tensor of `rank` axes (ONNX counts negative axes from the end).
    func normalized(_ axis: Int, rank: Int, what: String = "axis") throws(Failure) -> Int {
        let value = axis < 0 ? axis + rank : axis
        guard value >= 0 && value < rank else {
            throw .unsupported("\(what) \(axis) is outside the \(rank) axes of its input")
        }
        return value
    }

    /// Axes made non-negative, each once.
    func normalized(axes: [Int], rank: Int) throws(Failure) -> [Int] {
        var result: [Int] = []
        for axis in axes {
            let value = try normalized(axis, rank: rank)
            guard !result.contains(value) else { throw .unsupported("axis \(axis) is given twice") }
            result.append(value)
        }
        return result
    }
}

extension Array where Element == Int {
    /// `[1, 2, 3]`.
    var listText: String { "[" + map(String.init).joined(separator: ", ") + "]" }
}

extension Array where Element == ONNXDimension {
    /// `[batch, -1]`.
    var listText: String { "[" + map(\.description).joined(separator: ", ") + "]" }
}
