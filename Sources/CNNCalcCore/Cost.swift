/// The arithmetic one layer performs for one example, by CNNCalc's definition.
///
/// A MAC is one multiplication followed by one addition into an accumulator. FLOPs count
/// every floating-point operation: two per MAC, plus the operations that are not
/// multiply-accumulates. Per layer kind, for one example:
///
/// | layer | MACs | FLOPs beyond 2 × MACs |
/// |---|---|---|
/// | convolution | output positions × filters × kernel size × input channels / groups | one per output element for the bias |
/// | transposed convolution | input positions × input channels × kernel size × filters / groups | one per output element for the bias |
/// | dense | input features × units (× positions when applied to the last axis) | one per output element for the bias |
/// | max / average pooling | 0 | window size per output element (comparisons, or additions and a division) |
/// | global pooling | 0 | one per input element |
/// | batch normalization (inference) | one per element: the statistics fold into a scale and a shift | 0 |
/// | activations | 0 | one per element; softmax three (exponent, sum, division) |
/// | add, subtract, multiply, average, maximum | 0 | one per output element per extra input |
/// | flatten, reshape, dropout, concatenation, padding, input | 0 | 0 |
/// | embedding | 0 (a lookup) | 0 |
/// | simple RNN, LSTM, GRU | steps × Σ over layers of directions × gates × units × (inputs + units) | per step, unit, direction and layer: RNN 1, LSTM 9, GRU 8 (9 with reset_after), plus one per bias value (``Recurrent``) |
/// | multi-head attention | the four projections, `heads × Lq × Lk × key_dim` for the scores and `heads × Lq × Lk × value_dim` for the weighted sum | the biases, the query scaling, 3 per score for the softmax (``AttentionWork``) |
/// | transformer encoder | its attention, plus `2 × L × E × ff` for the feed-forward pair | its attention's, the feed-forward biases and activation, 2 × L × E residual additions, 5 per element for each of the two layer norms |
/// | average | 0 | one per output element per extra input, plus one for the division |
/// | matmul | L × D × M | 0 |
///
/// An inline activation (`activation=relu`) adds its FLOPs to its layer. Costs scale with
/// the batch size; ``Cost`` holds the cost of one example.
public struct Cost: Hashable, Sendable {
    /// Multiply-accumulate operations.
    public var macs: Int
    /// Floating-point operations.
    public var flops: Int

    /// Creates a cost.
    public init(macs: Int, flops: Int) {
        self.macs = macs
        self.flops = flops
    }

    /// No arithmetic at all.
    public static let zero = Cost(macs: 0, flops: 0)

    /// `macs` multiply-accumulates and `extraFLOPs` other operations: `2*macs + extraFLOPs` FLOPs.
    public static func macs(_ macs: Int, plus extraFLOPs: Int = 0) throws(CNNCalcError) -> Cost {
        let doubled = try CheckedArithmetic.multiply(macs, 2, "the FLOP count")
        return Cost(macs: macs, flops: try CheckedArithmetic.add(doubled, extraFLOPs, "the FLOP count"))
    }

    /// Only `flops` operations that are not multiply-accumulates.
    public static func flops(_ flops: Int) -> Cost {
        Cost(macs: 0, flops: flops)
    }

    /// The sum of two costs, or an overflow error.
    public func adding(_ other: Cost) throws(CNNCalcError) -> Cost {
        Cost(
            macs: try CheckedArithmetic.add(macs, other.macs, "the MAC count"),
            flops: try CheckedArithmetic.add(flops, other.flops, "the FLOP count"))
    }

    /// The cost of `count` examples, or an overflow error.
    public func scaled(by count: Int) throws(CNNCalcError) -> Cost {
        Cost(
            macs: try CheckedArithmetic.multiply(macs, count, "the MAC count"),
            flops: try CheckedArithmetic.multiply(flops, count, "the FLOP count"))
    }
}

/// How torchinfo turns a layer's parameters into "mult-adds", reproduced by `--macs torchinfo`.
///
/// torchinfo 1.8 (`LayerInfo.calculate_macs`) multiplies each leaf module's parameter count
/// (in PyTorch's convention) by a factor that depends on the module's class:
///
/// | rule | modules | mult-adds for batch N |
/// |---|---|---|
/// | `outputPositions` | class name contains `Conv` | parameters × N × output spatial positions |
/// | `sequenceSteps` | parameters not named plainly `weight`/`bias` (RNN, LSTM, GRU; CNNCalc also applies it to a whole transformer block) | parameters × N × steps (the input's, when a recurrent layer returns only its last step) |
/// | `once` | every other module with parameters (Linear, BatchNorm, LayerNorm, Embedding, PReLU) | parameters × N |
/// | `never` | parameters a non-leaf module holds itself (ConvNeXt's `layer_scale`, ViT's `class_token` and `pos_embedding`) and `nn.MultiheadAttention`, which holds `out_proj` and so is no leaf: the total adds up leaf modules only | 0 |
///
/// Modules without parameters count 0.
public enum TorchinfoRule: Hashable, Sendable {
    /// Parameters times output positions.
    case outputPositions
    /// Parameters times output steps.
    case sequenceSteps
    /// Parameters, once per example.
    case once
    /// Nothing: torchinfo's total leaves out the parameters of modules that are not leaves.
    case never
}
