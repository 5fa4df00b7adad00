/// The framework whose way of counting and naming learnables a report follows.
///
/// Output shapes never depend on the convention; which tensors count as parameters, how
/// they are named and in which order their axes are written do:
///
/// | | Keras | PyTorch | MATLAB | Lasagne |
/// |---|---|---|---|---|
/// | convolution | `kernel (5, 5, 2, 20)`, `bias (20,)` | `weight [20, 2, 5, 5]`, `bias [20]` | `Weights 5×5×2×20`, `Bias 1×1×20` | `W (20, 2, 5, 5)`, `b (20,)` |
/// | batch normalization | 4C parameters, 2C non-trainable | 2C parameters, 2C + 1 buffer values | 2C learnables, 2C states | 4C parameters, 2C non-trainable |
public enum Convention: String, Hashable, Sendable, CaseIterable {
    /// Keras 3 and tf.keras: `model.summary()` and `count_params()`.
    case keras
    /// PyTorch: `sum(p.numel() for p in model.parameters())`; buffers are state.
    case pytorch
    /// MATLAB Deep Learning Toolbox: learnables and states as `analyzeNetwork` lists them.
    case matlab
    /// Lasagne: `count_params(layer)`, which includes non-trainable tensors.
    case lasagne

    /// The framework's name as people write it.
    public var displayName: String {
        switch self {
        case .keras: "Keras"
        case .pytorch: "PyTorch"
        case .matlab: "MATLAB"
        case .lasagne: "Lasagne"
        }
    }

    /// A learnable's shape as the framework prints it: `(5, 5, 2, 20)`, `[20, 2, 5, 5]`, `5×5×2×20`.
    public func shapeText(_ shape: [Int]) -> String {
        switch self {
        case .pytorch:
            return "[" + shape.map(String.init).joined(separator: ", ") + "]"
        case .matlab:
            return shape.map(String.init).joined(separator: "×")
        case .keras, .lasagne:
            return shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
    }
}
