import CNNCalcCore

/// Where a ``LayerReport`` finds the layer it reports on, its inputs, learnables and windows.
///
/// An analysis keeps only numbers per layer: the output shape, the counts, the cost and the
/// receptive field (the shapes and fields in arrays the reports share). A report's input shapes,
/// learnables and windows follow from its layer and the output shapes of the layers feeding it,
/// so they are derived again when asked for (a renderer asks once or twice per layer; a search
/// loop that reads only totals never does).
/// Every report of one analysis shares one ``AnalysedNetwork``: making and dropping a report
/// retains and releases one object, whatever the layer holds.
enum LayerReportSource: Sendable {
    /// A layer of an analysed network.
    case analysed(AnalysedNetwork)
    /// A report made directly from its parts (``LayerReport/init(layer:inputNames:inputShapes:outputShape:learnables:axes:cost:receptiveField:convention:)``).
    case given(GivenLayerDetails)
}

/// A network with every layer's output shape and receptive field, as its analysis found them.
final class AnalysedNetwork: Sendable {
    /// The analysed network: its layers, their inputs and their names.
    let network: Network
    /// The output shape of every layer, by index in `network.layers`; `nil` for a layer the
    /// analysis could not size (only in an analysis with problems).
    let outputShapes: [TensorShape?]
    /// The receptive field of every layer, by index in `network.layers`.
    let receptiveFields: [ReceptiveField]
    /// The layout of the network's input.
    let layout: Layout

    init(network: Network, outputShapes: [TensorShape?], receptiveFields: [ReceptiveField], layout: Layout) {
        self.network = network
        self.outputShapes = outputShapes
        self.receptiveFields = receptiveFields
        self.layout = layout
    }

    /// The shapes arriving at layer `index`, one per input.
    func inputShapes(ofLayer index: Int) -> [TensorShape] {
        network.predecessors[index].compactMap { outputShapes[$0] }
    }
}

/// The parts of a report made without an analysis, kept as given.
final class GivenLayerDetails: Sendable {
    let layer: Layer
    let inputNames: [String]
    let inputShapes: [TensorShape]
    let outputShape: TensorShape
    let learnables: [Learnable]
    let axes: [AxisOutput]
    let receptiveField: ReceptiveField

    init(
        layer: Layer, inputNames: [String], inputShapes: [TensorShape], outputShape: TensorShape, learnables: [Learnable],
        axes: [AxisOutput], receptiveField: ReceptiveField
    ) {
        self.layer = layer
        self.inputNames = inputNames
        self.inputShapes = inputShapes
        self.outputShape = outputShape
        self.learnables = learnables
        self.axes = axes
        self.receptiveField = receptiveField
    }
}
