/// A named tensor that a layer learns or keeps: a weight, a bias, a moving statistic.
///
/// A layer does not "have N parameters": it has learnables, and its count is the sum
/// of their element counts. A convolution has `kernel [5, 5, 2, 20]` and `bias [20]`;
/// a batch normalization also keeps `moving_mean [C]` and `moving_variance [C]`.
///
/// Shapes are stored in Keras' order (kernel axes first, then input and output channels).
public struct Learnable: Hashable, Sendable {
    /// How a learnable is updated and whether it counts as a parameter.
    public enum Role: String, Hashable, Sendable, CaseIterable {
        /// Updated by the optimizer; counted as a trainable parameter.
        case trainable
        /// Kept with the weights but not updated by gradients (Keras' moving statistics); counted as a non-trainable parameter.
        case nonTrainable
        /// A buffer outside the parameters (PyTorch's running statistics); not counted as a parameter.
        case state
    }

    /// The name a framework gives the tensor: `kernel`, `bias`, `gamma`, `moving_mean`.
    public var name: String
    /// The size of each axis.
    public var shape: [Int]
    /// How it is updated and counted.
    public var role: Role

    /// Creates a learnable.
    public init(_ name: String, shape: [Int], role: Role) {
        self.name = name
        self.shape = shape
        self.role = role
    }

    /// The number of values: the product of the shape, or an overflow error.
    public func elementCount() throws(CNNCalcError) -> Int {
        try CheckedArithmetic.product(shape, "the size of '\(name)'")
    }
}
