import CNNCalcAnalysis
import CNNCalcCore

/// The JSON of a report with open sizes: no number in it depends on a stand-in.
///
/// A size that depends on an open size is `null` in the shape arrays, and written out in
/// `openOutputShape` (`"None"`, `"seq_len"`, `"seq_len-4"`, `"?(seq_len)"`); a cost or byte count
/// that depends on one is absent, and given as an expression in the open sizes
/// (`"12288*seq_len+5130"`: terms joined by `+` and `-`, factors by `*`, powers by `^`) when it is exact.
extension ReportSchema {
    mutating func applyOpenSizes(_ open: OpenSizeReport, report: NetworkReport, layout: Layout, options: RenderOptions) {
        let batch = report.options.batchSize
        openSizes = open.sizes.map { OpenSizeEntry(name: $0.name, shownAs: $0.placeholder ?? $0.name, origin: $0.origin) }
        func expression(_ value: OpenValue?) -> String? {
            guard case .exact(let polynomial)? = value?.scaled(by: batch), polynomial.constant == nil else { return nil }
            return polynomial.text(.plain)
        }
        func number(_ value: OpenValue?) -> Int? {
            value?.scaled(by: batch).fixed
        }
        for index in layers.indices {
            let output = open.outputShape(ofLayer: index)
            let inputs = open.inputShapes(ofLayer: index)
            layers[index].outputShape = output.sizes(in: layout).map(\.fixed)
            layers[index].openOutputShape = output.sizes(in: layout).map(open.sizeText)
            layers[index].inputShapes = inputs.map { $0.sizes(in: layout).map(\.fixed) }
            layers[index].openInputShapes = inputs.map { $0.sizes(in: layout).map(open.sizeText) }
            let (macs, flops) = (open.macs(ofLayer: index), open.flops(ofLayer: index))
            layers[index].macs = number(macs)
            layers[index].flops = number(flops)
            layers[index].macsExpression = expression(macs)
            layers[index].flopsExpression = expression(flops)
            let depends = Set((macs?.dependsOn ?? []) + (flops?.dependsOn ?? [])).sorted()
            layers[index].costDependsOn = depends.isEmpty ? nil : depends
            layers[index].outputBytes = number(open.value { try? $0.layers[index].outputShape.elementCount() }?
                .scaled(by: options.dataType.bytes))
            layers[index].receptiveField = receptiveField(open, layer: index)
            let derivation = open.derivation(ofLayer: index, layout: layout)
            layers[index].derivation = DerivationEntry(
                summary: derivation.summary, outputSize: derivation.outputSteps, parameters: derivation.parameterSteps,
                formula: derivation.parameterFormula, cost: derivation.costSteps, receptiveField: derivation.receptiveField)
            layers[index].warnings = open.warnings(ofLayer: index)
        }
        let exact = open.exactCost
        let openLayers = Set(open.openCostLayers)
        let fixedCost = report.layers.indices.reduce(into: (macs: 0, flops: 0)) { sum, index in
            guard let macs = number(open.macs(ofLayer: index)), let flops = number(open.flops(ofLayer: index)) else { return }
            sum = (sum.macs &+ macs, sum.flops &+ flops)
        }
        totals.macs = fixedCost.macs
        totals.flops = fixedCost.flops
        totals.uncostedLayers = report.layers.filter { $0.cost == nil || openLayers.contains($0.name) }.map(\.name)
        totals.macsExpression = exact.macs.scaled(by: batch).fixed.map(String.init) ?? expression(exact.macs)
        totals.flopsExpression = exact.flops.scaled(by: batch).fixed.map(String.init) ?? expression(exact.flops)
        let multAdds = open.value { try? $0.torchinfoMultAdds() }
        totals.torchinfoMultAdds = multAdds?.fixed
        totals.torchinfoMultAddsExpression = multAdds.flatMap { value in
            if case .exact(let polynomial) = value, polynomial.constant == nil { return polynomial.text(.plain) }
            return nil
        }
        totals.openCostLayers = open.openCostLayers
        // The widest field, when it is the same for every size (its start may follow the parity of a size).
        if totals.receptiveField != nil {
            totals.receptiveField = open.same { run in
                run.widestReceptiveField.map { "\(run.layers[$0.layerIndex].name) \($0.axes.map(\.size)) \($0.axes.map(\.start))" }
            } == nil ? nil : totals.receptiveField
        }
        totals.unknownCostLayers = report.layers.filter { $0.cost == nil }.map(\.name) + open.unknownCostLayers
        memory = openMemory(open, options: options)
        if let depth = options.depth, groups != nil {
            for (index, values) in open.groups(depth: depth).enumerated() where index < (groups?.count ?? 0) {
                groups?[index].outputShape = values.outputShape.sizes(in: layout).map(\.fixed)
                groups?[index].macs = number(values.macs)
                groups?[index].flops = number(values.flops)
            }
        }
    }

    /// The memory estimate: the weights are fixed; the activation and training bytes are numbers,
    /// expressions, or absent.
    private func openMemory(_ open: OpenSizeReport, options: RenderOptions) -> MemoryEntry? {
        let estimate = { (run: NetworkReport) in try? MemoryEstimate(run, dataType: options.dataType, optimizer: options.optimizer) }
        guard let weight = open.value({ estimate($0)?.weightBytes })?.fixed,
              let gradient = open.value({ estimate($0)?.gradientBytes })?.fixed,
              let optimizer = open.value({ estimate($0)?.optimizerBytes })?.fixed else { return nil }
        let activation = open.value { estimate($0)?.activationBytes }
        let training = open.value { estimate($0)?.trainingBytes }
        func expression(_ value: OpenValue?) -> String? {
            guard case .exact(let polynomial)? = value, polynomial.constant == nil else { return nil }
            return polynomial.text(.plain)
        }
        return MemoryEntry(
            weightBytes: weight, gradientBytes: gradient, optimizerBytes: optimizer,
            activationBytes: activation?.fixed, trainingBytes: training?.fixed,
            activationBytesExpression: expression(activation), trainingBytesExpression: expression(training),
            optimizer: options.optimizer.rawValue)
    }

    /// The receptive field, with `null` for every value that is not the same for every size.
    private func receptiveField(_ open: OpenSizeReport, layer index: Int) -> ReceptiveFieldEntry {
        let base = layers[index].receptiveField
        let count = base.size.count
        return ReceptiveFieldEntry(
            whole: base.whole,
            size: (0..<count).map { axis in open.same { Self.axes($0, index)?[axis].size } ?? nil },
            jump: (0..<count).map { axis in open.same { Self.axes($0, index)?[axis].jump.doubleValue } ?? nil },
            start: (0..<count).map { axis in open.same { Self.axes($0, index)?[axis].start } ?? nil })
    }

    private static func axes(_ report: NetworkReport, _ index: Int) -> ReceptiveFieldAxes? {
        guard case .local(let axes) = report.layers[index].receptiveField else { return nil }
        return axes
    }
}
