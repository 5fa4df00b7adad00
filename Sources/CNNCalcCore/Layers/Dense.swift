/// A fully connected layer: every output unit is a weighted sum of every input feature.
///
/// On a vector of `n` features:
/// ```
/// output features = units
/// kernel          = n * units
/// bias            = units                 (0 when hasBias is false)
/// total           = (n + 1) * units       e.g. (256+1)*10 = 2,570
/// ```
/// On a feature map it first flattens the map, as Lasagne's `DenseLayer` and MATLAB's
/// `fullyConnectedLayer` do, so `n` is the product of all axes: `(32*5*5+1)*256 = 205,056`.
/// With `flattensInput` false it acts on the last axis only, as Keras' `Dense` and
/// PyTorch's `Linear` do on a higher-rank tensor, and on a sequence it does unless
/// `flattensSequences` is set (Lasagne's `DenseLayer` flattens every input).
public struct Dense: LayerBehavior {
    /// The number of output units.
    public var units: Int
    /// Whether each unit adds a bias.
    public var hasBias: Bool
    /// An activation applied to the output, when written inline.
    public var activation: Activation.Function?
    /// Whether a feature-map input is flattened first (true) or only its channel axis is transformed (false).
    public var flattensInput: Bool
    /// Whether a sequence input is flattened first too, as Lasagne's `DenseLayer` does.
    public var flattensSequences: Bool = false

    /// Creates a dense layer.
    public init(units: Int, hasBias: Bool = true, activation: Activation.Function? = nil, flattensInput: Bool = true) {
        self.units = units
        self.hasBias = hasBias
        self.activation = activation
        self.flattensInput = flattensInput
    }

    public var kindName: String { "dense" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .dense(self) }

    /// Whether this layer flattens `input` before the product.
    public func flattens(_ input: TensorShape) -> Bool {
        switch input {
        case .featureMap: flattensInput
        case .sequence: flattensSequences
        case .vector: false
        }
    }

    /// The number of features each unit sees.
    public func inputFeatures(for input: TensorShape) throws(CNNCalcError) -> Int {
        flattens(input) ? try input.elementCount() : input.channels
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard units > 0 else {
            throw CNNCalcError(.badArgument, "unit count \(units) is not positive", fix: "give the number of outputs, e.g. 'dense 256'")
        }
        let input = inputs[0]
        return flattens(input) ? .vector(features: units) : input.replacingChannels(with: units)
    }

    /// The weight matrix and bias, as each framework names and shapes them:
    /// Keras `kernel (n, units)` and `bias (units,)`; PyTorch `weight [units, n]` and `bias [units]`;
    /// MATLAB `Weights units×n` and `Bias units×1`; Lasagne `W (n, units)` and `b (units,)`.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let features = try inputFeatures(for: inputs[0])
        let names = convention.weightAndBiasNames
        let (weightShape, biasShape): ([Int], [Int]) = switch convention {
        case .keras, .lasagne: ([features, units], [units])
        case .pytorch: ([units, features], [units])
        case .matlab: ([units, features], [units, 1])
        }
        let weights = Learnable(names.weight, shape: weightShape, role: .trainable)
        return hasBias ? [weights, Learnable(names.bias, shape: biasShape, role: .trainable)] : [weights]
    }

    /// `n × units` MACs per position, plus one FLOP per output element for the bias and for an inline activation.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let features = try inputFeatures(for: inputs[0])
        let elements = try output.elementCount()
        let positions = elements / max(units, 1)
        let perPosition = try CheckedArithmetic.multiply(features, units, "the MAC count")
        let extra = try Cost.biasAndActivationFLOPs(output, hasBias: hasBias, activation: activation)
        return try .macs(try CheckedArithmetic.multiply(positions, perPosition, "the MAC count"), plus: extra)
    }
}
