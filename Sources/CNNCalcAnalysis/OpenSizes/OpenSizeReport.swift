import CNNCalcCore

/// What a report with open sizes says about them: every shape, count and line of arithmetic
/// that depends on an open size, written in it or marked unknown.
///
/// A ``NetworkReport`` made by ``OpenSizeAnalysis`` carries one as ``NetworkReport/openSizes``.
/// Its own numbers (``NetworkReport/layers``, ``NetworkReport/totals``) are then those of the
/// first stand-in network (every open size 20,160, see the stand-ins in `StandInPlan`'s
/// documentation) wherever they depend on an open size, and must be read through this report:
///
///     if let open = report.openSizes {
///         open.outputShape(ofLayer: 2).sizes    // [.exact(tokens:1), .exact(64)]
///         open.macs(ofLayer: 2)                 // .exact(49152*tokens:1)
///         open.value { $0.totals.activationElements }   // any count, read the same way
///     }
///
/// Parameters never depend on an open size: the analysis refuses a model whose weights would.
public struct OpenSizeReport: Hashable, Sendable {
    /// The sizes left open, in the order the source declares them.
    public let sizes: [OpenSize]
    /// The open sizes given numbers (`--dim`), which the networks were built with.
    public let bindings: [String: Int]
    /// The stand-ins and how counts are read from them.
    let plan: StandInPlan
    /// The report of every network built, in the plan's order; `nil` for a check that could not be built.
    let runs: [NetworkReport?]

    init(sizes: [OpenSize], bindings: [String: Int], plan: StandInPlan, runs: [NetworkReport?]) {
        self.sizes = sizes
        self.bindings = bindings
        self.plan = plan
        self.runs = runs
    }

    /// A count read from every network's report the same way: exact, unknown, or `nil` when it is
    /// unknown for the first network too (a layer CNNCalc cannot cost).
    ///
    ///     open.value { try? MemoryEstimate($0).activationBytes }
    public func value(_ quantity: (NetworkReport) -> Int?) -> OpenValue? {
        plan.value(of: runs.map { $0.flatMap(quantity) }, ran: runs.map { $0 != nil })
    }

    /// A value read from every network's report the same way, when it is the same in all of them
    /// (a receptive field's start after a stride may differ between even and odd sizes); else `nil`.
    public func same<Value: Equatable>(_ read: (NetworkReport) -> Value) -> Value? {
        guard let base = runs[plan.grid[0]] else { return nil }
        let value = read(base)
        return runs.allSatisfy { $0.map { read($0) == value } ?? true } ? value : nil
    }

    /// The shape layer `index` sends on.
    public func outputShape(ofLayer index: Int) -> OpenShape {
        shape { $0.layers[index].outputShape }
    }

    /// The shapes arriving at layer `index`, one per input.
    public func inputShapes(ofLayer index: Int) -> [OpenShape] {
        guard let base = runs[plan.grid[0]] else { return [] }
        return base.layers[index].inputShapes.indices.map { input in shape { $0.layers[index].inputShapes[input] } }
    }

    /// The MACs of layer `index` for one example; `nil` when CNNCalc cannot cost the layer.
    public func macs(ofLayer index: Int) -> OpenValue? {
        value { $0.layers[index].cost?.macs }
    }

    /// The FLOPs of layer `index` for one example; `nil` when CNNCalc cannot cost the layer.
    public func flops(ofLayer index: Int) -> OpenValue? {
        value { $0.layers[index].cost?.flops }
    }

    /// The names of the layers whose cost depends on an open size, in the report's order.
    public var openCostLayers: [String] {
        guard let base = runs[plan.grid[0]] else { return [] }
        return base.layers.indices.filter { index in
            guard let macs = macs(ofLayer: index), let flops = flops(ofLayer: index) else { return false }
            return macs.fixed == nil || flops.fixed == nil
        }.map { base.layers[$0].name }
    }

    /// The MACs and FLOPs of the layers whose cost is exact (fixed, or a polynomial in the open
    /// sizes), summed for one example: the whole cost when ``unknownCostLayers`` is empty.
    public var exactCost: (macs: OpenValue, flops: OpenValue) {
        guard let base = runs[plan.grid[0]] else { return (.exact(SizePolynomial(constant: 0)), .exact(SizePolynomial(constant: 0))) }
        var macs = OpenValue.exact(SizePolynomial(constant: 0))
        var flops = macs
        for index in base.layers.indices {
            guard case .exact? = self.macs(ofLayer: index), case .exact? = self.flops(ofLayer: index),
                  let layerMACs = self.macs(ofLayer: index), let layerFLOPs = self.flops(ofLayer: index) else { continue }
            macs = macs.adding(layerMACs)
            flops = flops.adding(layerFLOPs)
        }
        return (macs, flops)
    }

    /// The names of the layers whose cost depends on an open size in a way CNNCalc does not write
    /// exactly (after a stride, `ceil(seq/2)`), in the report's order.
    public var unknownCostLayers: [String] {
        guard let base = runs[plan.grid[0]] else { return [] }
        return base.layers.indices.filter { index in
            [macs(ofLayer: index), flops(ofLayer: index)].contains { value in
                if case .unknown? = value { true } else { false }
            }
        }.map { base.layers[$0].name }
    }

    /// The output shape and cost of every row of the report grouped to `depth` (see ``LayerGroup``),
    /// in order.
    public func groups(depth: Int) -> [(outputShape: OpenShape, macs: OpenValue?, flops: OpenValue?)] {
        let grouped = runs.map { $0?.groups(depth: depth) }
        guard let base = grouped[plan.grid[0]] else { return [] }
        let ran = runs.map { $0 != nil }
        return base.indices.map { index in
            let form = base[index].outputShape
            let rank = form.dimensions(in: .channelsLast).count
            let axisSizes = (0..<rank).map { axis in
                plan.value(of: grouped.map { $0.flatMap { axis < $0[index].outputShape.dimensions(in: .channelsLast).count
                    ? $0[index].outputShape.dimensions(in: .channelsLast)[axis] : nil } }, ran: ran)
                    ?? .unknown(dependsOn: sizes.map(\.name))
            }
            return (OpenShape(form: form, sizes: axisSizes),
                    plan.value(of: grouped.map { $0?[index].cost?.macs }, ran: ran),
                    plan.value(of: grouped.map { $0?[index].cost?.flops }, ran: ran))
        }
    }

    /// The open size named `name`.
    public func size(named name: String) -> OpenSize? {
        sizes.first { $0.name == name }
    }

    /// A size as shapes show it: the number; the placeholder of the sizes it depends on
    /// (Keras' `None`); the expression (`seq_len`, `seq_len-4`, `2*seq_len`); or `?(seq_len)`
    /// when it is not exact.
    public func sizeText(_ value: OpenValue) -> String {
        if let fixed = value.fixed { return String(fixed) }
        let placeholders = Set(value.dependsOn.compactMap { size(named: $0)?.placeholder })
        if placeholders.count == 1, let placeholder = placeholders.first { return placeholder }
        switch value {
        case .exact(let polynomial): return polynomial.text(.plain)
        case .unknown(let names): return "?(" + names.sorted().joined(separator: ",") + ")"
        }
    }

    /// A shape as reports write it: `24x24x32` when every size is fixed, else with spaces,
    /// `None x None x 32`, `seq_len x 768`.
    public func shapeText(_ shape: OpenShape, layout: Layout) -> String {
        let sizes = shape.sizes(in: layout)
        let texts = sizes.map(sizeText)
        return texts.joined(separator: sizes.allSatisfy { $0.fixed != nil } ? "x" : " x ")
    }

    /// A count as reports write it, exactly: `12,288·seq_len + 5,130`, or
    /// `? (depends on seq_len)`.
    public func countText(_ value: OpenValue, style: SizePolynomial.Style = .report) -> String {
        switch value {
        case .exact(let polynomial): polynomial.text(style)
        case .unknown(let names): "? (depends on \(names.sorted().joined(separator: ", ")))"
        }
    }

    /// The open sizes in words for notes: `seq_len`, `image:1, image:2 (shown as None)`.
    public func sizeList(_ names: [String]) -> String {
        let placeholders = Set(names.map { size(named: $0)?.placeholder })
        if placeholders.count == 1, let only = placeholders.first {
            return names.joined(separator: ", ") + (only.map { " (shown as \($0))" } ?? "")
        }
        return names.map { name in
            size(named: name)?.placeholder.map { "\(name) (shown as \($0))" } ?? name
        }.joined(separator: ", ")
    }

    private func shape(_ read: (NetworkReport) -> TensorShape) -> OpenShape {
        guard let base = runs[plan.grid[0]] else { return OpenShape(form: .vector(features: 1), sizes: []) }
        let form = read(base)
        let rank = form.dimensions(in: .channelsLast).count
        let sizes = (0..<rank).map { axis in
            value { report in
                let dimensions = read(report).dimensions(in: .channelsLast)
                return axis < dimensions.count ? dimensions[axis] : nil
            } ?? .unknown(dependsOn: self.sizes.map(\.name))
        }
        return OpenShape(form: form, sizes: sizes)
    }
}

/// A shape whose sizes may depend on open sizes.
public struct OpenShape: Hashable, Sendable {
    /// The kind of shape (feature map, sequence or vector) with the first stand-in's sizes: read
    /// only its case and its rank.
    public let form: TensorShape
    /// The size of every axis, channels last.
    public let sizes: [OpenValue]

    /// The sizes in `layout`; only feature maps depend on it.
    public func sizes(in layout: Layout) -> [OpenValue] {
        guard case .featureMap = form, layout == .channelsFirst, let channels = sizes.last else { return sizes }
        return [channels] + sizes.dropLast()
    }
}
