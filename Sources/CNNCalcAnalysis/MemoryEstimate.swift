import CNNCalcCore

/// The number format of weights and activations.
public enum DataType: String, Hashable, Sendable, CaseIterable {
    /// 32-bit floating point, 4 bytes.
    case fp32
    /// 16-bit floating point, 2 bytes.
    case fp16
    /// bfloat16, 2 bytes.
    case bf16
    /// 8-bit integers, 1 byte.
    case int8

    /// Bytes per value.
    public var bytes: Int {
        switch self {
        case .fp32: 4
        case .fp16, .bf16: 2
        case .int8: 1
        }
    }
}

/// The optimizer whose state a training-memory estimate includes.
public enum Optimizer: String, Hashable, Sendable, CaseIterable {
    /// Plain stochastic gradient descent: no state.
    case sgd
    /// SGD with momentum: one velocity per trainable parameter.
    case momentum
    /// Adam: two moments per trainable parameter.
    case adam

    /// Values of state kept per trainable parameter.
    public var statePerParameter: Int {
        switch self {
        case .sgd: 0
        case .momentum: 1
        case .adam: 2
        }
    }
}

/// Memory a network needs, in bytes, with the assumptions stated.
///
/// - Weights: every parameter and state value (PyTorch buffers included) at the data type's size.
/// - Activations: every layer's output, the input included, for the whole batch, at the same size;
///   this is what a training step keeps for the backward pass when nothing is recomputed or
///   done in place. Inference needs less: only the live tensors.
/// - Training: weights, plus one gradient per trainable parameter, plus the optimizer's
///   state per trainable parameter, plus the activations.
///
/// It is a lower bound for a real framework, which adds workspace, allocator slack and
/// its own runtime.
public struct MemoryEstimate: Hashable, Sendable {
    /// Bytes of the weights and state.
    public let weightBytes: Int
    /// Bytes of the gradients (one per trainable parameter).
    public let gradientBytes: Int
    /// Bytes of the optimizer's state.
    public let optimizerBytes: Int
    /// Bytes of every layer's output for the batch.
    public let activationBytes: Int
    /// The sum of the four.
    public let trainingBytes: Int
    /// The data type assumed.
    public let dataType: DataType
    /// The optimizer assumed.
    public let optimizer: Optimizer

    /// The estimate for `report` (whose batch size it uses).
    public init(_ report: NetworkReport, dataType: DataType = .fp32, optimizer: Optimizer = .adam) throws(CNNCalcError) {
        let bytes = dataType.bytes
        let totals = report.totals
        let stored = try CheckedArithmetic.add(totals.parameters, totals.state, "the weight count")
        weightBytes = try CheckedArithmetic.multiply(stored, bytes, "the weight memory")
        gradientBytes = try CheckedArithmetic.multiply(totals.trainable, bytes, "the gradient memory")
        optimizerBytes = try CheckedArithmetic.product(
            [totals.trainable, optimizer.statePerParameter, bytes], "the optimizer memory")
        activationBytes = try CheckedArithmetic.product(
            [totals.activationElements, report.options.batchSize, bytes], "the activation memory")
        trainingBytes = try CheckedArithmetic.sum(
            [weightBytes, gradientBytes, optimizerBytes, activationBytes], "the training memory")
        self.dataType = dataType
        self.optimizer = optimizer
    }
}
