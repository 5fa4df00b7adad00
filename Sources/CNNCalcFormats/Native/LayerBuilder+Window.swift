import CNNCalcCore

extension LayerBuilder {
    /// `conv 32 5`: filters and kernel, then stride 1, no padding, dilation 1, one group,
    /// a bias and no activation unless written.
    static func convolution(_ arguments: Arguments) throws(CNNCalcError) -> Convolution {
        guard let filters = try arguments.count(.filters), let kernel = try arguments.windowSizes(.kernel) else {
            throw arguments.missingValues()
        }
        return Convolution(
            filters: filters,
            kernelSize: kernel,
            stride: try arguments.windowSizes(.stride) ?? [1],
            padding: try arguments.padding() ?? .valid,
            dilation: try arguments.windowSizes(.dilation) ?? [1],
            groups: try arguments.count(.groups) ?? 1,
            hasBias: try arguments.boolean(.bias) ?? true,
            activation: try arguments.activation(),
            spatialRank: arguments.spatialRank)
    }

    /// `maxpool 2` or `avgpool 3 stride=2`: a pool size of 2 unless written, a stride equal
    /// to the pool size unless written, no padding, and no ceil mode.
    static func pooling(_ mode: Pooling.Mode, _ arguments: Arguments) throws(CNNCalcError) -> Pooling {
        Pooling(
            mode,
            poolSize: try arguments.windowSizes(.poolSize) ?? [2],
            stride: try arguments.windowSizes(.stride),
            padding: try arguments.padding() ?? .valid,
            ceilMode: try arguments.boolean(.ceilMode) ?? false,
            spatialRank: arguments.spatialRank)
    }
}
