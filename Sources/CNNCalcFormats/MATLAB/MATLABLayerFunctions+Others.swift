import CNNCalcCore

/// Fully connected, normalization, activation, dropout, flatten, merge and output layers.
///
/// | function | CNNCalc layer | notes |
/// |---|---|---|
/// | `fullyConnectedLayer(outputSize)` | `dense` | flattens a feature map first: `Weights outputSize×(h*w*c)`; per step on a sequence |
/// | `batchNormalizationLayer` | `batchnorm` | `Scale`, `Offset` learnables; `TrainedMean`, `TrainedVariance` states |
/// | `crossChannelNormalizationLayer(windowChannelSize)` | `lrn` | no learnables; `'Alpha'`, `'Beta'`, `'K'` change no size |
/// | `reluLayer`, `tanhLayer`, `sigmoidLayer`, `softmaxLayer`, `swishLayer`, `geluLayer` | the activation | |
/// | `leakyReluLayer(scale)`, `clippedReluLayer(ceiling)`, `eluLayer(alpha)` | the activation | scale 0.01, alpha 1; the ceiling is required |
/// | `dropoutLayer(probability)` | `dropout` | probability 0.5 |
/// | `flattenLayer` | `flatten` | |
/// | `additionLayer(numInputs)`, `multiplicationLayer(numInputs)` | `add`, `multiply` | inputs `in1`, `in2`, ... |
/// | `depthConcatenationLayer(numInputs)`, `concatenationLayer(dim,numInputs)` | `concat` | `dim` counts MATLAB's dimensions: 3 is the channels of a 2-D image |
/// | `classificationLayer`, `regressionLayer` | `classoutput`, `regressionoutput` | the training loss: no learnables, the shape passes through |
extension MATLABLayerFunctions {
    static let others: [MATLABLayerFunction] = [
        MATLABLayerFunction(
            name: "fullyConnectedLayer", defaultName: "fc", parameters: [required("outputSize")],
            names: ["InputSize", "OperationDimension"] + trainingOptions, example: "fullyConnectedLayer(10)"
        ) { arguments throws(CNNCalcError) in
            let units = try arguments.count(arguments.positional[0], what: "outputSize", example: "fullyConnectedLayer(10)")
            return MATLABLayerBuild(
                kind: .dense(Dense(units: units)), declaredInput: try arguments.declaredSize("InputSize"))
        },
        MATLABLayerFunction(
            name: "batchNormalizationLayer", defaultName: "batchnorm", parameters: [],
            names: ["NumChannels", "Epsilon", "MeanDecay", "VarianceDecay", "ScaleInitializer", "OffsetInitializer",
                    "Scale", "Offset", "TrainedMean", "TrainedVariance", "ScaleLearnRateFactor", "OffsetLearnRateFactor",
                    "ScaleL2Factor", "OffsetL2Factor"],
            example: "batchNormalizationLayer"
        ) { arguments throws(CNNCalcError) in
            MATLABLayerBuild(
                kind: .batchNormalization(BatchNormalization()),
                declaredInput: try arguments.declaredSize("NumChannels"))
        },
        MATLABLayerFunction(
            name: "crossChannelNormalizationLayer", defaultName: "crossnorm", parameters: [required("windowChannelSize")],
            names: ["Alpha", "Beta", "K"], example: "crossChannelNormalizationLayer(5)"
        ) { arguments throws(CNNCalcError) in
            let size = try arguments.count(arguments.positional[0], what: "windowChannelSize", example: "crossChannelNormalizationLayer(5)")
            return MATLABLayerBuild(kind: .localResponseNormalization(LocalResponseNormalization(size: size)))
        },
        plain("reluLayer", "relu", .activation(Activation(.relu))),
        plain("tanhLayer", "tanh", .activation(Activation(.tanh))),
        plain("sigmoidLayer", "sigmoid", .activation(Activation(.sigmoid))),
        plain("softmaxLayer", "softmax", .activation(Activation(.softmax))),
        plain("swishLayer", "swish", .activation(Activation(.silu))),
        plain("geluLayer", "gelu", .activation(Activation(.gelu)), names: ["Approximation"]),
        activation("leakyReluLayer", "leakyrelu", parameter: "scale", fallback: 0.01) { .leakyReLU(alpha: $0) },
        activation("eluLayer", "elu", parameter: "alpha", fallback: 1) { .elu(alpha: $0) },
        MATLABLayerFunction(
            name: "clippedReluLayer", defaultName: "clippedrelu", parameters: [required("ceiling")], names: [],
            example: "clippedReluLayer(10)"
        ) { arguments throws(CNNCalcError) in
            let argument = arguments.positional[0]
            let ceiling = try arguments.decimal(argument, what: "ceiling", example: "clippedReluLayer(10)")
            guard ceiling > 0, ceiling.isFinite else {
                throw arguments.mismatch(argument, what: "ceiling", expected: "a positive number", example: "clippedReluLayer(10)")
            }
            return MATLABLayerBuild(kind: .activation(Activation(.clippedReLU(ceiling: ceiling))))
        },
        MATLABLayerFunction(
            name: "dropoutLayer", defaultName: "dropout", parameters: [optional("probability")], names: [],
            example: "dropoutLayer(0.5)"
        ) { arguments throws(CNNCalcError) in
            var probability = 0.5
            if let argument = arguments.positional(0) {
                probability = try arguments.decimal(argument, what: "probability", example: "dropoutLayer(0.5)")
                guard probability >= 0, probability < 1 else {
                    throw arguments.mismatch(argument, what: "probability", expected: "a number from 0 up to (not including) 1", example: "dropoutLayer(0.5)")
                }
            }
            return MATLABLayerBuild(kind: .dropout(Dropout(rate: probability)))
        },
        plain("flattenLayer", "flatten", .flatten(Flatten())),
        merge("additionLayer", "addition", .add(Add())),
        merge("multiplicationLayer", "multiplication", .elementwise(ElementwiseMerge(.multiply))),
        merge("depthConcatenationLayer", "depthcat", .concatenate(Concatenate(axis: .channels))),
        MATLABLayerFunction(
            name: "concatenationLayer", defaultName: "concat", parameters: [required("dim"), required("numInputs")], names: [],
            example: "concatenationLayer(3,2)"
        ) { arguments throws(CNNCalcError) in
            let dimension = try arguments.count(arguments.positional[0], what: "dim", example: "concatenationLayer(3,2)")
            let inputs = try inputCount(arguments, at: 1, example: "concatenationLayer(3,2)")
            return MATLABLayerBuild(kind: .concatenate(Concatenate()), inputCount: inputs, concatenationDimension: dimension)
        },
        plain("classificationLayer", "classoutput", .lossOutput(LossOutput(.crossEntropy)), names: ["Classes", "ClassWeights"]),
        plain("regressionLayer", "regressionoutput", .lossOutput(LossOutput(.meanSquaredError)), names: ["ResponseNames"]),
    ]

    /// An activation with one optional number (`scale`, `alpha`).
    private static func activation(
        _ name: String, _ defaultName: String, parameter: String, fallback: Double,
        _ function: @escaping @Sendable (Double) -> Activation.Function
    ) -> MATLABLayerFunction {
        let example = "\(name)(\(MATLABMatrix.text(fallback)))"
        return MATLABLayerFunction(name: name, defaultName: defaultName, parameters: [optional(parameter)], names: [], example: example) {
            arguments throws(CNNCalcError) in
            var value = fallback
            if let argument = arguments.positional(0) {
                value = try arguments.decimal(argument, what: parameter, example: example)
                guard value.isFinite else {
                    throw arguments.mismatch(argument, what: parameter, expected: "a finite number", example: example)
                }
            }
            return MATLABLayerBuild(kind: .activation(Activation(function(value))))
        }
    }

    /// A merge of `numInputs` inputs, named `in1`, `in2`, ...
    private static func merge(_ name: String, _ defaultName: String, _ kind: LayerKind) -> MATLABLayerFunction {
        let example = "\(name)(2)"
        return MATLABLayerFunction(name: name, defaultName: defaultName, parameters: [required("numInputs")], names: [], example: example) {
            arguments throws(CNNCalcError) in
            MATLABLayerBuild(kind: kind, inputCount: try inputCount(arguments, at: 0, example: example))
        }
    }

    /// The `numInputs` of a merge: 2 or more.
    private static func inputCount(_ arguments: MATLABLayerArguments, at index: Int, example: String) throws(CNNCalcError) -> Int {
        let argument = arguments.positional[index]
        let count = try arguments.count(argument, what: "numInputs", example: example)
        guard count >= 2 else {
            throw arguments.mismatch(argument, what: "numInputs", expected: "2 or more", example: example)
        }
        guard count <= 10_000 else {
            throw arguments.mismatch(argument, what: "numInputs", expected: "at most 10,000", example: example)
        }
        return count
    }
}
