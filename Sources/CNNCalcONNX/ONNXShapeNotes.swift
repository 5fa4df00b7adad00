extension ONNXModel {
    /// A node whose output shape CNNCalc could not infer from its inputs, and why.
    ///
    /// Only the first node of each unknown stretch is listed: the nodes after it that are unknown
    /// because their input is are not. When the file declares the node's output shape, it is used
    /// instead and the node is not listed.
    public struct UninferredNode: Hashable, Sendable {
        /// The node's name (or `OpType_index` for a node without one).
        public var node: String
        /// The node's operator, e.g. `NonZero`.
        public var operatorName: String
        /// Why its output shape is unknown, e.g. `its target shape 'shape' is stored in the external data file`.
        public var reason: String

        /// Creates an entry.
        public init(node: String, operatorName: String, reason: String) {
            self.node = node
            self.operatorName = operatorName
            self.reason = reason
        }
    }

    /// A tensor whose shape the file declares differently from what its inputs give; the file's is used.
    public struct ShapeConflict: Hashable, Sendable {
        /// The tensor's name.
        public var tensor: String
        /// The node that produces it.
        public var node: String
        /// The dims the file declares (`value_info` or the graph's outputs), which the report uses.
        public var declared: [ONNXDimension]
        /// The dims CNNCalc infers from the node's inputs.
        public var inferred: [ONNXDimension]

        /// Creates an entry.
        public init(tensor: String, node: String, declared: [ONNXDimension], inferred: [ONNXDimension]) {
            self.tensor = tensor
            self.node = node
            self.declared = declared
            self.inferred = inferred
        }
    }
}

extension Array where Element == ONNXDimension {
    /// The dims joined by ` x `: `batch x 3 x 224 x 224`; `scalar` for none.
    var text: String {
        isEmpty ? "scalar" : map(\.description).joined(separator: " x ")
    }
}
