import CNNCalcCore

/// Max and average pooling (1-D, 2-D, 3-D) and global pooling.
///
/// | function | CNNCalc layer | defaults |
/// |---|---|---|
/// | `maxPooling2dLayer(poolSize)`, `averagePooling2dLayer(poolSize)`, `1d`, `3d` | `maxpool`, `avgpool` | `'Stride'` **1** (not the pool size), `'Padding'` 0 |
/// | `globalAveragePooling2dLayer`, `globalMaxPooling2dLayer`, `1d`, `3d` | `globalavgpool`, `globalmaxpool` | the output keeps its spatial axes, each of size 1 (`1×1×C`) |
extension MATLABLayerFunctions {
    static let poolings: [MATLABLayerFunction] = [
        pooling("maxPooling1dLayer", "maxpool1d", .max, rank: 1),
        pooling("maxPooling2dLayer", "maxpool", .max, rank: 2),
        pooling("maxPooling3dLayer", "maxpool3d", .max, rank: 3),
        pooling("averagePooling1dLayer", "avgpool1d", .average, rank: 1),
        pooling("averagePooling2dLayer", "avgpool2d", .average, rank: 2),
        pooling("averagePooling3dLayer", "avgpool3d", .average, rank: 3),
        plain("globalAveragePooling1dLayer", "gapool1d", .globalPooling(GlobalPooling(.average, keepsDimensions: true))),
        plain("globalAveragePooling2dLayer", "gapool", .globalPooling(GlobalPooling(.average, keepsDimensions: true))),
        plain("globalAveragePooling3dLayer", "gapool3d", .globalPooling(GlobalPooling(.average, keepsDimensions: true))),
        plain("globalMaxPooling1dLayer", "gmpool1d", .globalPooling(GlobalPooling(.max, keepsDimensions: true))),
        plain("globalMaxPooling2dLayer", "gmpool", .globalPooling(GlobalPooling(.max, keepsDimensions: true))),
        plain("globalMaxPooling3dLayer", "gmpool3d", .globalPooling(GlobalPooling(.max, keepsDimensions: true))),
    ]

    private static func pooling(_ name: String, _ defaultName: String, _ mode: Pooling.Mode, rank: Int) -> MATLABLayerFunction {
        let example = "\(name)(2,'Stride',2)"
        let extra = mode == .max ? ["HasUnpoolingOutputs"] : ["PaddingValue"]
        return MATLABLayerFunction(
            name: name, defaultName: defaultName, parameters: [required("poolSize")],
            names: ["Stride", "Padding"] + extra, example: example
        ) { arguments throws(CNNCalcError) in
            let poolSize = try arguments.sizes(arguments.positional[0], what: "poolSize", rank: rank, example: example)
            // MATLAB's pooling layers step by 1 unless told otherwise, unlike Keras and PyTorch.
            let stride = try arguments.sizes(option: "Stride", rank: rank, fallback: [1])
            var padding = Padding.uniform(0)
            if let argument = arguments.option("Padding") {
                padding = try arguments.padding(argument, what: "'Padding'", rank: rank)
            }
            try arguments.refuseTrue("HasUnpoolingOutputs", because: "gives the layer two more outputs (the indices and the size, for maxUnpooling2dLayer)")
            let layer = Pooling(mode, poolSize: poolSize, stride: stride, padding: padding, spatialRank: rank)
            return MATLABLayerBuild(kind: .pooling(layer))
        }
    }
}
