/// Multi-head attention over sequences, parameterized as Keras' `MultiHeadAttention`.
///
/// Inputs: one sequence `x` (self-attention: query, key and value are all `x`), or a query
/// sequence and one sequence for keys and values, or three sequences (query, key, value).
/// With `Lq` query steps of `E_q` features, `Lk` key steps of `E_k` features, values of `E_v`
/// features (as many steps as the keys), `H = heads`, `kd = keyDimension` (default `E_q / H`,
/// PyTorch's head size), `vd = valueDimension` (default `kd`, Keras' default) and
/// `E_o = outputDimension` (default `E_q`):
/// ```
/// output = sequence Lq x E_o
/// query  = E_q * H * kd + H * kd          (the biases only when hasBias)
/// key    = E_k * H * kd + H * kd
/// value  = E_v * H * vd + H * vd
/// output = H * vd * E_o + E_o
/// ```
/// PyTorch's `nn.MultiheadAttention(E, H)` is the case `H * kd = H * vd = E_o = E_q = E`, and
/// then `4E² + 4E`, whatever `H`: for `E = 512` and 8 heads, `4*512*512 + 4*512 = 1,050,624`,
/// Keras' count with `key_dim=64` as well. The frameworks pack the same numbers differently:
///
/// | convention | tensors |
/// |---|---|
/// | Keras | `query/kernel (E_q, H, kd)`, `query/bias (H, kd)`, `key/...`, `value/...`, `attention_output/kernel (H, vd, E_o)`, `attention_output/bias (E_o,)` |
/// | PyTorch | `in_proj_weight [3E, E]`, `in_proj_bias [3E]`, `out_proj.weight [E, E]`, `out_proj.bias [E]`; with other key or value features (`kdim`, `vdim`): `q_proj_weight [E, E]`, `k_proj_weight [E, E_k]`, `v_proj_weight [E, E_v]` instead of `in_proj_weight` |
/// | MATLAB | `QueryWeights H*kd×E_q`, `QueryBias H*kd×1`, `KeyWeights`, `KeyBias`, `ValueWeights`, `ValueBias`, `OutputWeights E_o×H*vd`, `OutputBias E_o×1` (`selfAttentionLayer`; assumed names) |
/// | Lasagne | no attention layer; counted as four dense layers `query.W (E_q, H*kd)`, `query.b`, `key.*`, `value.*`, `output.W (H*vd, E_o)`, `output.b` |
///
/// When the sizes are ones `nn.MultiheadAttention` cannot take (`H * kd` or `H * vd` or `E_o`
/// not equal to `E_q`), the PyTorch convention lists the separate projections it would need.
///
/// Cost, for one example (see ``AttentionWork``): the four projections, the scores `Q Kᵀ`, their
/// scaling and softmax, and the weighted sum of the values.
public struct MultiHeadAttention: LayerBehavior {
    /// The number of heads `H`.
    public var heads: Int
    /// The size of each head's queries and keys, `kd`; `nil` for `E_q / heads`.
    public var keyDimension: Int?
    /// The size of each head's values, `vd`; `nil` for the key size.
    public var valueDimension: Int?
    /// The features of the output, `E_o`; `nil` for the query's features.
    public var outputDimension: Int?
    /// Whether the projections add biases.
    public var hasBias: Bool

    /// Creates a multi-head attention layer.
    public init(heads: Int, keyDimension: Int? = nil, valueDimension: Int? = nil, outputDimension: Int? = nil, hasBias: Bool = true) {
        self.heads = heads
        self.keyDimension = keyDimension
        self.valueDimension = valueDimension
        self.outputDimension = outputDimension
        self.hasBias = hasBias
    }

    public var kindName: String { "mha" }
    public var arity: LayerArity { .queryKeyValue }
    public var layerKind: LayerKind { .multiHeadAttention(self) }

    /// Every size the formulas use, read from the inputs and the layer's settings.
    public struct Sizes: Hashable, Sendable {
        /// Query steps `Lq`, and key and value steps `Lk`.
        public var querySteps: Int, keySteps: Int
        /// Features of the query, key and value inputs: `E_q`, `E_k`, `E_v`.
        public var queryFeatures: Int, keyFeatures: Int, valueFeatures: Int
        /// Heads `H`, per-head key size `kd` and value size `vd`, and output features `E_o`.
        public var heads: Int, keyDimension: Int, valueDimension: Int, outputFeatures: Int
    }

    /// The sizes for `inputs`: `[x]`, `[query, keyAndValue]` or `[query, key, value]`.
    public func sizes(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> Sizes {
        guard heads > 0 else {
            throw CNNCalcError(.badArgument, "head count \(heads) is not positive", fix: "give the number of heads, e.g. 'mha 8'")
        }
        let query = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: layout)
        let key = try SequenceInput.stepsAndFeatures(of: inputs[inputs.count > 1 ? 1 : 0], layer: kindName, layout: layout)
        let value = try SequenceInput.stepsAndFeatures(of: inputs[inputs.count > 2 ? 2 : inputs.count - 1], layer: kindName, layout: layout)
        guard key.steps == value.steps else {
            throw CNNCalcError(
                .shape, "mha needs as many key steps as value steps, but the keys have \(key.steps) and the values \(value.steps)",
                fix: "feed keys and values of the same length, e.g. 'inputs=q,kv' with one sequence for both")
        }
        let keyDimension: Int
        if let given = self.keyDimension {
            keyDimension = given
        } else {
            guard query.features % heads == 0 else {
                throw CNNCalcError(
                    .shape, "mha splits the \(query.features) query features into \(heads) heads, but \(heads) does not divide \(query.features)",
                    fix: "give key_dim= (the size of each head), or a head count that divides \(query.features)")
            }
            keyDimension = query.features / heads
        }
        let valueDimension = self.valueDimension ?? keyDimension
        let outputFeatures = outputDimension ?? query.features
        for (name, size) in [("key_dim", keyDimension), ("value_dim", valueDimension), ("output_dim", outputFeatures)] where size <= 0 {
            throw CNNCalcError(.badArgument, "\(name) \(size) is not positive", fix: "give a positive size, e.g. '\(name)=64'")
        }
        // The projections are tensors with axes of heads*key_dim and heads*value_dim, so those
        // products are sizes too; bounding them keeps the sums of the learnables' shapes countable.
        try CheckedArithmetic.checkSize(heads, "head count")
        for (name, size) in [("key_dim", keyDimension), ("value_dim", valueDimension), ("output_dim", outputFeatures)] {
            try CheckedArithmetic.checkSize(size, name)
        }
        for (name, size) in [("key_dim", keyDimension), ("value_dim", valueDimension)] {
            let (width, overflow) = heads.multipliedReportingOverflow(by: size)
            if overflow || width > CheckedArithmetic.maximumSize {
                throw CheckedArithmetic.tooLarge(
                    "the projected width heads*\(name) = \(heads)*\(size)", fix: "use fewer heads or a smaller \(name)")
            }
        }
        for size in [query.steps, query.features, key.steps, key.features, value.features] {
            try CheckedArithmetic.checkSize(size, "an axis of the input")
        }
        return Sizes(
            querySteps: query.steps, keySteps: key.steps,
            queryFeatures: query.features, keyFeatures: key.features, valueFeatures: value.features,
            heads: heads, keyDimension: keyDimension, valueDimension: valueDimension, outputFeatures: outputFeatures)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let sizes = try sizes(for: inputs, layout: layout)
        return .sequence(steps: sizes.querySteps, features: sizes.outputFeatures)
    }

    /// The projections, named and shaped as in the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        Self.learnables(try sizes(for: inputs, layout: .channelsLast), hasBias: hasBias, convention: convention)
    }

    /// The projections for `sizes`, each name prefixed with `prefix`.
    static func learnables(_ sizes: Sizes, hasBias: Bool, convention: Convention, prefix: String = "") -> [Learnable] {
        let (h, kd, vd) = (sizes.heads, sizes.keyDimension, sizes.valueDimension)
        let (eq, ek, ev, eo) = (sizes.queryFeatures, sizes.keyFeatures, sizes.valueFeatures, sizes.outputFeatures)
        var result: [Learnable] = []
        func add(_ name: String, _ shape: [Int], bias: Bool = false) {
            if !bias || hasBias { result.append(Learnable(prefix + name, shape: shape, role: .trainable)) }
        }
        switch convention {
        case .keras:
            add("query/kernel", [eq, h, kd]); add("query/bias", [h, kd], bias: true)
            add("key/kernel", [ek, h, kd]); add("key/bias", [h, kd], bias: true)
            add("value/kernel", [ev, h, vd]); add("value/bias", [h, vd], bias: true)
            add("attention_output/kernel", [h, vd, eo]); add("attention_output/bias", [eo], bias: true)
        case .pytorch:
            let packed = h * kd == eq && h * vd == eq && eo == eq
            if packed && ek == eq && ev == eq {
                add("in_proj_weight", [3 * eq, eq])
            } else {
                add("q_proj_weight", [h * kd, eq]); add("k_proj_weight", [h * kd, ek]); add("v_proj_weight", [h * vd, ev])
            }
            add("in_proj_bias", [2 * h * kd + h * vd], bias: true)
            add("out_proj.weight", [eo, h * vd]); add("out_proj.bias", [eo], bias: true)
        case .matlab:
            add("QueryWeights", [h * kd, eq]); add("QueryBias", [h * kd, 1], bias: true)
            add("KeyWeights", [h * kd, ek]); add("KeyBias", [h * kd, 1], bias: true)
            add("ValueWeights", [h * vd, ev]); add("ValueBias", [h * vd, 1], bias: true)
            add("OutputWeights", [eo, h * vd]); add("OutputBias", [eo, 1], bias: true)
        case .lasagne:
            add("query.W", [eq, h * kd]); add("query.b", [h * kd], bias: true)
            add("key.W", [ek, h * kd]); add("key.b", [h * kd], bias: true)
            add("value.W", [ev, h * vd]); add("value.b", [h * vd], bias: true)
            add("output.W", [h * vd, eo]); add("output.b", [eo], bias: true)
        }
        return result
    }

    /// The projections, scores, softmax and weighted sum (see ``AttentionWork``).
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        try AttentionWork(try sizes(for: inputs, layout: .channelsLast), hasBias: hasBias).cost()
    }

    /// torchinfo's total adds up leaf modules only, and `nn.MultiheadAttention` is never one: it
    /// holds `out_proj`, whose weights its forward uses without calling it. So torchinfo counts
    /// no mult-adds for attention (torchvision's ViT-B/16: 0 for each of its twelve).
    public var torchinfoRule: TorchinfoRule { .never }
}

/// The arithmetic of one multi-head attention for one example, term by term.
///
/// ```
/// query projection   Lq * E_q * H * kd      MACs
/// key projection     Lk * E_k * H * kd      MACs
/// value projection   Lk * E_v * H * vd      MACs
/// scores Q Kᵀ        H * Lq * Lk * kd       MACs
/// weighted sum A V   H * Lq * Lk * vd       MACs
/// output projection  Lq * H * vd * E_o      MACs
/// biases             Lq*H*kd + Lk*H*kd + Lk*H*vd + Lq*E_o     FLOPs (with biases)
/// scaling            Lq * H * kd            FLOPs (the queries divided by sqrt(kd))
/// softmax            3 * H * Lq * Lk        FLOPs (exponent, sum, division per score)
/// ```
/// For self-attention of 8 heads on 10 steps of 512 features: `4*10*512*512` projection MACs
/// and `2*8*10*10*64` for the scores and the weighted sum.
public struct AttentionWork: Hashable, Sendable {
    /// MACs of the query, key, value and output projections.
    public var queryProjection: Int, keyProjection: Int, valueProjection: Int, outputProjection: Int
    /// MACs of the scores `Q Kᵀ` and of the weighted sum of the values.
    public var scores: Int, weightedSum: Int
    /// FLOPs of the bias additions (0 without biases), the query scaling and the softmax.
    public var biases: Int, scaling: Int, softmax: Int

    /// The work of attention with `sizes`.
    public init(_ sizes: MultiHeadAttention.Sizes, hasBias: Bool) throws(CNNCalcError) {
        let s = sizes
        let what = "the MAC count"
        queryProjection = try CheckedArithmetic.product([s.querySteps, s.queryFeatures, s.heads, s.keyDimension], what)
        keyProjection = try CheckedArithmetic.product([s.keySteps, s.keyFeatures, s.heads, s.keyDimension], what)
        valueProjection = try CheckedArithmetic.product([s.keySteps, s.valueFeatures, s.heads, s.valueDimension], what)
        outputProjection = try CheckedArithmetic.product([s.querySteps, s.heads, s.valueDimension, s.outputFeatures], what)
        scores = try CheckedArithmetic.product([s.heads, s.querySteps, s.keySteps, s.keyDimension], what)
        weightedSum = try CheckedArithmetic.product([s.heads, s.querySteps, s.keySteps, s.valueDimension], what)
        let flops = "the FLOP count"
        biases = hasBias ? try CheckedArithmetic.sum([
            try CheckedArithmetic.product([s.querySteps, s.heads, s.keyDimension], flops),
            try CheckedArithmetic.product([s.keySteps, s.heads, s.keyDimension], flops),
            try CheckedArithmetic.product([s.keySteps, s.heads, s.valueDimension], flops),
            try CheckedArithmetic.multiply(s.querySteps, s.outputFeatures, flops),
        ], flops) : 0
        scaling = try CheckedArithmetic.product([s.querySteps, s.heads, s.keyDimension], flops)
        softmax = try CheckedArithmetic.product([3, s.heads, s.querySteps, s.keySteps], flops)
    }

    /// Every MAC of the attention.
    public var macs: Int {
        get throws(CNNCalcError) {
            try CheckedArithmetic.sum(
                [queryProjection, keyProjection, valueProjection, scores, weightedSum, outputProjection], "the MAC count")
        }
    }

    /// The MACs, and the FLOPs: two per MAC plus the biases, the scaling and the softmax.
    public func cost() throws(CNNCalcError) -> Cost {
        try .macs(try macs, plus: try CheckedArithmetic.sum([biases, scaling, softmax], "the FLOP count"))
    }
}

/// A transformer encoder block, counted as PyTorch's `nn.TransformerEncoderLayer(E, heads, ff)`:
/// self-attention, a feed-forward pair of dense layers and two layer normalizations, each with a
/// residual connection (after the sublayer, or before it with `normFirst`).
///
/// Input and output: the same sequence of `L` steps × `E` features; `heads` must divide `E`.
/// ```
/// self-attention  4*E*E + 4*E                 (in_proj 3E x E + 3E, out_proj E x E + E)
/// linear1         E*ff + ff
/// linear2         ff*E + E
/// norm1, norm2    2*E each                    (a scale and a shift per feature)
/// total           4*E*E + 4*E + 2*E*ff + ff + E + 4*E
/// ```
/// For `E = 512`, 8 heads and `ff = 2048`: `4*512*512 + 4*512 + 2*512*2048 + 2048 + 512 + 4*512 =
/// 3,152,384`. Without bias (PyTorch's `bias=False`) the attention, dense and normalization
/// biases go: `4*E*E + 2*E*ff + 2*E`.
///
/// | convention | tensors |
/// |---|---|
/// | PyTorch | `self_attn.in_proj_weight [3E, E]`, `self_attn.in_proj_bias`, `self_attn.out_proj.weight`, `self_attn.out_proj.bias`, `linear1.weight [ff, E]`, `linear1.bias`, `linear2.weight [E, ff]`, `linear2.bias`, `norm1.weight [E]`, `norm1.bias`, `norm2.weight`, `norm2.bias` |
/// | Keras | as KerasHub's `TransformerEncoder`: `self_attention/...` (``MultiHeadAttention``), `self_attention_layer_norm/gamma`, `/beta`, `feedforward_layer_norm/...`, `feedforward_intermediate_dense/kernel (E, ff)`, `/bias`, `feedforward_output_dense/kernel (ff, E)`, `/bias` |
/// | MATLAB | composed: `attention/...`, `norm1/Offset E×1`, `norm1/Scale`, `fc1/Weights ff×E`, `fc1/Bias`, `fc2/...`, `norm2/...` |
/// | Lasagne | composed: `attention.*`, `norm1.beta`, `norm1.gamma`, `fc1.W (E, ff)`, `fc1.b`, `fc2.*`, `norm2.*` |
///
/// Cost, for one example: the self-attention (``AttentionWork``), `2 * L * E * ff` MACs for the
/// feed-forward pair, and as FLOPs its biases (`L*ff + L*E`), its activation (`L*ff`), the two
/// residual additions (`2*L*E`) and the two layer normalizations, 5 FLOPs per element each
/// (mean, variance, normalization, scale and shift, as fvcore counts `layer_norm`).
public struct TransformerEncoder: LayerBehavior {
    /// FLOPs per element of a layer normalization.
    public static let layerNormFLOPsPerElement = 5

    /// The number of attention heads.
    public var heads: Int
    /// The width of the feed-forward layer (PyTorch's `dim_feedforward`, 2048 by default).
    public var feedForward: Int
    /// Whether each sublayer normalizes its input (pre-norm) instead of its output; no count changes.
    public var normFirst: Bool
    /// The feed-forward activation: relu or gelu.
    public var activation: Activation.Function
    /// Whether the attention, dense and normalization layers have biases.
    public var hasBias: Bool

    /// Creates a transformer encoder block; PyTorch's defaults unless written otherwise.
    public init(heads: Int, feedForward: Int = 2048, normFirst: Bool = false, activation: Activation.Function = .relu, hasBias: Bool = true) {
        self.heads = heads
        self.feedForward = feedForward
        self.normFirst = normFirst
        self.activation = activation
        self.hasBias = hasBias
    }

    public var kindName: String { "transformer" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .transformerEncoder(self) }

    /// The block's self-attention.
    public var attention: MultiHeadAttention { MultiHeadAttention(heads: heads, hasBias: hasBias) }

    /// The steps `L` and features `E` of `input`, checked.
    public func stepsAndFeatures(of input: TensorShape, layout: Layout) throws(CNNCalcError) -> (steps: Int, features: Int) {
        guard heads > 0 else {
            throw CNNCalcError(.badArgument, "head count \(heads) is not positive", fix: "give the number of heads, e.g. 'transformer 8'")
        }
        guard feedForward > 0 else {
            throw CNNCalcError(.badArgument, "ff \(feedForward) is not positive", fix: "give the feed-forward width, e.g. 'ff=2048'")
        }
        guard activation == .relu || activation == .gelu else {
            throw CNNCalcError(
                .badArgument, "a transformer's feed-forward activation is relu or gelu, not \(activation.name)",
                fix: "write activation=relu or activation=gelu")
        }
        let (steps, features) = try SequenceInput.stepsAndFeatures(of: input, layer: kindName, layout: layout)
        guard features % heads == 0 else {
            throw CNNCalcError(
                .shape, "transformer splits the \(features) features into \(heads) heads, but \(heads) does not divide \(features)",
                fix: "choose a head count that divides \(features)")
        }
        return (steps, features)
    }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let (steps, features) = try stepsAndFeatures(of: inputs[0], layout: layout)
        return .sequence(steps: steps, features: features)
    }

    /// The attention, feed-forward and normalization tensors, named as in the table above.
    public func learnables(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> [Learnable] {
        let (_, e) = try stepsAndFeatures(of: inputs[0], layout: .channelsLast)
        let ff = feedForward
        let sizes = try attention.sizes(for: [inputs[0]], layout: .channelsLast)
        var result: [Learnable] = []
        func add(_ name: String, _ shape: [Int], bias: Bool = false) {
            if !bias || hasBias { result.append(Learnable(name, shape: shape, role: .trainable)) }
        }
        switch convention {
        case .pytorch:
            result += MultiHeadAttention.learnables(sizes, hasBias: hasBias, convention: .pytorch, prefix: "self_attn.")
            add("linear1.weight", [ff, e]); add("linear1.bias", [ff], bias: true)
            add("linear2.weight", [e, ff]); add("linear2.bias", [e], bias: true)
            for norm in ["norm1", "norm2"] { add(norm + ".weight", [e]); add(norm + ".bias", [e], bias: true) }
        case .keras:
            result += MultiHeadAttention.learnables(sizes, hasBias: hasBias, convention: .keras, prefix: "self_attention/")
            add("self_attention_layer_norm/gamma", [e]); add("self_attention_layer_norm/beta", [e], bias: true)
            add("feedforward_layer_norm/gamma", [e]); add("feedforward_layer_norm/beta", [e], bias: true)
            add("feedforward_intermediate_dense/kernel", [e, ff]); add("feedforward_intermediate_dense/bias", [ff], bias: true)
            add("feedforward_output_dense/kernel", [ff, e]); add("feedforward_output_dense/bias", [e], bias: true)
        case .matlab:
            result += MultiHeadAttention.learnables(sizes, hasBias: hasBias, convention: .matlab, prefix: "attention/")
            add("norm1/Offset", [e, 1], bias: true); add("norm1/Scale", [e, 1])
            add("fc1/Weights", [ff, e]); add("fc1/Bias", [ff, 1], bias: true)
            add("fc2/Weights", [e, ff]); add("fc2/Bias", [e, 1], bias: true)
            add("norm2/Offset", [e, 1], bias: true); add("norm2/Scale", [e, 1])
        case .lasagne:
            result += MultiHeadAttention.learnables(sizes, hasBias: hasBias, convention: .lasagne, prefix: "attention.")
            add("norm1.beta", [e], bias: true); add("norm1.gamma", [e])
            add("fc1.W", [e, ff]); add("fc1.b", [ff], bias: true)
            add("fc2.W", [ff, e]); add("fc2.b", [e], bias: true)
            add("norm2.beta", [e], bias: true); add("norm2.gamma", [e])
        }
        return result
    }

    /// The arithmetic of the block, part by part.
    public struct Work: Hashable, Sendable {
        /// The self-attention.
        public var attention: AttentionWork
        /// MACs of the two feed-forward products, `L * E * ff` each.
        public var feedForwardMACs: Int
        /// FLOPs of the feed-forward biases, its activation, the residual additions and the two normalizations.
        public var feedForwardBiases: Int, activation: Int, residuals: Int, normalizations: Int
    }

    /// The work of the block on `input`.
    public func work(for input: TensorShape) throws(CNNCalcError) -> Work {
        let (l, e) = try stepsAndFeatures(of: input, layout: .channelsLast)
        let flops = "the FLOP count"
        let positions = try CheckedArithmetic.multiply(l, e, flops)
        let hidden = try CheckedArithmetic.multiply(l, feedForward, flops)
        return Work(
            attention: try AttentionWork(try attention.sizes(for: [input], layout: .channelsLast), hasBias: hasBias),
            feedForwardMACs: try CheckedArithmetic.product([2, l, e, feedForward], "the MAC count"),
            feedForwardBiases: hasBias ? try CheckedArithmetic.add(hidden, positions, flops) : 0,
            activation: try CheckedArithmetic.multiply(hidden, activation.flopsPerElement, flops),
            residuals: try CheckedArithmetic.multiply(2, positions, flops),
            normalizations: try CheckedArithmetic.product([2, Self.layerNormFLOPsPerElement, positions], flops))
    }

    /// The attention's cost plus the feed-forward pair, the residuals and the normalizations.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? {
        let work = try work(for: inputs[0])
        let rest = try Cost.macs(
            work.feedForwardMACs,
            plus: try CheckedArithmetic.sum(
                [work.feedForwardBiases, work.activation, work.residuals, work.normalizations], "the FLOP count"))
        return try work.attention.cost().adding(rest)
    }

    /// torchinfo counts the block's recurrent-style attention weights per step; CNNCalc applies that
    /// rule to the whole block, an approximation of torchinfo's per-module sum.
    public var torchinfoRule: TorchinfoRule { .sequenceSteps }
}
