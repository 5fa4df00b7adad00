import CNNCalcCore

/// Walks a network in topological order and reports every layer's shapes and learnables.
///
///     let network = try CNNTextReader.network(from: "input 28x28x1; conv 32 5", source: "-e")
///     let report = try Analyzer().analyze(network)
///     report.layers[1].outputShape      // .featureMap(spatial: [24, 24], channels: 32)
///     report.totals.parameters          // 832
///
/// A network that does not fit together gets every problem found, not only the first:
/// ``analyzeCollectingProblems(_:)`` goes on past a layer that fails when its output can still
/// be known (a layer whose declared input size disagrees with what arrives still has the output
/// it was declared for, see ``DeclaredInput``; a layer whose learnables or cost cannot be counted
/// still has its output shape), and skips, without reporting them, the layers downstream of a
/// layer whose output cannot be known (a kernel larger than its input).
public struct Analyzer: Sendable {
    /// The convention and batch size of the analysis.
    public var options: AnalysisOptions

    /// Creates an analyzer; Keras' convention and one example unless told otherwise.
    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
    }

    /// Analyses every layer of `network`.
    ///
    /// - Throws: ``CNNCalcError``: the first of the problems ``analyzeCollectingProblems(_:)``
    ///   finds, naming the first layer whose inputs do not fit it (kind `.shape` or
    ///   `.badArgument`), or `.overflow` for counts beyond 64 bits and for an output with an
    ///   axis beyond ``CheckedArithmetic/maximumSize`` (2^40).
    public func analyze(_ network: Network) throws(CNNCalcError) -> NetworkReport {
        do {
            return try analyzeCollectingProblems(network)
        } catch {
            throw error.errors[0]
        }
    }

    /// Analyses every layer of `network`, collecting every problem instead of stopping at the first.
    ///
    /// - Throws: ``AnalysisProblems`` with every problem found, in the order of the layers.
    public func analyzeCollectingProblems(_ network: Network) throws(AnalysisProblems) -> NetworkReport {
        let layout = network.inputLayout
        var shapes = [TensorShape?](repeating: nil, count: network.layers.count)
        var fields = [ReceptiveField](repeating: .whole, count: network.layers.count)
        var reports: [LayerReport] = []
        reports.reserveCapacity(network.layers.count)
        var problems: [CNNCalcError] = []
        // One layer's report, or its problems.
        func analyzeLayer(_ layer: Layer, at index: Int) {
            let sources = network.predecessors[index]
            // A layer fed by one whose output is unknown cannot be checked: skip it, silently.
            guard sources.allSatisfy({ shapes[$0] != nil }) else { return }
            var inputs: [TensorShape] = []
            inputs.reserveCapacity(sources.count)
            for source in sources { if let shape = shapes[source] { inputs.append(shape) } }
            if let declared = layer.declaredInput, let arriving = inputs.first {
                do {
                    let source = sources.first.map { network.layers[$0].name }
                    let flattened = Self.flattenedMap(feeding: index, in: network, shapes: shapes)
                    if let mismatch = try declared.mismatch(
                        on: layer, input: arriving, from: source, flattened: flattened, layout: layout) {
                        problems.append(mismatch)
                        inputs[0] = declared.declaredShape(for: layer.kind, replacing: arriving)
                    }
                } catch {
                    problems.append(error.attributed(to: layer.name, at: layer.location))
                }
            }
            let output: TensorShape
            let windows: [AxisOutput]?
            do {
                (output, windows) = try layer.kind.outputShapeAndAxes(for: inputs, layout: layout)
                // Every later step (receptive fields, costs, derivations) relies on countable shapes.
                try output.checkCountable(in: layout)
            } catch {
                problems.append(error.attributed(to: layer.name, at: layer.location))
                return
            }
            shapes[index] = output
            do {
                let axes: [AxisOutput]
                if let windows { axes = windows } else { axes = try layer.kind.axes(for: inputs, layout: layout) }
                let field = ReceptiveField.of(
                    layer.kind, axes: axes, inputs: sources.lazy.map { fields[$0] }, inputShapes: inputs, output: output)
                let learnables = try Self.learnables(of: layer, for: inputs, convention: options.convention)
                let report = try LayerReport(
                    layers: network.layers,
                    index: index,
                    inputNames: network.inputNames[index],
                    inputShapes: inputs,
                    outputShape: output,
                    learnables: learnables,
                    axes: axes,
                    cost: try layer.kind.cost(for: inputs, output: output),
                    receptiveField: field,
                    convention: options.convention)
                fields[index] = field
                reports.append(report)
            } catch {
                problems.append(error.attributed(to: layer.name, at: layer.location))
            }
        }
        for index in network.topologicalOrder {
            analyzeLayer(network.layers[index], at: index)
        }
        guard problems.isEmpty else {
            let complete = reports.count == network.layers.count
            throw AnalysisProblems(problems, totals: complete ? try? Totals(reports, batchSize: options.batchSize) : nil)
        }
        do {
            return try NetworkReport(layers: reports, inputLayout: layout, options: options)
        } catch {
            throw AnalysisProblems([error])
        }
    }

    /// The map a flatten turned into the vector that reaches layer `index` (through dropouts and
    /// activations), with the layer it came from; `nil` when no flatten is on the way.
    private static func flattenedMap(
        feeding index: Int, in network: Network, shapes: [TensorShape?]
    ) -> (map: TensorShape, source: String)? {
        var current = network.predecessors[index].first
        while let step = current {
            switch network.layers[step].kind {
            case .flatten:
                guard let source = network.predecessors[step].first, let map = shapes[source] else { return nil }
                return (map, network.layers[source].name)
            case .dropout, .activation:
                current = network.predecessors[step].first
            default:
                return nil
            }
        }
        return nil
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
