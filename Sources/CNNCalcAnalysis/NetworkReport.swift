import CNNCalcCore

/// The analysis of a whole network: one report per layer, in an order where inputs come first, and totals.
public struct NetworkReport: Hashable, Sendable {
    /// One report per layer, each after the layers that feed it.
    public let layers: [LayerReport]
    /// The layout the network's input was written in.
    public let inputLayout: Layout
    /// The sums over all layers.
    public let totals: Totals

    /// Creates a report, summing the totals with overflow checks.
    public init(layers: [LayerReport], inputLayout: Layout) throws(CNNCalcError) {
        self.layers = layers
        self.inputLayout = inputLayout
        self.totals = try Totals(layers)
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

    /// Sums the counts of `layers`.
    public init(_ layers: [LayerReport]) throws(CNNCalcError) {
        trainable = try CheckedArithmetic.sum(layers.map(\.trainableCount), "the total trainable parameter count")
        nonTrainable = try CheckedArithmetic.sum(layers.map(\.nonTrainableCount), "the total non-trainable parameter count")
        state = try CheckedArithmetic.sum(layers.map(\.stateCount), "the total state count")
        parameters = try CheckedArithmetic.add(trainable, nonTrainable, "the total parameter count")
    }
}
