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
    /// For a model with open sizes (``OpenSizeAnalysis``), what depends on them; `nil` otherwise.
    ///
    /// When set, ``layers`` and ``totals`` hold the numbers of the first stand-in network wherever
    /// they depend on an open size: read those through it.
    public internal(set) var openSizes: OpenSizeReport?

    /// Creates a report, summing the totals with overflow checks.
    public init(layers: [LayerReport], inputLayout: Layout, options: AnalysisOptions = AnalysisOptions()) throws(CNNCalcError) {
        self.layers = layers
        self.inputLayout = inputLayout
        self.options = options
        self.totals = try Totals(layers, batchSize: options.batchSize)
    }

    /// torchinfo's "Total mult-adds" for the report's batch size (see ``LayerReport/torchinfoMultAdds()``).
    ///
    /// - Throws: ``CNNCalcError`` of kind `.overflow`, attributed to the layer whose mult-adds make it overflow.
    public func torchinfoMultAdds() throws(CNNCalcError) -> Int {
        var total = 0
        for layer in layers {
            do {
                let multAdds = try CheckedArithmetic.multiply(try layer.torchinfoMultAdds(), options.batchSize, "the mult-add count")
                total = try CheckedArithmetic.add(total, multAdds, "the total mult-add count up to this layer")
            } catch {
                throw error.attributed(to: layer.name, at: layer.layer.location)
            }
        }
        return total
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
    ///
    /// - Throws: ``CNNCalcError`` of kind `.overflow` when a sum does not fit in 64 bits, attributed
    ///   to the layer whose counts made it overflow.
    public init(_ layers: [LayerReport], batchSize: Int = 1) throws(CNNCalcError) {
        var (macs, flops, activations, trainable, nonTrainable, state) = (0, 0, 0, 0, 0, 0)
        var uncosted: [String] = []
        // The fields are read in place (`layers[index].cost`): a copy of each report would
        // retain and release every array and string it holds.
        for index in layers.indices {
            do {
                if let layerCost = layers[index].cost {
                    let cost = try layerCost.scaled(by: batchSize)
                    macs = try CheckedArithmetic.add(macs, cost.macs, "the total MAC count up to this layer")
                    flops = try CheckedArithmetic.add(flops, cost.flops, "the total FLOP count up to this layer")
                } else {
                    uncosted.append(layers[index].name)
                }
                activations = try CheckedArithmetic.add(
                    activations, layers[index].outputElements, "the total activation count up to this layer")
                trainable = try CheckedArithmetic.add(
                    trainable, layers[index].trainableCount, "the total trainable parameter count up to this layer")
                nonTrainable = try CheckedArithmetic.add(
                    nonTrainable, layers[index].nonTrainableCount, "the total non-trainable parameter count up to this layer")
                state = try CheckedArithmetic.add(state, layers[index].stateCount, "the total state count up to this layer")
                _ = try CheckedArithmetic.add(trainable, nonTrainable, "the total parameter count up to this layer")
            } catch {
                throw error.attributed(to: layers[index].name, at: layers[index].layer.location)
            }
        }
        self.cost = Cost(macs: macs, flops: flops)
        self.uncostedLayers = uncosted
        self.activationElements = activations
        self.trainable = trainable
        self.nonTrainable = nonTrainable
        self.state = state
        parameters = trainable + nonTrainable  // checked in the loop
    }
}
