import CNNCalcCore

/// The input layers: images, 3-D images, sequences and feature vectors.
///
/// | function | shape | notes |
/// |---|---|---|
/// | `imageInputLayer([h w c])` | `h×w×c` feature map | `[h w]` is one channel |
/// | `image3dInputLayer([h w d c])` | `h×w×d×c` feature map | `[h w d]` is one channel; sizes in MATLAB's order |
/// | `sequenceInputLayer(c)` | `'MinLength'` steps (1) of `c` features | MATLAB's sequences have no fixed length |
/// | `featureInputLayer(n)` | a vector of `n` features | |
///
/// Normalization options change no shape or count and are read and left aside.
extension MATLABLayerFunctions {
    static let inputs: [MATLABLayerFunction] = [
        image("imageInputLayer", "imageinput", rank: 2, example: "imageInputLayer([28 28 1])",
              names: ["DataAugmentation", "AverageImage"]),
        image("image3dInputLayer", "image3dinput", rank: 3, example: "image3dInputLayer([64 64 32 1])", names: []),
        MATLABLayerFunction(
            name: "sequenceInputLayer", defaultName: "sequenceinput", parameters: [required("inputSize")],
            names: ["MinLength"] + normalizationOptions, example: "sequenceInputLayer(12)"
        ) { arguments throws(CNNCalcError) in
            let argument = arguments.positional[0]
            if case .numbers(let matrix) = argument.value, matrix.values.count > 1 {
                throw CNNCalcError(
                    .badArgument,
                    "sequenceInputLayer: inputSize \(matrix.described) is a sequence of images, which CNNCalc does not read",
                    fix: "give the number of features per step, e.g. sequenceInputLayer(12)", location: argument.location)
            }
            let features = try arguments.count(argument, what: "inputSize", example: "sequenceInputLayer(12)")
            var steps = 1
            if let length = arguments.option("MinLength") {
                steps = try arguments.count(length, what: "'MinLength'", example: "'MinLength',10")
            }
            return MATLABLayerBuild(kind: .input(Input(.sequence(steps: steps, features: features))), inputCount: 0)
        },
        MATLABLayerFunction(
            name: "featureInputLayer", defaultName: "featureinput", parameters: [required("numFeatures")],
            names: normalizationOptions, example: "featureInputLayer(10)"
        ) { arguments throws(CNNCalcError) in
            let features = try arguments.count(arguments.positional[0], what: "numFeatures", example: "featureInputLayer(10)")
            return MATLABLayerBuild(kind: .input(Input(.vector(features: features))), inputCount: 0)
        },
    ]

    /// The normalization name-value arguments of the input layers.
    static let normalizationOptions = [
        "Normalization", "NormalizationDimension", "Mean", "StandardDeviation", "Min", "Max", "SplitComplexInputs",
    ]

    /// An image input of `rank` spatial axes: `[h w c]` (or `[h w d c]`), the channels 1 when left out.
    private static func image(_ name: String, _ defaultName: String, rank: Int, example: String, names: [String]) -> MATLABLayerFunction {
        MATLABLayerFunction(
            name: name, defaultName: defaultName, parameters: [required("inputSize")],
            names: normalizationOptions + names, example: example
        ) { arguments throws(CNNCalcError) in
            let argument = arguments.positional[0]
            let expected = "a vector of \(rank + 1) positive whole numbers (\(rank == 2 ? "[h w c]" : "[h w d c]"))"
            guard case .numbers(let matrix) = argument.value, matrix.isVector, matrix.values.count == rank || matrix.values.count == rank + 1 else {
                throw arguments.mismatch(argument, what: "inputSize", expected: expected, example: example)
            }
            let sizes = try arguments.sizes(argument, what: "inputSize", rank: matrix.values.count, example: example)
            let channels = sizes.count == rank + 1 ? sizes[rank] : 1
            return MATLABLayerBuild(kind: .input(Input(.featureMap(spatial: try SpatialSizes(sizes.prefix(rank)), channels: channels))), inputCount: 0)
        }
    }
}
