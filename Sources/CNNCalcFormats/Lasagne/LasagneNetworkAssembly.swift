import CNNCalcCore

/// Turns the ordered Lasagne layer calls into a CNNCalc network, following shapes as it goes so
/// that each layer can be read as Lasagne reads its input (a `ReshapeLayer`'s `[i]`, a
/// `ConcatLayer`'s axis).
struct LasagneNetworkAssembly {
    let calls: [LasagneLayerCall]
    let ordered: [(index: Int, name: String)]
    let source: String

    /// The recurrent layer classes, whose inputs are sequences.
    private static let recurrentClasses: Set<String> = ["LSTMLayer", "GRULayer", "RecurrentLayer"]
    /// Layers that hand their input's shape on, through which a recurrent reader is still found.
    private static let passThrough: Set<String> = ["DropoutLayer", "GaussianNoiseLayer", "NonlinearityLayer", "BatchNormLayer"]

    func network() throws(CNNCalcError) -> Network {
        var names: [Int: String] = [:]
        for (index, name) in ordered { names[index] = name }
        var readers: [Int: [Int]] = [:]
        for (index, _) in ordered {
            for input in calls[index].inputs { readers[input, default: []].append(index) }
        }
        func feedsRecurrent(_ index: Int, depth: Int = 0) -> Bool {
            guard depth < 64 else { return false }
            return (readers[index] ?? []).contains { reader in
                Self.recurrentClasses.contains(calls[reader].className)
                    || Self.passThrough.contains(calls[reader].className) && feedsRecurrent(reader, depth: depth + 1)
            }
        }

        var layers: [Layer] = []
        var shapes: [Int: TensorShape] = [:]
        for (index, name) in ordered {
            let call = calls[index]
            let inputNames = call.inputs.compactMap { names[$0] }
            let inputShapes = call.inputs.map { shapes[$0] }
            let mapping = LasagneLayerMapping(call: call, name: name, inputs: inputShapes, feedsRecurrentLayer: feedsRecurrent(index))
            let kind = try mapping.kind()
            let layer = Layer(name: name, kind: kind, inputs: inputNames, location: call.location)
            layers.append(layer)
            // Follow the shape when every input's is known; an error is left to the analysis, which reports it in full.
            let known = inputShapes.compactMap { $0 }
            if known.count == inputShapes.count, let output = try? kind.outputShape(for: known, layout: .channelsFirst) {
                shapes[index] = output
            }
        }
        var network = try Network(layers: layers)
        network.sourceConvention = .lasagne
        return network
    }
}
