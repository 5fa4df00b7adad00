/// A setting a layer kind accepts, written as a value after the kind or as `key=value`.
struct Parameter: Hashable, Sendable {
    /// The key as documented, e.g. `ceil_mode`.
    var key: String
    /// Other keys that mean the same, e.g. `ceil`.
    var aliases: [String]
    /// What the value is, for messages: "filter count".
    var noun: String
    /// A sample value for messages, e.g. `2` for `stride=2`.
    var sampleValue: String

    /// Creates a parameter.
    init(_ key: String, aliases: [String] = [], noun: String, sample sampleValue: String) {
        self.key = key
        self.aliases = aliases
        self.noun = noun
        self.sampleValue = sampleValue
    }

    /// Every spelling of the key, documented one first.
    var spellings: [String] { [key] + aliases }
}

extension Parameter {
    /// `inputs=a,b`: the layers feeding this one, accepted by every kind.
    static let inputs = Parameter("inputs", noun: "inputs", sample: "a,b")

    /// The input shape, e.g. `28x28x1`.
    static let shape = Parameter("shape", noun: "input shape", sample: "28x28x1")
    /// The order of the input's axes: `hwc` or `chw`.
    static let layout = Parameter("layout", noun: "layout", sample: "chw")
    /// `kind=sequence` for a steps × features input.
    static let inputKind = Parameter("kind", noun: "input kind", sample: "sequence")
    /// `open=seq_len`: the names of the sizes an input leaves open with `?`, in order.
    static let openNames = Parameter("open", noun: "names of the open sizes", sample: "seq_len")

    /// The number of convolution filters.
    static let filters = Parameter("filters", noun: "filter count", sample: "32")
    /// The convolution kernel size.
    static let kernel = Parameter("kernel", noun: "kernel size", sample: "3x3")
    /// The window step.
    static let stride = Parameter("stride", noun: "stride", sample: "2")
    /// The padding rule.
    static let padding = Parameter("padding", aliases: ["pad"], noun: "padding", sample: "same")
    /// The spacing between kernel taps.
    static let dilation = Parameter("dilation", noun: "dilation", sample: "2")
    /// The number of channel groups.
    static let groups = Parameter("groups", noun: "group count", sample: "2")
    /// Whether the layer adds a bias.
    static let bias = Parameter("bias", noun: "bias setting", sample: "false")
    /// An activation applied to the output.
    static let activation = Parameter("activation", noun: "activation", sample: "relu")

    /// The pooling window size.
    static let poolSize = Parameter("size", aliases: ["pool"], noun: "pool size", sample: "2")
    /// PyTorch's rounding-up output size for pooling.
    static let ceilMode = Parameter("ceil_mode", aliases: ["ceil"], noun: "ceil mode", sample: "true")

    /// The number of dense units.
    static let units = Parameter("units", noun: "unit count", sample: "256")
    /// Whether a dense layer flattens a feature map first.
    static let flatten = Parameter("flatten", noun: "flatten setting", sample: "false")

    /// The dropout rate.
    static let rate = Parameter("rate", noun: "dropout rate", sample: "0.5")

    /// Whether batch normalization learns a scale.
    static let scale = Parameter("scale", noun: "scale setting", sample: "false")
    /// Whether batch normalization learns an offset.
    static let center = Parameter("center", noun: "center setting", sample: "false")
    /// Batch normalization's epsilon; it changes no shape or count.
    static let epsilon = Parameter("epsilon", noun: "epsilon", sample: "0.001")
    /// Batch normalization's momentum; it changes no shape or count.
    static let momentum = Parameter("momentum", noun: "momentum", sample: "0.99")

    /// The slope or scale of a leaky ReLU or ELU.
    static let alpha = Parameter("alpha", noun: "alpha", sample: "0.1")

    /// The number of distinct token ids of an embedding.
    static let vocabulary = Parameter("vocabulary", aliases: ["input_dim", "num_embeddings"], noun: "vocabulary size", sample: "10000")
    /// The length of each embedding vector.
    static let dimension = Parameter("dimension", aliases: ["output_dim", "embedding_dim"], noun: "embedding dimension", sample: "128")

    /// Whether a recurrent layer returns every step.
    static let returnSequences = Parameter("return_sequences", noun: "return_sequences setting", sample: "true")
    /// Whether a recurrent layer also reads the sequence backwards.
    static let bidirectional = Parameter("bidirectional", noun: "bidirectional setting", sample: "true")
    /// The number of stacked recurrent layers.
    static let layers = Parameter("layers", aliases: ["num_layers"], noun: "layer count", sample: "2")
    /// Whether a GRU applies its reset gate after the recurrent product.
    static let resetAfter = Parameter("reset_after", noun: "reset_after setting", sample: "false")

    /// The number of attention heads.
    static let heads = Parameter("heads", aliases: ["num_heads"], noun: "head count", sample: "8")
    /// The size of each head's queries and keys.
    static let keyDimension = Parameter("key_dim", noun: "key size", sample: "64")
    /// The size of each head's values.
    static let valueDimension = Parameter("value_dim", noun: "value size", sample: "64")
    /// The features of an attention layer's output.
    static let outputDimension = Parameter("output_dim", noun: "output size", sample: "512")
    /// The width of a transformer's feed-forward layer.
    static let feedForward = Parameter("ff", aliases: ["dim_feedforward"], noun: "feed-forward width", sample: "2048")
    /// Whether a transformer normalizes before each sublayer.
    static let normFirst = Parameter("norm_first", noun: "norm_first setting", sample: "true")

    /// The axis a concatenation joins along.
    static let axis = Parameter("axis", noun: "axis", sample: "width")
    /// Whether a matrix product transposes its second input.
    static let transposeB = Parameter("transpose_b", noun: "transpose_b setting", sample: "true")
}

extension Parameter {
    /// Rows a transposed convolution adds after its output.
    static let outputPadding = Parameter("output_padding", aliases: ["outpad"], noun: "output padding", sample: "1")
    /// Kernels per input channel of a depthwise or separable convolution.
    static let multiplier = Parameter("multiplier", aliases: ["depth_multiplier"], noun: "depth multiplier", sample: "2")

    /// The whole factor an upsampling multiplies each spatial size by.
    static let scaleFactor = Parameter("scale", aliases: ["scale_factor", "factor"], noun: "scale factor", sample: "2")
    /// The output size of an upsampling or an adaptive pooling.
    static let outputSize = Parameter("size", aliases: ["output_size"], noun: "output size", sample: "7x7")
    /// How an upsampling computes its values.
    static let mode = Parameter("mode", aliases: ["interpolation"], noun: "upsampling mode", sample: "bilinear")
    /// The rows a cropping removes.
    static let cropping = Parameter("cropping", aliases: ["crop"], noun: "cropping", sample: "1")
    /// The new shape of a reshape.
    static let targetShape = Parameter("shape", noun: "target shape", sample: "7x7x64")
    /// The new order of the axes of a permute.
    static let permutation = Parameter("axes", aliases: ["dims", "order"], noun: "axis order", sample: "2x1")
    /// The axis a squeeze removes or an unsqueeze inserts.
    static let squeezeAxis = Parameter("axis", aliases: ["dim"], noun: "axis", sample: "1")
    /// The step a `selectstep` keeps: 0 for the first, -1 for the last.
    static let stepIndex = Parameter("index", aliases: ["step"], noun: "step index", sample: "0")
    /// The block side of space to depth and depth to space.
    static let blockSize = Parameter(
        "block_size", aliases: ["block", "factor", "upscale_factor", "downscale_factor"], noun: "block size", sample: "2")
    /// Whether global pooling keeps its spatial axes.
    static let keepDimensions = Parameter("keepdims", aliases: ["keep_dims", "keepdim"], noun: "keepdims setting", sample: "true")

    /// The axes a layer normalization normalizes over: `last` or `all`.
    static let normalizedAxes = Parameter("axes", noun: "normalized axes", sample: "all")
    /// Whether a normalization learns a scale and an offset.
    static let affine = Parameter("affine", aliases: ["elementwise_affine"], noun: "affine setting", sample: "false")
    /// The number of neighbouring channels of a local response normalization.
    static let windowSize = Parameter("size", aliases: ["n", "window"], noun: "window size", sample: "5")
    /// Local response normalization's exponent; it changes no shape or count.
    static let beta = Parameter("beta", noun: "beta", sample: "0.75")
    /// Local response normalization's additive constant; it changes no shape or count.
    static let k = Parameter("k", noun: "k", sample: "2")
    /// Which values of a PReLU share a slope.
    static let slopes = Parameter("slopes", noun: "slope sharing", sample: "channel")
}
