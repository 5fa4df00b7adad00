import CNNCalcCore

/// What the analysis found for one layer: the shapes in and out, its learnables and their counts.
///
/// A report holds numbers only: its counts, its cost and how many values it sends on. Its output
/// shape and receptive field are read from the analysis, which every report of it shares with the
/// network; its input shapes, learnables and windows are derived from its layer when asked for;
/// and the derivation text (`(5*5*1+1)*32 = 832`) is built from them when a renderer asks for it,
/// with ``derivation(layout:)``. An analysis therefore keeps no array and builds no text per layer.
public struct LayerReport: Hashable, Sendable {
    /// Where the layer, its inputs, learnables and windows are found.
    private var source: LayerReportSource
    /// The position of ``layer`` in the analysed network.
    private var layerIndex: Int
    /// The number of values the layer sends on for one example.
    public let outputElements: Int
    /// Every parameter: trainable plus non-trainable (states are not parameters).
    public let parameterCount: Int
    /// Parameters updated by the optimizer.
    public let trainableCount: Int
    /// Parameters kept with the weights but not trained (Keras' moving statistics).
    public let nonTrainableCount: Int
    /// Values kept as state buffers, outside the parameters.
    public let stateCount: Int
    /// The arithmetic of one example (see ``Cost``), or `nil` when CNNCalc cannot compute it.
    public let cost: Cost?
    /// The convention the learnables are named and counted in.
    public let convention: Convention

    /// Creates a report; the counts are summed from the learnables with overflow checks.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.overflow` when a count, or the output's size, does not fit in 64 bits.
    public init(
        layer: Layer, inputNames: [String], inputShapes: [TensorShape], outputShape: TensorShape,
        learnables: [Learnable], axes: [AxisOutput], cost: Cost?, receptiveField: ReceptiveField,
        convention: Convention = .keras
    ) throws(CNNCalcError) {
        let details = GivenLayerDetails(
            layer: layer, inputNames: inputNames, inputShapes: inputShapes, outputShape: outputShape, learnables: learnables,
            axes: axes, receptiveField: receptiveField)
        self.init(
            source: .given(details), index: 0, outputElements: try outputShape.elementCount(),
            counts: try LearnableCounts(learnables), cost: cost, convention: convention)
    }

    /// Creates the report of the layer at `index` of an analysed network, or of a given layer.
    init(
        source: LayerReportSource, index: Int, outputElements: Int, counts: LearnableCounts, cost: Cost?,
        convention: Convention
    ) {
        self.source = source
        self.layerIndex = index
        self.outputElements = outputElements
        self.trainableCount = counts.trainable
        self.nonTrainableCount = counts.nonTrainable
        self.stateCount = counts.state
        self.parameterCount = counts.parameters
        self.cost = cost
        self.convention = convention
    }

    /// The same report with its input shapes, learnables and windows derived once and kept, for
    /// code that reads them many times (a derivation); a report made from its parts is returned as it is.
    func withDetailsDerived() -> LayerReport {
        guard case .analysed = source else { return self }
        let details = GivenLayerDetails(
            layer: layer, inputNames: inputNames, inputShapes: inputShapes, outputShape: outputShape, learnables: learnables,
            axes: axes, receptiveField: receptiveField)
        var derived = self
        derived.source = .given(details)
        derived.layerIndex = 0
        return derived
    }

    /// The layer as written.
    public var layer: Layer {
        switch source {
        case .analysed(let analysed): analysed.network.layers[layerIndex]
        case .given(let details): details.layer
        }
    }

    /// The layer's name.
    public var name: String {
        switch source {
        case .analysed(let analysed): analysed.network.layers[layerIndex].name
        case .given(let details): details.layer.name
        }
    }

    /// The shape leaving the layer.
    public var outputShape: TensorShape {
        switch source {
        case .analysed(let analysed):
            // Only a layer whose output is known has a report.
            guard let shape = analysed.outputShapes[layerIndex] else { preconditionFailure("a reported layer has an output shape") }
            return shape
        case .given(let details): return details.outputShape
        }
    }

    /// The part of the network's input one output position sees.
    public var receptiveField: ReceptiveField {
        switch source {
        case .analysed(let analysed): analysed.receptiveFields[layerIndex]
        case .given(let details): details.receptiveField
        }
    }

    /// The names of the layers feeding this one.
    public var inputNames: [String] {
        switch source {
        case .analysed(let analysed): analysed.network.inputNames[layerIndex]
        case .given(let details): details.inputNames
        }
    }

    /// The shapes arriving, one per input.
    public var inputShapes: [TensorShape] {
        switch source {
        case .analysed(let analysed): analysed.inputShapes(ofLayer: layerIndex)
        case .given(let details): details.inputShapes
        }
    }

    /// The layer's learnables with their roles, in ``convention``.
    public var learnables: [Learnable] {
        switch source {
        case .analysed(let analysed):
            // The analysis counted these learnables, so deriving them again cannot fail.
            (try? Analyzer.learnables(of: layer, for: analysed.inputShapes(ofLayer: layerIndex), convention: convention)) ?? []
        case .given(let details): details.learnables
        }
    }

    /// For convolutions and poolings, the window of every spatial axis; empty otherwise.
    public var axes: [AxisOutput] {
        switch source {
        case .analysed(let analysed):
            // The analysis computed these windows, so computing them again cannot fail.
            (try? layer.kind.axes(for: analysed.inputShapes(ofLayer: layerIndex), layout: analysed.layout)) ?? []
        case .given(let details): details.axes
        }
    }

    /// Two reports are equal when their layers and every number are: where the layer is kept does not matter.
    public static func == (lhs: LayerReport, rhs: LayerReport) -> Bool {
        lhs.outputShape == rhs.outputShape && lhs.parameterCount == rhs.parameterCount
            && lhs.trainableCount == rhs.trainableCount && lhs.nonTrainableCount == rhs.nonTrainableCount
            && lhs.stateCount == rhs.stateCount && lhs.cost == rhs.cost && lhs.receptiveField == rhs.receptiveField
            && lhs.convention == rhs.convention && lhs.layer == rhs.layer && lhs.inputNames == rhs.inputNames
            && lhs.inputShapes == rhs.inputShapes && lhs.learnables == rhs.learnables && lhs.axes == rhs.axes
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(layer)
        hasher.combine(inputNames)
        hasher.combine(inputShapes)
        hasher.combine(outputShape)
        hasher.combine(learnables)
        hasher.combine(axes)
        hasher.combine(cost)
        hasher.combine(receptiveField)
        hasher.combine(convention)
    }

    /// The window's kernel sizes as a product for derivations, e.g. `5*5`; empty without a window.
    var kernelTerms: String { axes.map { String($0.kernel) }.joined(separator: "*") }


    /// The layer's "mult-adds" for one example as torchinfo 1.8 counts them (see ``TorchinfoRule``):
    /// its PyTorch parameters times output positions for convolutions, times output steps for
    /// recurrent and attention layers, and once otherwise.
    public func torchinfoMultAdds() throws(CNNCalcError) -> Int {
        var parameters = 0
        for learnable in try layer.kind.learnables(for: inputShapes, convention: .pytorch) where learnable.role != .state {
            parameters = try CheckedArithmetic.add(parameters, try learnable.elementCount(), "the mult-add count")
        }
        let factor: Int = switch layer.kind.torchinfoRule {
        case .outputPositions: try CheckedArithmetic.product(outputShape.spatial.isEmpty ? [Self.steps(of: outputShape) ?? 1] : outputShape.spatial, "the mult-add count")
        case .sequenceSteps: Self.steps(of: outputShape) ?? inputShapes.lazy.compactMap(Self.steps).first ?? 1
        case .once: 1
        case .never: 0
        }
        return try CheckedArithmetic.multiply(parameters, factor, "the mult-add count")
    }

    /// The steps of a sequence or the length of a 1-D feature map. A recurrent layer that returns
    /// only its last step still runs, and in PyTorch returns, every step of its input.
    private static func steps(of shape: TensorShape) -> Int? {
        switch shape {
        case .sequence(let steps, _): steps
        case .featureMap(let spatial, _) where spatial.count == 1: spatial[0]
        default: nil
        }
    }

    /// Warnings about the layer, such as input rows a stride never covers.
    public var warnings: [LayerWarning] {
        var warnings: [LayerWarning] = axes.contains { $0.uncoveredInputs > 0 } ? [.uncoveredInput(windows: axes)] : []
        if case .opaque(let layer) = layer.kind, !layer.learnablesAreKnown {
            warnings.append(.weightsNotListed(className: layer.operatorName))
        }
        return warnings
    }
}
