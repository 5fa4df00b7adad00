import CNNCalcCore

/// What the ONNX reader found in a model: the network, and the facts about the file that a
/// `Network` does not hold.
public struct ONNXModel: Hashable, Sendable {
    /// One tensor stored in the file, described by its dims only (its values are never read).
    public struct StoredTensor: Hashable, Sendable {
        /// The tensor's name in the file.
        public var name: String
        /// Its dims.
        public var dims: [Int]
        /// Its element type as ONNX names it: `float`, `int64`, ...
        public var elementType: String
    }

    /// The graph as a CNNCalc network; every node that does arithmetic on data is one layer, named after the node.
    public var network: Network
    /// Initializers that are not weights (integer shapes, indices, scalars), listed apart and never counted as parameters.
    public var constants: [StoredTensor]
    /// The names of the initializers whose values live in an external data file. CNNCalc reads only their dims,
    /// so the external file need not be present.
    public var externalTensors: [String]
    /// The external data files those tensors name (`location`, relative to the model's folder), each once;
    /// never opened.
    public var externalDataFiles: [String] = []
    /// The nodes whose output shape CNNCalc could not infer and the file does not declare, with the reason,
    /// in the order of the graph. Only the first node of each unknown stretch is listed; the analysis
    /// stops at the first layer whose shape is unknown, with an error that says why.
    public var uninferredNodes: [UninferredNode] = []
    /// The tensors whose declared shape contradicts the shape inferred from their node's inputs; the declared one is used.
    public var shapeConflicts: [ShapeConflict] = []
    /// Every tensor's dims as the reader knows them: declared in the file, else inferred, with the batch axis
    /// (and other named sizes) as ``ONNXDimension/symbol(_:factor:)``.
    public var tensorDims: [String: [ONNXDimension]] = [:]
    /// The layers that stand for a node's output other than its first (an LSTM's `Y_h`, a `Split`'s second
    /// part), named after the output: they cost and count nothing, the node's own layer does.
    public var outputLayers: [String] = []

    /// The operators CNNCalc has no formula for, each with the nodes that use it, in file order.
    public var opaqueOperators: [(operator: String, nodes: [String])] {
        var order: [String] = []
        var nodes: [String: [String]] = [:]
        let outputs = Set(outputLayers)
        for layer in network.layers where !outputs.contains(layer.name) {
            guard case .opaque(let op) = layer.kind else { continue }
            if nodes[op.operatorName] == nil { order.append(op.operatorName) }
            nodes[op.operatorName, default: []].append(layer.name)
        }
        return order.map { ($0, nodes[$0] ?? []) }
    }

    public static func == (lhs: ONNXModel, rhs: ONNXModel) -> Bool {
        lhs.network == rhs.network && lhs.constants == rhs.constants && lhs.externalTensors == rhs.externalTensors && lhs.externalDataFiles == rhs.externalDataFiles
            && lhs.uninferredNodes == rhs.uninferredNodes && lhs.shapeConflicts == rhs.shapeConflicts
            && lhs.tensorDims == rhs.tensorDims && lhs.outputLayers == rhs.outputLayers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(network)
        hasher.combine(constants)
        hasher.combine(externalTensors)
        hasher.combine(externalDataFiles)
        hasher.combine(uninferredNodes)
        hasher.combine(shapeConflicts)
        hasher.combine(outputLayers)
    }
}
