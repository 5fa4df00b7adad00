/// An elementwise activation function. It has no parameters and keeps the shape.
///
/// ```
/// output shape = input shape
/// parameters   = 0
/// ```
/// A convolution or dense layer may also carry one inline (`activation=relu`).
public struct Activation: LayerBehavior {
    /// The functions CNNCalc knows. Those with an `alpha` keep it only for display.
    public enum Function: Hashable, Sendable {
        /// `max(0, x)`.
        case relu
        /// `1 / (1 + e^-x)`.
        case sigmoid
        /// `tanh(x)`.
        case tanh
        /// `e^x_i / sum_j e^x_j` over the last axis.
        case softmax
        /// `x` for positive inputs, `alpha * x` otherwise.
        case leakyReLU(alpha: Double)
        /// `x` for positive inputs, `alpha * (e^x - 1)` otherwise.
        case elu(alpha: Double)
        /// `x * Phi(x)`.
        case gelu
        /// The identity.
        case linear

        /// The keyword of the `.cnn` format.
        public var name: String {
            switch self {
            case .relu: "relu"
            case .sigmoid: "sigmoid"
            case .tanh: "tanh"
            case .softmax: "softmax"
            case .leakyReLU: "leakyrelu"
            case .elu: "elu"
            case .gelu: "gelu"
            case .linear: "linear"
            }
        }
    }

    /// The function applied to every element.
    public var function: Function

    /// Creates an activation layer.
    public init(_ function: Function) {
        self.function = function
    }

    public var kindName: String { function.name }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .activation(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// One FLOP per element (three for softmax), no MACs.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output, perElement: function.flopsPerElement)
    }
}
