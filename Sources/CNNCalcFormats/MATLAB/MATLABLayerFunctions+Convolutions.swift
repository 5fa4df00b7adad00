import CNNCalcCore

/// The convolutions: 1-D, 2-D and 3-D, grouped (and channel-wise), and transposed.
///
/// | function | CNNCalc layer | defaults |
/// |---|---|---|
/// | `convolution1dLayer(filterSize,numFilters)`, `2d`, `3d` | `conv` of that rank | `'Stride'` 1, `'DilationFactor'` 1, `'Padding'` 0 |
/// | `groupedConvolution2dLayer(filterSize,numFiltersPerGroup,numGroups)` | `conv` with `numFiltersPerGroup*numGroups` filters in `numGroups` groups | as above |
/// | `groupedConvolution2dLayer(filterSize,numFiltersPerGroup,'channel-wise')` | `depthwiseconv`, multiplier `numFiltersPerGroup` | as above |
/// | `transposedConv1dLayer(filterSize,numFilters)`, `2d`, `3d` | `deconv` | `'Stride'` 1, `'Cropping'` 0: out = `(in-1)*stride + filterSize - cropping` |
///
/// `'Padding','same'` gives `ceil(in/stride)` with the odd pixel after (bottom, right), as MATLAB
/// computes it; `'Cropping','same'` gives `in*stride`. `'NumChannels'` is checked against the
/// channels that arrive.
extension MATLABLayerFunctions {
    static let convolutions: [MATLABLayerFunction] = [
        convolution("convolution1dLayer", "conv1d", rank: 1, example: "convolution1dLayer(3,16)"),
        convolution("convolution2dLayer", "conv", rank: 2, example: "convolution2dLayer(5,20)"),
        convolution("convolution3dLayer", "conv3d", rank: 3, example: "convolution3dLayer(3,16)"),
        grouped,
        transposed("transposedConv1dLayer", "transposed-conv1d", rank: 1, example: "transposedConv1dLayer(3,16)"),
        transposed("transposedConv2dLayer", "transposed-conv", rank: 2, example: "transposedConv2dLayer(4,16,'Stride',2)"),
        transposed("transposedConv3dLayer", "transposed-conv3d", rank: 3, example: "transposedConv3dLayer(3,16)"),
    ]

    /// The window arguments every convolution shares: filter size, stride, dilation and padding.
    private static func window(
        _ arguments: MATLABLayerArguments, rank: Int, example: String, allowsCausal: Bool
    ) throws(CNNCalcError) -> (kernel: [Int], stride: [Int], dilation: [Int], padding: Padding) {
        let kernel = try arguments.sizes(arguments.positional[0], what: "filterSize", rank: rank, example: example)
        let stride = try arguments.sizes(option: "Stride", rank: rank, fallback: [1])
        let dilation = try arguments.sizes(option: "DilationFactor", rank: rank, fallback: [1])
        var padding = Padding.uniform(0)
        if let argument = arguments.option("Padding") {
            var span: Int?
            if allowsCausal {
                let (spread, overflow) = dilation[0].multipliedReportingOverflow(by: kernel[0] - 1)
                span = overflow ? Int.max : spread
            }
            padding = try arguments.padding(argument, what: "'Padding'", rank: rank, causalSpan: span)
            if case .explicit(let sides) = padding, sides.contains(where: { $0.before > ValueParser.sizeLimit }) {
                throw CNNCalcError(
                    .badArgument, "\(arguments.function): the causal padding dilation*(filterSize-1) is larger than 1,000,000,000,000",
                    fix: "check filterSize and 'DilationFactor' for a typo", location: argument.location)
            }
        }
        return (kernel, stride, dilation, padding)
    }

    private static func convolution(_ name: String, _ defaultName: String, rank: Int, example: String) -> MATLABLayerFunction {
        MATLABLayerFunction(
            name: name, defaultName: defaultName, parameters: [required("filterSize"), required("numFilters")],
            names: ["Stride", "DilationFactor", "Padding", "PaddingValue", "NumChannels"] + trainingOptions, example: example
        ) { arguments throws(CNNCalcError) in
            let filters = try arguments.count(arguments.positional[1], what: "numFilters", example: example)
            let window = try window(arguments, rank: rank, example: example, allowsCausal: rank == 1)
            let layer = Convolution(
                filters: filters, kernelSize: window.kernel, stride: window.stride, padding: window.padding,
                dilation: window.dilation, spatialRank: rank)
            return MATLABLayerBuild(kind: .convolution(layer), declaredInput: try arguments.declaredSize("NumChannels"))
        }
    }

    private static let grouped = MATLABLayerFunction(
        name: "groupedConvolution2dLayer", defaultName: "groupedconv",
        parameters: [required("filterSize"), required("numFiltersPerGroup"), required("numGroups", acceptsText: true)],
        names: ["Stride", "DilationFactor", "Padding", "PaddingValue", "NumChannelsPerGroup"] + trainingOptions,
        example: "groupedConvolution2dLayer(3,16,2)"
    ) { arguments throws(CNNCalcError) in
        let example = "groupedConvolution2dLayer(3,16,2)"
        let perGroup = try arguments.count(arguments.positional[1], what: "numFiltersPerGroup", example: example)
        let window = try window(arguments, rank: 2, example: example, allowsCausal: false)
        let groupsArgument = arguments.positional[2]
        if groupsArgument.value.text != nil {
            // 'channel-wise': one group per input channel, a depthwise convolution.
            _ = try arguments.choice(groupsArgument, what: "numGroups", among: ["channel-wise"])
            let layer = DepthwiseConvolution(
                kernelSize: window.kernel, multiplier: perGroup, stride: window.stride, padding: window.padding,
                dilation: window.dilation, spatialRank: 2)
            return MATLABLayerBuild(kind: .depthwiseConvolution(layer))
        }
        let groups = try arguments.count(groupsArgument, what: "numGroups", example: example)
        let filters: Int
        do throws(CNNCalcError) {
            filters = try CheckedArithmetic.multiply(perGroup, groups, "numFiltersPerGroup*numGroups")
        } catch {
            throw error.attributed(to: nil, at: groupsArgument.location)
        }
        let layer = Convolution(
            filters: filters, kernelSize: window.kernel, stride: window.stride, padding: window.padding,
            dilation: window.dilation, groups: groups, spatialRank: 2)
        return MATLABLayerBuild(kind: .convolution(layer))
    }

    private static func transposed(_ name: String, _ defaultName: String, rank: Int, example: String) -> MATLABLayerFunction {
        MATLABLayerFunction(
            name: name, defaultName: defaultName, parameters: [required("filterSize"), required("numFilters")],
            names: ["Stride", "Cropping", "NumChannels"] + trainingOptions, example: example
        ) { arguments throws(CNNCalcError) in
            let kernel = try arguments.sizes(arguments.positional[0], what: "filterSize", rank: rank, example: example)
            let filters = try arguments.count(arguments.positional[1], what: "numFilters", example: example)
            let stride = try arguments.sizes(option: "Stride", rank: rank, fallback: [1])
            // Without cropping MATLAB's output is (in-1)*stride + filterSize, the explicit-padding rule.
            var cropping = Padding.uniform(0)
            if let argument = arguments.option("Cropping") {
                cropping = try arguments.padding(argument, what: "'Cropping'", rank: rank)
            }
            let layer = TransposedConvolution(filters: filters, kernelSize: kernel, stride: stride, padding: cropping, spatialRank: rank)
            return MATLABLayerBuild(
                kind: .transposedConvolution(layer), declaredInput: try arguments.declaredSize("NumChannels"))
        }
    }
}
