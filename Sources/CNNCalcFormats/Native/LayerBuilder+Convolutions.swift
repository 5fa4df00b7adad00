import CNNCalcCore

extension LayerBuilder {
    /// `deconv 16 3`: filters and kernel, then stride 1, padding `valid`, no output padding,
    /// dilation 1, one group, a bias and no activation unless written.
    static func transposedConvolution(_ arguments: Arguments) throws(CNNCalcError) -> TransposedConvolution {
        guard let filters = try arguments.count(.filters), let kernel = try arguments.windowSizes(.kernel) else {
            throw arguments.missingValues()
        }
        return TransposedConvolution(
            filters: filters,
            kernelSize: kernel,
            stride: try arguments.windowSizes(.stride) ?? [1],
            padding: try arguments.padding() ?? .valid,
            outputPadding: try arguments.wholeSizes(.outputPadding),
            dilation: try arguments.windowSizes(.dilation) ?? [1],
            groups: try arguments.count(.groups) ?? 1,
            hasBias: try arguments.boolean(.bias) ?? true,
            activation: try arguments.activation(),
            spatialRank: arguments.spatialRank)
    }

    /// `depthwiseconv 3`: the kernel, then one kernel per channel, stride 1, padding `valid`,
    /// dilation 1, a bias and no activation unless written.
    static func depthwiseConvolution(_ arguments: Arguments) throws(CNNCalcError) -> DepthwiseConvolution {
        guard let kernel = try arguments.windowSizes(.kernel) else { throw arguments.missingValues() }
        return DepthwiseConvolution(
            kernelSize: kernel,
            multiplier: try arguments.count(.multiplier) ?? 1,
            stride: try arguments.windowSizes(.stride) ?? [1],
            padding: try arguments.padding() ?? .valid,
            dilation: try arguments.windowSizes(.dilation) ?? [1],
            hasBias: try arguments.boolean(.bias) ?? true,
            activation: try arguments.activation(),
            spatialRank: arguments.spatialRank)
    }

    /// `separableconv 64 3`: filters and kernel, then one depthwise kernel per channel, stride 1,
    /// padding `valid`, dilation 1, a bias and no activation unless written.
    static func separableConvolution(_ arguments: Arguments) throws(CNNCalcError) -> SeparableConvolution {
        guard let filters = try arguments.count(.filters), let kernel = try arguments.windowSizes(.kernel) else {
            throw arguments.missingValues()
        }
        return SeparableConvolution(
            filters: filters,
            kernelSize: kernel,
            multiplier: try arguments.count(.multiplier) ?? 1,
            stride: try arguments.windowSizes(.stride) ?? [1],
            padding: try arguments.padding() ?? .valid,
            dilation: try arguments.windowSizes(.dilation) ?? [1],
            hasBias: try arguments.boolean(.bias) ?? true,
            activation: try arguments.activation(),
            spatialRank: arguments.spatialRank)
    }
}

extension Arguments {
    /// Whole numbers of at least 0 per spatial axis, e.g. an output padding of `1` or `1x0`.
    func wholeSizes(_ parameter: Parameter) throws(CNNCalcError) -> [Int]? {
        guard let token = token(parameter) else { return nil }
        let sizes = try ValueParser.wholeSizes(
            token, noun: parameter.noun, maximumAxes: ValueParser.maximumWindowAxes, fix: fix(for: parameter))
        try checkRank(sizes.count, token: token, noun: parameter.noun, sample: "1")
        return sizes
    }

    /// Pixels before and after per axis, written as a padding but without the rules `valid`,
    /// `same` and `full`: the amounts of a zero padding or a cropping.
    func pixels(_ parameter: Parameter) throws(CNNCalcError) -> [AxisPadding]? {
        guard let token = token(parameter) else { return nil }
        let key = writtenKey(parameter) ?? kindName
        let separator = writtenKey(parameter) == nil ? " " : "="
        let fix = "write e.g. '\(key)\(separator)1', '\(key)\(separator)1x2' or '\(key)\(separator)1:2x0:1' (before:after per axis)"
        guard case .explicit(let sides) = try ValueParser.padding(token, fix: fix) else {
            throw CNNCalcError(
                .badArgument, "\(kindName) takes a number of rows, not the rule \(token.quoted)",
                fix: fix, location: token.location)
        }
        try checkRank(sides.count, token: token, noun: parameter.noun, sample: "1")
        return sides
    }
}
