extension NodeInference {
    /// Operators whose output has their first input's shape.
    static let sameShape: Set<String> = [
        "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "Gelu", "HardSwish", "HardSigmoid", "Softplus", "Softsign",
        "Mish", "Softmax", "LogSoftmax", "Hardmax", "Erf", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Floor", "Ceil",
        "Round", "Sign", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Not",
        "IsNaN", "IsInf", "Identity", "Cast", "CastLike", "Clip", "InstanceNormalization", "GroupNormalization",
        "LpNormalization", "LRN", "MeanVarianceNormalization", "CumSum", "Shrink", "ThresholdedRelu", "Celu", "PRelu",
        "QuantizeLinear", "DequantizeLinear", "Trilu", "ScatterElements", "ScatterND", "Scatter", "ReverseSequence",
        "Bernoulli", "RandomNormalLike", "RandomUniformLike", "EyeLike", "BitwiseNot", "Swish",
    ]
    /// Operators whose inputs broadcast against each other (numpy's rule).
    static let broadcasting: Set<String> = [
        "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And",
        "Or", "Xor", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Max", "Min", "Mean", "Sum", "Where",
    ]
    /// Reductions over `axes`.
    static let reductions: Set<String> = [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    ]
    /// Operators whose output depends on the data, not only on shapes.
    static let dataDependent: [String: String] = [
        "NonZero": "the number of non-zero values depends on the data",
        "Compress": "the number of values kept depends on the data",
        "Unique": "the number of distinct values depends on the data",
        "NonMaxSuppression": "the number of boxes kept depends on the data",
        "Loop": "a loop's outputs depend on its iterations",
        "If": "an If's output depends on the branch taken",
        "Scan": "CNNCalc does not follow a Scan's body",
    ]

    /// The facts of the node's outputs.
    func infer() throws(Failure) -> Inferred {
        guard node.domain.isEmpty || node.domain == "ai.onnx" else {
            throw .unsupported("CNNCalc has no shape rule for operators of the domain '\(node.domain)'")
        }
        let op = node.opType
        if Self.sameShape.contains(op) {
            var result = Inferred(try dims(0))
            if isStatic { result.outputs[0].values = try? foldedValues(result.outputs[0].dims) }
            return result
        }
        if Self.broadcasting.contains(op) { return try broadcast() }
        if Self.reductions.contains(op) { return try reduction() }
        if let reason = Self.dataDependent[op] { throw .unsupported(reason) }
        switch op {
        case "Dropout":
            let shape = try dims(0)
            return Inferred(outputs: [shape, shape])
        case "BatchNormalization":
            let shape = try dims(0)
            let channels = shape.count > 1 ? [shape[1]] : [ONNXDimension.unknown]
            return Inferred(outputs: [shape, channels, channels])
        case "LayerNormalization": return try layerNormalization()
        case "Conv", "ConvInteger": return try convolution(data: 0, weight: 1)
        case "QLinearConv": return try convolution(data: 0, weight: 3)
        case "ConvTranspose": return try transposedConvolution()
        case "MaxPool", "AveragePool", "LpPool": return try pooling()
        case "MaxUnpool": return try unpooling()
        case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool": return try globalPooling()
        case "Gemm": return try gemm()
        case "MatMul", "MatMulInteger": return try matMul(left: 0, right: 1)
        case "QLinearMatMul": return try matMul(left: 0, right: 3)
        case "Einsum": return try einsum()
        case "ArgMax", "ArgMin": return try argReduction()
        case "TopK": return try topK()
        case "Flatten": return try flatten()
        case "Reshape": return try reshape()
        case "Transpose": return try transpose()
        case "Squeeze": return try squeeze()
        case "Unsqueeze": return try unsqueeze()
        case "Concat": return try concat()
        case "Split": return try split()
        case "Slice": return try slice()
        case "Gather": return try gather()
        case "GatherElements": return Inferred(try dims(1))
        case "GatherND": return try gatherND()
        case "Pad": return try pad()
        case "Tile": return try tile()
        case "Expand": return try expand()
        case "DepthToSpace", "SpaceToDepth": return try depthSpace()
        case "Resize": return try resize()
        case "Upsample": return try upsample()
        case "Shape": return try shape()
        case "Size": return try size()
        case "Constant": return try constant()
        case "ConstantOfShape": return try constantOfShape()
        case "Range": return try range()
        case "OneHot": return try oneHot()
        case "LSTM", "GRU", "RNN": return try recurrent()
        default:
            throw .unsupported("CNNCalc has no shape rule for the operator \(op)")
        }
    }
}
