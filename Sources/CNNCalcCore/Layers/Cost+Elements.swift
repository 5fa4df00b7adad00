extension Cost {
    /// `perElement` operations for every value of `shape`: elementwise layers' FLOPs.
    static func elementwise(_ shape: TensorShape, perElement: Int = 1) throws(CNNCalcError) -> Cost {
        .flops(try CheckedArithmetic.multiply(try shape.elementCount(), perElement, "the FLOP count"))
    }
}

extension Activation.Function {
    /// FLOPs per element: softmax needs an exponent, a share of the sum and a division; every other function one.
    public var flopsPerElement: Int {
        switch self {
        case .softmax: 3
        case .linear: 0
        default: 1
        }
    }
}
