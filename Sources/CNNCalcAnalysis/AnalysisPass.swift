import CNNCalcCore

/// One walk of ``Analyzer`` over a network: each layer's output shape, counts, cost and receptive
/// field, in topological order, and the problems found on the way.
///
/// It keeps numbers only, in arrays indexed by layer: the learnables and windows a layer needs
/// are made, counted and dropped, and ``LayerReport`` derives them again when a renderer asks.
struct AnalysisPass {
    /// What the pass found for one layer.
    struct Outcome {
        /// The layer's position in the network.
        var index: Int
        /// The values of the output shape: its ``TensorShape/elementCount()``.
        var outputElements: Int
        var counts: LearnableCounts
        var cost: Cost?
    }

    let network: Network
    let convention: Convention
    let layout: Layout
    /// Every layer's output shape by index; `nil` until it is known, and for a layer that failed.
    private(set) var shapes: [TensorShape?]
    /// Every layer's receptive field by index.
    private(set) var fields: [ReceptiveField]
    /// The layers analysed, in the order they were.
    private(set) var outcomes: [Outcome] = []
    /// Every problem found, in the order of the layers.
    private(set) var problems: [CNNCalcError] = []
    /// The shapes arriving at the current layer, kept between layers so that its storage is reused.
    private var inputs: [TensorShape] = []
    /// The receptive fields of the current layer's inputs, kept in the same way.
    private var inputFields: [ReceptiveField] = []

    init(network: Network, convention: Convention) {
        self.network = network
        self.convention = convention
        self.layout = network.inputLayout
        shapes = Array(repeating: nil, count: network.layers.count)
        fields = Array(repeating: .whole, count: network.layers.count)
        outcomes.reserveCapacity(network.layers.count)
    }

    /// Analyses every layer in topological order.
    mutating func run() {
        for index in network.topologicalOrder {
            analyzeLayer(at: index)
        }
    }

    /// Analyses the layer at `index`, whose inputs come earlier in the topological order: records
    /// its outcome, or its problems. A layer fed by one whose output is unknown cannot be checked:
    /// it is skipped, silently.
    private mutating func analyzeLayer(at index: Int) {
        // The layer's kind is copied out, not the whole layer (its name, inputs and location are
        // read only for an error): a copy retains and releases everything it holds.
        let kind = network.layers[index].kind
        let sources = network.predecessors[index]
        Self.resize(&inputs, to: sources.count, filler: .vector(features: 0))
        for (position, source) in sources.enumerated() {
            guard let shape = shapes[source] else { return }
            inputs[position] = shape
        }
        if let declared = network.layers[index].declaredInput, let arriving = inputs.first {
            do {
                let source = sources.first.map { network.layers[$0].name }
                let flattened = Analyzer.flattenedMap(feeding: index, in: network, shapes: shapes)
                if let mismatch = try declared.mismatch(
                    on: network.layers[index], input: arriving, from: source, flattened: flattened, layout: layout) {
                    problems.append(mismatch)
                    inputs[0] = declared.declaredShape(for: kind, replacing: arriving)
                }
            } catch {
                problems.append(attributed(error, toLayer: index))
            }
        }
        let output: TensorShape
        let windows: [AxisOutput]?
        let outputElements: Int
        do {
            (output, windows) = try kind.outputShapeAndAxes(for: inputs, layout: layout)
            // Every later step (receptive fields, costs, derivations) relies on countable shapes.
            outputElements = try output.checkCountable(in: layout)
        } catch {
            problems.append(attributed(error, toLayer: index))
            return
        }
        shapes[index] = output
        do {
            let axes: [AxisOutput]
            if let windows { axes = windows } else { axes = try kind.axes(for: inputs, layout: layout) }
            Self.resize(&inputFields, to: sources.count, filler: .whole)
            for (position, source) in sources.enumerated() { inputFields[position] = fields[source] }
            let field = ReceptiveField.of(kind, axes: axes, inputs: inputFields, inputShapes: inputs, output: output)
            // The learnables are built only when they cannot be counted directly. The order of the
            // steps is the order of their errors: building the learnables, the cost, their sizes.
            let direct = Analyzer.directLearnableCounts(
                of: kind, isTrainable: network.layers[index].isTrainable,
                sharesLearnables: network.layers[index].sharesLearnablesWith != nil, for: inputs, convention: convention)
            var learnables: [Learnable] = []
            if direct == nil { learnables = try Analyzer.learnables(of: network.layers[index], for: inputs, convention: convention) }
            let cost = try kind.cost(for: inputs, output: output)
            let counts: LearnableCounts
            if let direct { counts = direct } else { counts = try LearnableCounts(learnables) }
            fields[index] = field
            outcomes.append(Outcome(index: index, outputElements: outputElements, counts: counts, cost: cost))
        } catch {
            problems.append(attributed(error, toLayer: index))
        }
    }

    /// `error` attributed to the layer at `index`, by its name and where it is written.
    private func attributed(_ error: CNNCalcError, toLayer index: Int) -> CNNCalcError {
        error.attributed(to: network.layers[index].name, at: network.layers[index].location)
    }

    /// Makes `scratch` hold `count` elements, keeping its storage: the elements are overwritten
    /// next. (One layer after another, the count rarely changes; `removeAll(keepingCapacity:)`
    /// and appending cost more than the rest of a small layer's analysis.)
    private static func resize<Element>(_ scratch: inout [Element], to count: Int, filler: Element) {
        while scratch.count > count { scratch.removeLast() }
        while scratch.count < count { scratch.append(filler) }
    }
}
