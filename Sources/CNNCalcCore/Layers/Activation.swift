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
        /// `min(max(0, x), 6)`.
        case relu6
        /// `min(max(0, x/6 + 1/2), 1)` (PyTorch's `Hardsigmoid`; Keras 3 uses the same slope).
        case hardSigmoid
        /// `x_i - log(sum_j e^x_j)` over the last axis.
        case logSoftmax
        /// `scale * elu(x, alpha)` with the fixed constants of Klambauer et al.
        case selu
        /// `x * sigmoid(x)`, also called swish.
        case silu
        /// `x * hardsigmoid(x)`.
        case hardSwish
        /// `x * tanh(softplus(x))`.
        case mish
        /// `log(1 + e^x)`.
        case softplus
        /// `min(max(0, x), ceiling)`: a ReLU capped at a ceiling (MATLAB's `clippedReluLayer`; 6 is ``relu6``).
        case clippedReLU(ceiling: Double)

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
            case .relu6: "relu6"
            case .hardSigmoid: "hardsigmoid"
            case .logSoftmax: "logsoftmax"
            case .selu: "selu"
            case .silu: "silu"
            case .hardSwish: "hardswish"
            case .mish: "mish"
            case .softplus: "softplus"
            case .clippedReLU: "clippedrelu"
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

    /// ``Function/flopsPerElement`` FLOPs per element, no MACs.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output, perElement: function.flopsPerElement)
    }
}

/// A parametric ReLU: `x` for positive inputs, a learned slope times `x` otherwise. The shape is unchanged.
///
/// How many slopes it learns depends on the framework's default, unless `slopes` says:
///
/// | slopes | count | Keras `alpha` | PyTorch `weight` | MATLAB `Alpha` | Lasagne `alpha` |
/// |---|---|---|---|---|---|
/// | `shared` | 1 | `(1, 1, 1)` (`shared_axes=[1, 2]` and the channels) | `[1]` (**default**, `num_parameters=1`) | `1` | `()` |
/// | `channel` | C | `(1, 1, C)` (`shared_axes=[1, 2]`) | `[C]` (`num_parameters=C`) | `1×1×C` (**default**) | `(C,)` (**default**, `shared_axes='auto'`) |
/// | `element` | every input value | `(H, W, C)` (**default**) | `[C, H, W]` (PyTorch has no such option) | `H×W×C` | `(C, H, W)` |
///
/// For example, on a 28×28×32 map Keras' default counts `28*28*32 = 25,088` slopes, PyTorch's 1,
/// MATLAB's and Lasagne's 32. Cost: one FLOP per element, as for a leaky ReLU.
public struct PReLU: LayerBehavior {
    /// Which values share a slope.
    public enum Slopes: String, Hashable, Sendable, CaseIterable {
        /// One slope for the whole layer.
        case shared
        /// One slope per channel (or feature).
        case channel
        /// One slope per input value.
        case element
    }

    /// The sharing of slopes, or `nil` for the convention's default.
    public var slopes: Slopes?

    /// Creates a parametric ReLU.
    public init(slopes: Slopes? = nil) {
        self.slopes = slopes
    }

    public var kindName: String { "prelu" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .prelu(self) }

    /// The sharing in effect under `convention`: as written, or the framework's default.
    public func slopes(in convention: Convention) -> Slopes {
        if let slopes { return slopes }
        return switch convention {
        case .keras: .element
        case .pytorch: .shared
        case .matlab, .lasagne: .channel
        }
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// The slopes, named and shaped as each framework keeps them (see the table above).
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let input = inputs[0]
        let last = input.dimensions(in: .channelsLast)
        let ones = Array(repeating: 1, count: last.count - 1)
        let shape: [Int]
        switch (slopes(in: convention), convention) {
        case (.shared, .keras): shape = ones + [1]
        case (.shared, .pytorch), (.shared, .matlab): shape = [1]
        case (.shared, .lasagne): shape = []
        case (.channel, .keras), (.channel, .matlab): shape = ones + [input.channels]
        case (.channel, .pytorch), (.channel, .lasagne): shape = [input.channels]
        case (.element, .keras), (.element, .matlab): shape = last
        case (.element, .pytorch), (.element, .lasagne): shape = input.dimensions(in: .channelsFirst)
        }
        let name = switch convention {
        case .keras, .lasagne: "alpha"
        case .pytorch: "weight"
        case .matlab: "Alpha"
        }
        return [Learnable(name, shape: shape, role: .trainable)]
    }

    /// One FLOP per element.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try .elementwise(output)
    }
}
