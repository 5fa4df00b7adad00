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
        var pass = AnalysisPass(network: network, convention: options.convention)
        pass.run()
        let analysed = AnalysedNetwork(
            network: network, outputShapes: pass.shapes, receptiveFields: pass.fields, layout: pass.layout)
        let reports = pass.outcomes.map { outcome in
            LayerReport(
                source: .analysed(analysed), index: outcome.index, outputElements: outcome.outputElements,
                counts: outcome.counts, cost: outcome.cost, convention: options.convention)
        }
        guard pass.problems.isEmpty else {
            let complete = reports.count == network.layers.count
            throw AnalysisProblems(pass.problems, totals: complete ? try? Totals(reports, batchSize: options.batchSize) : nil)
        }
        do {
            return try NetworkReport(layers: reports, inputLayout: pass.layout, options: options)
        } catch {
            throw AnalysisProblems([error])
        }
    }

    /// The map a flatten turned into the vector that reaches layer `index` (through dropouts and
    /// activations), with the layer it came from; `nil` when no flatten is on the way.
    static func flattenedMap(
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

    /// The counts of ``learnables(of:for:convention:)`` for a layer of `kind` (none when it shares
    /// another layer's learnables, non-trainable when it is frozen), when they can be found without
    /// building the learnables (see ``LayerKind/directLearnableCounts(for:convention:)``); `nil` otherwise.
    /// It takes the layer's parts, not the layer: the hot path copies no layer.
    static func directLearnableCounts(
        of kind: LayerKind, isTrainable: Bool, sharesLearnables: Bool, for inputs: [TensorShape], convention: Convention
    ) -> LearnableCounts? {
        if sharesLearnables { return LearnableCounts() }
        let counts = kind.directLearnableCounts(for: inputs, convention: convention)
        return isTrainable ? counts : counts?.frozen
    }

    /// The layer's learnables in `convention`: none when it reuses another layer's weights
    /// (``Layer/sharesLearnablesWith``), and trainable ones turned non-trainable when it is frozen
    /// (``Layer/isTrainable``).
    static func learnables(
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
