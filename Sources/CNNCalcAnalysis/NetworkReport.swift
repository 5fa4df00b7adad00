import CNNCalcCore

/// The analysis of a whole network: one report per layer, in an order where inputs come first, and totals.
public struct NetworkReport: Hashable, Sendable {
    /// One report per layer, each after the layers that feed it.
    public let layers: [LayerReport]
    /// The layout the network's input was written in.
    public let inputLayout: Layout
    /// The sums over all layers.
    public let totals: Totals
    /// The convention and batch size the report was made with.
    public let options: AnalysisOptions

    /// Creates a report, summing the totals with overflow checks.
    public init(layers: [LayerReport], inputLayout: Layout, options: AnalysisOptions = AnalysisOptions()) throws(CNNCalcError) {
        self.layers = layers
        self.inputLayout = inputLayout
        self.options = options
        self.totals = try Totals(layers, batchSize: options.batchSize)
    }

    /// torchinfo's "Total mult-adds" for the report's batch size (see ``LayerReport/torchinfoMultAdds()``).
    public func torchinfoMultAdds() throws(CNNCalcError) -> Int {
        var total = 0
        for layer in layers {
            total = try CheckedArithmetic.add(total, try layer.torchinfoMultAdds(), "the total mult-add count")
        }
        return try CheckedArithmetic.multiply(total, options.batchSize, "the total mult-add count")
    }
}

/// Parameter counts summed over a network.
public struct Totals: Hashable, Sendable {
    /// Every parameter, trainable and not.
    public let parameters: Int
    /// Parameters the optimizer updates.
    public let trainable: Int
    /// Parameters kept but not trained.
    public let nonTrainable: Int
    /// Values kept as state buffers, outside the parameters.
    public let state: Int
    /// MACs and FLOPs of the whole batch, over the layers whose cost is known.
    public let cost: Cost
    /// The layers whose cost CNNCalc cannot compute; when not empty, ``cost`` is partial.
    public let uncostedLayers: [String]
    /// Values every layer sends on, summed, for one example (the network's input included).
    public let activationElements: Int

    /// Sums the counts of `layers`; costs are scaled to `batchSize` examples.
    public init(_ layers: [LayerReport], batchSize: Int = 1) throws(CNNCalcError) {
        var cost = Cost.zero
        var uncosted: [String] = []
        var activations = 0
        for layer in layers {
            if let layerCost = layer.cost { cost = try cost.adding(layerCost) } else { uncosted.append(layer.name) }
            activations = try CheckedArithmetic.add(activations, try layer.outputShape.elementCount(), "the activation count")
        }
        self.cost = try cost.scaled(by: batchSize)
        self.uncostedLayers = uncosted
        self.activationElements = activations
        trainable = try CheckedArithmetic.sum(layers.map(\.trainableCount), "the total trainable parameter count")
        nonTrainable = try CheckedArithmetic.sum(layers.map(\.nonTrainableCount), "the total non-trainable parameter count")
        state = try CheckedArithmetic.sum(layers.map(\.stateCount), "the total state count")
        parameters = try CheckedArithmetic.add(trainable, nonTrainable, "the total parameter count")
    }
}
