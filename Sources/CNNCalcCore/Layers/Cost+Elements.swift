extension Cost {
    /// `perElement` operations for every value of `shape`: elementwise layers' FLOPs.
    static func elementwise(_ shape: TensorShape, perElement: Int = 1) throws(CNNCalcError) -> Cost {
        .flops(try CheckedArithmetic.multiply(try shape.elementCount(), perElement, "the FLOP count"))
    }

    /// The FLOPs a layer adds to its MACs for its bias and inline activation: one per value of
    /// `output` for the bias, and the activation's ``Activation/Function/flopsPerElement``.
    static func biasAndActivationFLOPs(
        _ output: TensorShape, hasBias: Bool, activation: Activation.Function?
    ) throws(CNNCalcError) -> Int {
        let perElement = (hasBias ? 1 : 0) + (activation?.flopsPerElement ?? 0)
        return try CheckedArithmetic.multiply(try output.elementCount(), perElement, "the FLOP count")
    }
}

extension Activation.Function {
    /// FLOPs per element. A function evaluation built on one exponent (sigmoid, tanh, ELU, GELU,
    /// softplus) counts one, like a comparison; each further step counts one more:
    ///
    /// | function | FLOPs | steps |
    /// |---|---|---|
    /// | linear | 0 | |
    /// | relu, leakyrelu, elu, sigmoid, tanh, gelu, softplus | 1 | |
    /// | relu6, clipped ReLU | 2 | max, min |
    /// | selu | 2 | ELU, scale |
    /// | silu | 2 | sigmoid, multiplication |
    /// | hardsigmoid | 3 | multiplication, addition, clamp |
    /// | mish | 3 | softplus, tanh, multiplication |
    /// | softmax | 3 | exponent, share of the sum, division |
    /// | logsoftmax | 3 | exponent, share of the sum, subtraction of the log-sum |
    /// | hardswish | 4 | hardsigmoid, multiplication |
    public var flopsPerElement: Int {
        switch self {
        case .linear: 0
        case .relu, .leakyReLU, .elu, .sigmoid, .tanh, .gelu, .softplus: 1
        case .relu6, .clippedReLU, .selu, .silu: 2
        case .hardSigmoid, .mish, .softmax, .logSoftmax: 3
        case .hardSwish: 4
        }
    }
}
