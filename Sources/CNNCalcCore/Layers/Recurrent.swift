/// A recurrent layer: a simple RNN, an LSTM or a GRU of `units` hidden units, run over the
/// steps of a sequence, optionally in both directions and stacked `layerCount` deep.
///
/// Input: a sequence of `steps` × `n` features (a 1-D feature map counts as one: length ×
/// channels). Output, with `directions` = 2 when bidirectional and 1 otherwise (the two
/// directions are concatenated, Keras' `merge_mode="concat"` and PyTorch's layout):
/// ```
/// returnsSequences true:   sequence steps x (units * directions)
/// returnsSequences false:  vector units * directions        (the last step only; Keras' default)
/// ```
/// Layer `l` of a stack reads `n_0 = n` features, and `n_l = units * directions` above it.
/// With `G` gates (simple RNN 1, LSTM 4, GRU 3) and `h = units`, every layer and direction holds,
/// in the convention of each framework:
///
/// | cell | Keras | PyTorch | MATLAB | Lasagne |
/// |---|---|---|---|---|
/// | simple RNN | `h(n+h) + h` | `h(n+h) + 2h` | `h(n+h) + h` | `h(n+h) + h` + `hid_init` h (not trained) |
/// | LSTM | `4h(n+h) + 4h` | `4h(n+h) + 8h` | `4h(n+h) + 4h` | `4(nh+h²+h)` + 3h peepholes + `cell_init` h + `hid_init` h (not trained) |
/// | GRU, `resetsAfter` | `3h(n+h) + 6h` | `3h(n+h) + 6h` | `3h(n+h) + 3h` | `3(nh+h²+h)` + `hid_init` h (trained) |
/// | GRU, not `resetsAfter` | `3h(n+h) + 3h` | `3h(n+h) + 6h` | `3h(n+h) + 3h` | `3(nh+h²+h)` + `hid_init` h (trained) |
///
/// PyTorch keeps two bias vectors, `bias_ih` and `bias_hh`, for every cell; Keras one, except
/// for a GRU with `reset_after=True` (its default), whose `bias` is `(2, 3h)`. PyTorch's GRU
/// always applies the reset gate after the product, so `resetsAfter` changes no PyTorch count.
/// Lasagne's `LSTMLayer` has peephole connections by default, and its `count_params` counts the
/// initial states: `cell_init` and `hid_init` of an LSTM or simple RNN are not trained
/// (`learn_init=False`), a GRU's `hid_init` is (`GRULayer` defaults to `learn_init=True`).
/// MATLAB's `gruLayer` is assumed to use its default `ResetGateMode` (`"after-multiplication"`,
/// one `Bias` of 3h; `resetsAfter` false is `"before-multiplication"`, also 3h); MATLAB has no
/// simple RNN layer, and a bidirectional GRU or RNN is written like `bilstmLayer`, both
/// directions stacked in one tensor. Without bias, every bias vector goes; Lasagne's gates cannot
/// drop theirs, and CNNCalc drops them all the same.
///
/// For example, an LSTM of 512 units on 300 features holds `4*512*(300+512) + 4*512 = 1,665,024`
/// parameters in Keras and `4*512*(300+512) + 8*512 = 1,667,072` in PyTorch; stacked two deep,
/// PyTorch's count is 3,768,320 (torchinfo's README).
///
/// Cost, for one example (see ``Cost``): every step, every direction of every layer multiplies
/// the concatenated input and previous output by its gate matrices,
/// ```
/// MACs  = steps * sum over layers of directions * G * h * (n_l + h)
/// FLOPs = 2 * MACs + steps * layers * directions * h * (elementwise work per unit)
/// ```
/// where the elementwise work per unit and step is: simple RNN 1 (tanh); LSTM 9 (four gate
/// activations, the cell update `f*c + i*g` in three, `tanh(c)` and `o * tanh(c)`); GRU 8
/// (three gate activations, the reset product, `(1-z)*n + z*h` in four) and 9 with `resetsAfter`
/// (the input and recurrent parts of the candidate are added apart); plus one per bias value
/// (G, or 6 for a GRU with `resetsAfter`).
public struct Recurrent: LayerBehavior {
    /// The recurrent cell.
    public enum Cell: String, Hashable, Sendable, CaseIterable {
        /// Elman's simple RNN: `h' = tanh(W x + U h + b)`.
        case simple = "rnn"
        /// Long short-term memory: input, forget, cell and output gates.
        case lstm
        /// Gated recurrent unit: reset, update and candidate gates.
        case gru

        /// The number of gate matrices: 1, 4 or 3.
        public var gateCount: Int {
            switch self {
            case .simple: 1
            case .lstm: 4
            case .gru: 3
            }
        }
    }

    /// The recurrent cell.
    public var cell: Cell
    /// The number of hidden units `h` in each direction.
    public var units: Int
    /// Whether every step's output is returned (a sequence) or only the last (a vector).
    public var returnsSequences: Bool
    /// Whether the sequence is also read backwards, doubling the parameters and the output features.
    public var isBidirectional: Bool
    /// The number of stacked layers.
    public var layerCount: Int
    /// Whether the gates add biases.
    public var hasBias: Bool
    /// For a GRU, whether the reset gate is applied after the recurrent product (Keras'
    /// `reset_after=True`, its default; PyTorch always does); ignored by the other cells.
    public var resetsAfter: Bool

    /// Creates a recurrent layer; Keras' defaults unless written otherwise.
    public init(
        _ cell: Cell,
        units: Int,
        returnsSequences: Bool = false,
        isBidirectional: Bool = false,
        layerCount: Int = 1,
        hasBias: Bool = true,
        resetsAfter: Bool = true
    ) {
        self.cell = cell
        self.units = units
        self.returnsSequences = returnsSequences
        self.isBidirectional = isBidirectional
        self.layerCount = layerCount
        self.hasBias = hasBias
        self.resetsAfter = resetsAfter
    }

    public var kindName: String { cell.rawValue }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .recurrent(self) }

    /// 2 when bidirectional, 1 otherwise.
    public var directions: Int { isBidirectional ? 2 : 1 }

    /// The steps and features of `input`, which must be a sequence or a 1-D feature map.
    public func stepsAndFeatures(of input: TensorShape, layout: Layout) throws(CNNCalcError) -> (steps: Int, features: Int) {
        try SequenceInput.stepsAndFeatures(of: input, layer: kindName, layout: layout)
    }

    /// The features each stacked layer reads: `n`, then `units * directions` for every layer above.
    ///
    /// - Throws: ``CNNCalcError`` when `units` or `layerCount` is not positive or too large.
    public func layerInputFeatures(inputFeatures: Int) throws(CNNCalcError) -> [Int] {
        try validate()
        let above = try CheckedArithmetic.multiply(units, directions, "the recurrent output features")
        return [inputFeatures] + Array(repeating: above, count: max(layerCount - 1, 0))
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        try validate()
        let (steps, _) = try stepsAndFeatures(of: inputs[0], layout: layout)
        let features = try CheckedArithmetic.multiply(units, directions, "the recurrent output features")
        return returnsSequences ? .sequence(steps: steps, features: features) : .vector(features: features)
    }

    private func validate() throws(CNNCalcError) {
        guard units > 0 else {
            throw CNNCalcError(.badArgument, "unit count \(units) is not positive", fix: "give the number of hidden units, e.g. '\(kindName) 64'")
        }
        guard layerCount > 0 else {
            throw CNNCalcError(.badArgument, "layer count \(layerCount) is not positive", fix: "use layers=1 for a single layer")
        }
        try CheckedArithmetic.checkSize(units, "unit count")
        guard layerCount <= Self.maximumLayerCount else {
            throw CNNCalcError(
                .badArgument,
                "layer count \(layerCount) is more than \(Self.maximumLayerCount), the most stacked layers CNNCalc lists",
                fix: "check layers= for a typo; no real network stacks this many")
        }
    }

    /// The most stacked layers a recurrent layer may have: CNNCalc lists the tensors and the
    /// arithmetic of every one of them, so a typo such as `layers=1000000000` must not make it
    /// build billions of lines.
    public static let maximumLayerCount = 10_000

    /// The tensors of every layer and direction, in the order the framework lists them (see the table above).
    ///
    /// | convention | per layer and direction |
    /// |---|---|
    /// | Keras | `kernel (n, G*h)`, `recurrent_kernel (h, G*h)`, `bias (G*h,)` (GRU with reset_after: `(2, 3h)`); stacked or bidirectional, prefixed `lstm_1/`, `forward_lstm/`, `backward_lstm/` |
    /// | PyTorch | `weight_ih_l0 [G*h, n]`, `weight_hh_l0 [G*h, h]`, `bias_ih_l0 [G*h]`, `bias_hh_l0 [G*h]`; `_reverse` for the backward direction |
    /// | MATLAB | `InputWeights G*h×n`, `RecurrentWeights G*h×h`, `Bias G*h×1` (both directions stacked: `8h×n` for `bilstmLayer`), states `HiddenState`, `CellState` |
    /// | Lasagne | per gate `W_in_to_ingate (n, h)`, `W_hid_to_ingate (h, h)`, `b_ingate (h,)`, ..., peepholes `W_cell_to_ingate (h,)`, `cell_init (1, h)`, `hid_init (1, h)` |
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let (_, features) = try stepsAndFeatures(of: inputs[0], layout: .channelsLast)
        let layerInputs = try layerInputFeatures(inputFeatures: features)
        var result: [Learnable] = []
        for (layer, inputFeatures) in layerInputs.enumerated() {
            if convention == .matlab {
                result += matlabLearnables(layer: layer, inputFeatures: inputFeatures)
                continue
            }
            for direction in 0..<directions {
                switch convention {
                case .keras: result += kerasLearnables(layer: layer, direction: direction, inputFeatures: inputFeatures)
                case .pytorch: result += pytorchLearnables(layer: layer, direction: direction, inputFeatures: inputFeatures)
                case .lasagne: result += lasagneLearnables(layer: layer, direction: direction, inputFeatures: inputFeatures)
                case .matlab: break
                }
            }
        }
        return result
    }

    private var gateUnits: Int { cell.gateCount * units }

    private var kerasBase: String {
        switch cell {
        case .simple: "simple_rnn"
        case .lstm: "lstm"
        case .gru: "gru"
        }
    }

    private func kerasLearnables(layer: Int, direction: Int, inputFeatures: Int) -> [Learnable] {
        var prefix = ""
        if layerCount > 1 || isBidirectional {
            let name = layer == 0 ? kerasBase : "\(kerasBase)_\(layer)"
            prefix = isBidirectional ? "\(direction == 0 ? "forward" : "backward")_\(name)/" : "\(name)/"
        }
        var result = [
            Learnable(prefix + "kernel", shape: [inputFeatures, gateUnits], role: .trainable),
            Learnable(prefix + "recurrent_kernel", shape: [units, gateUnits], role: .trainable),
        ]
        if hasBias {
            let shape = cell == .gru && resetsAfter ? [2, gateUnits] : [gateUnits]
            result.append(Learnable(prefix + "bias", shape: shape, role: .trainable))
        }
        return result
    }

    private func pytorchLearnables(layer: Int, direction: Int, inputFeatures: Int) -> [Learnable] {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        var result = [
            Learnable("weight_ih" + suffix, shape: [gateUnits, inputFeatures], role: .trainable),
            Learnable("weight_hh" + suffix, shape: [gateUnits, units], role: .trainable),
        ]
        if hasBias {
            result.append(Learnable("bias_ih" + suffix, shape: [gateUnits], role: .trainable))
            result.append(Learnable("bias_hh" + suffix, shape: [gateUnits], role: .trainable))
        }
        return result
    }

    private func matlabLearnables(layer: Int, inputFeatures: Int) -> [Learnable] {
        let base = (isBidirectional && cell == .lstm ? "bi" : "") + kindName
        let prefix = layerCount > 1 ? (layer == 0 ? "\(base)/" : "\(base)_\(layer)/") : ""
        let rows = gateUnits * directions
        var result = [
            Learnable(prefix + "InputWeights", shape: [rows, inputFeatures], role: .trainable),
            Learnable(prefix + "RecurrentWeights", shape: [rows, units], role: .trainable),
        ]
        if hasBias { result.append(Learnable(prefix + "Bias", shape: [rows, 1], role: .trainable)) }
        result.append(Learnable(prefix + "HiddenState", shape: [units * directions, 1], role: .state))
        if cell == .lstm { result.append(Learnable(prefix + "CellState", shape: [units * directions, 1], role: .state)) }
        return result
    }

    private func lasagneLearnables(layer: Int, direction: Int, inputFeatures: Int) -> [Learnable] {
        var prefix = layerCount > 1 ? "l\(layer)." : ""
        if isBidirectional { prefix += direction == 0 ? "forward." : "backward." }
        let vector = [units]
        let initial = [1, units]
        func gate(_ name: String) -> [Learnable] {
            var tensors = [
                Learnable(prefix + "W_in_to_" + name, shape: [inputFeatures, units], role: .trainable),
                Learnable(prefix + "W_hid_to_" + name, shape: [units, units], role: .trainable),
            ]
            if hasBias { tensors.append(Learnable(prefix + "b_" + name, shape: vector, role: .trainable)) }
            return tensors
        }
        switch cell {
        case .simple:
            var result = [
                Learnable(prefix + "hid_init", shape: initial, role: .nonTrainable),
                Learnable(prefix + "input_to_hidden.W", shape: [inputFeatures, units], role: .trainable),
            ]
            if hasBias { result.append(Learnable(prefix + "input_to_hidden.b", shape: vector, role: .trainable)) }
            result.append(Learnable(prefix + "hidden_to_hidden.W", shape: [units, units], role: .trainable))
            return result
        case .lstm:
            return gate("ingate") + gate("forgetgate") + gate("cell") + gate("outgate") + [
                Learnable(prefix + "W_cell_to_ingate", shape: vector, role: .trainable),
                Learnable(prefix + "W_cell_to_forgetgate", shape: vector, role: .trainable),
                Learnable(prefix + "W_cell_to_outgate", shape: vector, role: .trainable),
                Learnable(prefix + "cell_init", shape: initial, role: .nonTrainable),
                Learnable(prefix + "hid_init", shape: initial, role: .nonTrainable),
            ]
        case .gru:
            return gate("updategate") + gate("resetgate") + gate("hidden_update") + [
                Learnable(prefix + "hid_init", shape: initial, role: .trainable),
            ]
        }
    }

    /// Elementwise FLOPs per hidden unit and step, beyond the gate products (see the table above).
    public var elementwiseFLOPsPerUnit: Int {
        switch cell {
        case .simple: 1 + (hasBias ? 1 : 0)
        case .lstm: 9 + (hasBias ? 4 : 0)
        case .gru: (resetsAfter ? 9 : 8) + (hasBias ? (resetsAfter ? 6 : 3) : 0)
        }
    }

    /// The gate products of every step, direction and layer, plus the elementwise work of every unit.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let (steps, features) = try stepsAndFeatures(of: inputs[0], layout: .channelsLast)
        var perStep = 0
        for inputFeatures in try layerInputFeatures(inputFeatures: features) {
            let width = try CheckedArithmetic.add(inputFeatures, units, "the MAC count")
            let layerMACs = try CheckedArithmetic.product([directions, cell.gateCount, units, width], "the MAC count")
            perStep = try CheckedArithmetic.add(perStep, layerMACs, "the MAC count")
        }
        let macs = try CheckedArithmetic.multiply(steps, perStep, "the MAC count")
        let elementwise = try CheckedArithmetic.product(
            [steps, layerCount, directions, units, elementwiseFLOPsPerUnit], "the FLOP count")
        return try .macs(macs, plus: elementwise)
    }

    public var torchinfoRule: TorchinfoRule { .sequenceSteps }
}

/// Reading a layer's input as steps × features.
enum SequenceInput {
    /// The steps and features of a sequence or a 1-D feature map; an error naming `layer` otherwise.
    static func stepsAndFeatures(of input: TensorShape, layer: String, layout: Layout) throws(CNNCalcError) -> (steps: Int, features: Int) {
        switch input {
        case .sequence(let steps, let features):
            return (steps, features)
        case .featureMap(let spatial, let channels) where spatial.count == 1:
            return (spatial[0], channels)
        case .featureMap:
            throw CNNCalcError(
                .shape,
                "\(layer) needs a sequence (steps x features) or a 1-D feature map, but its input is a \(input.kindName) \(input.text(in: layout))",
                fix: "give it a sequence, e.g. 'input 50x300 kind=sequence', or flatten the map's spatial axes into steps first")
        case .vector(let features):
            throw CNNCalcError(
                .shape,
                "\(layer) needs a sequence (steps x features) or a 1-D feature map, but its input is a vector of \(features)",
                fix: "a vector has no steps; write the input as steps x features, e.g. 'input 50x300 kind=sequence', or start with an embedding")
        }
    }
}
