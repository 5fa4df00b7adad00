import CNNCalcCore

/// Walks a network in topological order and reports every layer's shapes and learnables.
///
///     let network = try CNNTextReader.network(from: "input 28x28x1; conv 32 5", source: "-e")
///     let report = try Analyzer().analyze(network)
///     report.layers[1].outputShape      // .featureMap(spatial: [24, 24], channels: 32)
///     report.totals.parameters          // 832
public struct Analyzer: Sendable {
    /// The convention and batch size of the analysis.
    public var options: AnalysisOptions

    /// Creates an analyzer; Keras' convention and one example unless told otherwise.
    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
    }

    /// Analyses every layer of `network`.
    ///
    /// - Throws: ``CNNCalcError`` naming the first layer whose inputs do not fit it
    ///   (kind `.shape` or `.badArgument`), or `.overflow` for counts beyond 64 bits and for an
    ///   output with an axis beyond ``CheckedArithmetic/maximumSize`` (2^40).
    public func analyze(_ network: Network) throws(CNNCalcError) -> NetworkReport {
        let layout = network.inputLayout
        var shapes = [TensorShape?](repeating: nil, count: network.layers.count)
        var fields = [ReceptiveField](repeating: .whole, count: network.layers.count)
        var reports: [LayerReport] = []
        reports.reserveCapacity(network.layers.count)
        for index in network.topologicalOrder {
            let layer = network.layers[index]
            let sources = network.predecessors[index]
            var inputs: [TensorShape] = []
            inputs.reserveCapacity(sources.count)
            for source in sources {
                guard let shape = shapes[source] else {
                    preconditionFailure("topological order visits \(layer.name) before its input")
                }
                inputs.append(shape)
            }
            do {
                if let declared = layer.declaredInput, let first = inputs.first { try declared.check(first, layout: layout) }
                let output = try layer.kind.outputShape(for: inputs, layout: layout)
                // Every later step (receptive fields, costs, derivations) relies on countable shapes.
                try output.checkCountable(in: layout)
                let axes = try layer.kind.axes(for: inputs, layout: layout)
                let field = ReceptiveField.of(
                    layer.kind, axes: axes, inputs: sources.map { fields[$0] }, inputShapes: inputs, output: output)
                let learnables = try Self.learnables(of: layer, for: inputs, convention: options.convention)
                let report = try LayerReport(
                    layer: layer,
                    inputNames: sources.map { network.layers[$0].name },
                    inputShapes: inputs,
                    outputShape: output,
                    learnables: learnables,
                    axes: axes,
                    cost: try layer.kind.cost(for: inputs, output: output),
                    receptiveField: field,
                    convention: options.convention)
                shapes[index] = output
                fields[index] = field
                reports.append(report)
            } catch {
                throw error.attributed(to: layer.name, at: layer.location)
            }
        }
        return try NetworkReport(layers: reports, inputLayout: layout, options: options)
    }

    /// The layer's learnables in `convention`: none when it reuses another layer's weights
    /// (``Layer/sharesLearnablesWith``), and trainable ones turned non-trainable when it is frozen
    /// (``Layer/isTrainable``).
    private static func learnables(
        of layer: Layer, for inputs: [TensorShape], convention: Convention
    ) throws(CNNCalcError) -> [Learnable] {
        if layer.sharesLearnablesWith != nil { return [] }
        let learnables = try layer.kind.learnables(for: inputs, convention: convention)
        if layer.isTrainable { return learnables }
        return learnables.map { learnable in
            var frozen = learnable
            if frozen.role == .trainable { frozen.role = .nonTrainable }
            return frozen
        }
    }
}
