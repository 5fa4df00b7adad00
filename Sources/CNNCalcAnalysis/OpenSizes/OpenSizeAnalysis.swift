import CNNCalcCore

/// Analyses a model whose source leaves sizes open (ONNX `dim_param`, Keras `None`), keeping
/// those sizes open in the report.
///
/// The core counts whole sizes only, so the reader is asked for a network with a number for every
/// open size, several times, with different stand-ins (see `StandInPlan`: multiples of 20,160);
/// the reports are then read side by side:
/// - a size or count that is the same in every network is fixed;
/// - one that changes depends on the open sizes, and is written as a polynomial in them when one
///   matches every network, checks included (`12,288*seq_len`, `seq_len - 4`); otherwise it is
///   unknown, naming the sizes it depends on (a size after a stride, `ceil(seq_len/2)`);
/// - parameters must be the same in every network: a layer whose weights depend on an open size
///   (a `Dense` after a `Flatten` of an open axis) is an error naming it, asking for a size.
///
/// Sizes bound to numbers (`bindings`, the command's `--dim name=N`) are given to every network;
/// with every open size bound, the result is an ordinary report.
///
///     let model = try KerasReader.model(from: data, source: "model.keras")
///     let report = try OpenSizeAnalysis.report(openSizes: model.openSizes) { sizes throws(CNNCalcError) in
///         try model.network(sizes: sizes)
///     }
///     report.openSizes?.outputShape(ofLayer: 1)   // None x 128, as model.summary() shows it
///
/// Any reader that can build its network for given sizes works the same way: it lists its open
/// sizes and builds with the numbers it is given.
public enum OpenSizeAnalysis {
    /// The report of the network `network(sizes)` builds, with `openSizes` kept open.
    ///
    /// - Parameters:
    ///   - openSizes: every size the source leaves open, as the reader lists them.
    ///   - bindings: numbers for some or all of them, by name.
    ///   - options: the convention and batch size.
    ///   - network: builds the network with the given number for every open size.
    /// - Returns: an ordinary report when no size is left open, else one whose
    ///   ``NetworkReport/openSizes`` says what depends on them.
    /// - Throws: ``CNNCalcError``: `.badArgument` for a binding that names no open size or is not
    ///   a positive size; the reader's and the analysis' errors (with the stand-ins said, since
    ///   their numbers appear in the message); `.shape` for a layer whose parameters depend on an open size.
    public static func report(
        openSizes: [OpenSize], bindings: [String: Int] = [:], options: AnalysisOptions = AnalysisOptions(),
        network: (_ sizes: [String: Int]) throws(CNNCalcError) -> Network
    ) throws(CNNCalcError) -> NetworkReport {
        try validate(bindings, openSizes: openSizes)
        let open = openSizes.filter { bindings[$0.name] == nil }
        let analyzer = Analyzer(options: options)
        guard !open.isEmpty else { return try analyzer.analyze(try network(bindings)) }
        let plan = StandInPlan(names: open.map(\.name))
        var runs: [NetworkReport?] = []
        for (index, assignment) in plan.runs.enumerated() {
            let sizes = bindings.merging(assignment) { bound, _ in bound }
            do throws(CNNCalcError) {
                runs.append(try analyzer.analyze(try network(sizes)))
            } catch {
                guard plan.isCheck(index) else { throw standInError(error, assignment: assignment, open: open) }
                runs.append(nil)
            }
        }
        try checkSameLayers(runs, plan: plan, open: open)
        guard var base = runs[plan.grid[0]] else { preconditionFailure("the first network is always built") }
        base.openSizes = OpenSizeReport(sizes: open, bindings: bindings, plan: plan, runs: runs)
        return base
    }

    /// Checks that every binding names an open size and is a size CNNCalc counts.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` naming the binding, with the open sizes
    ///   nearest its name.
    public static func validate(_ bindings: [String: Int], openSizes: [OpenSize]) throws(CNNCalcError) {
        let names = openSizes.map(\.name)
        for (name, size) in bindings.sorted(by: { $0.key < $1.key }) {
            guard names.contains(name) else {
                let fix = names.isEmpty
                    ? "the model leaves no size open; leave out the size"
                    : EditDistance.didYouMean(name, among: names) ?? "its open sizes are \(names.joined(separator: ", "))"
                throw CNNCalcError(.badArgument, "'\(name)' is not an open size of the model", fix: fix)
            }
            guard size >= 1, size <= CheckedArithmetic.maximumSize else {
                throw CNNCalcError(.badArgument, "the size \(size) given to '\(name)' is not a positive size of at most 2^40",
                                   fix: "give a whole number of at least 1, e.g. \(name)=128")
            }
        }
    }

    /// The error of a stand-in network, saying which stand-ins its numbers come from.
    private static func standInError(_ error: CNNCalcError, assignment: [String: Int], open: [OpenSize]) -> CNNCalcError {
        var copy = error
        let standIns = open.map { "\($0.name)=\(assignment[$0.name] ?? 0)" }.joined(separator: ", ")
        let advice = "the open sizes were given the stand-in sizes \(standIns); if the model needs particular sizes, "
            + "give them numbers (--dim \(open[0].name)=N)"
        copy.fix = copy.fix.map { "\($0); \(advice)" } ?? advice
        return copy
    }

    /// Checks that every network has the same layers with the same learnables.
    private static func checkSameLayers(_ runs: [NetworkReport?], plan: StandInPlan, open: [OpenSize]) throws(CNNCalcError) {
        guard let base = runs[plan.grid[0]] else { return }
        for (runIndex, run) in runs.enumerated() {
            guard let run else { continue }
            guard run.layers.map(\.name) == base.layers.map(\.name) else {
                throw CNNCalcError(.graph, "the model has different layers for different sizes of \(open.map(\.name).joined(separator: ", "))",
                                   fix: "give every open size a number (--dim)")
            }
            for (index, layer) in run.layers.enumerated() where layer.learnables != base.layers[index].learnables {
                let changed = plan.names.indices.filter { name in
                    runs[plan.singleSteps[name]]?.layers[index].learnables != base.layers[index].learnables
                }.map { plan.names[$0] }
                let names = changed.isEmpty ? plan.names : changed
                let (first, second) = (base.layers[index].parameterCount + base.layers[index].stateCount,
                                       layer.parameterCount + layer.stateCount)
                let standIns = names.map { "\($0)=\(plan.runs[plan.grid[0]][$0] ?? 0) and \(plan.runs[runIndex][$0] ?? 0)" }
                throw CNNCalcError(
                    .shape,
                    "its weights depend on the open size\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) "
                        + "(\(NumberFormatting.grouped(first)) and \(NumberFormatting.grouped(second)) values with the stand-ins "
                        + "\(standIns.joined(separator: ", "))), as a Dense layer after a Flatten of an open axis does",
                    fix: "give \(names.count == 1 ? "it" : "them") a number, e.g. --dim \(names[0])=N, or pool the axis away before the layer",
                    location: layer.layer.location, layerName: layer.name)
            }
        }
    }
}
