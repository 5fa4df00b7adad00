import CNNCalcAnalysis
import CNNCalcCore

/// The JSON report, version 1: the schema `--format json` writes.
///
/// Shapes are arrays of sizes in the report's layout, batch excluded. Field by field:
///
/// | field | meaning |
/// |---|---|
/// | `schemaVersion` | `1`; raised when a field changes meaning or is removed |
/// | `layout` | `"hwc"` or `"chw"`, the order of every shape array |
/// | `totals` | `parameters`, `trainable`, `nonTrainable` over the network |
/// | `layers[]` | in an order where inputs come first |
/// | `layers[].name`, `type` | the layer's name and `.cnn` kind |
/// | `layers[].inputs` | the names of the layers feeding it |
/// | `layers[].inputShapes`, `outputShape` | shapes in `layout` |
/// | `layers[].parameters`, `trainable`, `nonTrainable` | counts |
/// | `layers[].learnables[]` | `name`, `shape` (Keras order), `role` (`trainable`, `nonTrainable`, `state`), `count` |
/// | `layers[].derivation` | `summary`, `outputSize` and `parameters` (lines of arithmetic), `formula` |
/// | `layers[].warnings` | sentences |
public struct ReportSchema: Codable, Hashable, Sendable {
    /// The version of this schema.
    public var schemaVersion: Int
    /// The order of every shape array: `hwc` or `chw`.
    public var layout: String
    /// Sums over the network.
    public var totals: TotalsEntry
    /// One entry per layer.
    public var layers: [LayerEntry]

    /// Parameter totals.
    public struct TotalsEntry: Codable, Hashable, Sendable {
        /// Every parameter.
        public var parameters: Int
        /// Parameters the optimizer updates.
        public var trainable: Int
        /// Parameters kept but not trained.
        public var nonTrainable: Int
    }

    /// One layer.
    public struct LayerEntry: Codable, Hashable, Sendable {
        /// The layer's name.
        public var name: String
        /// The `.cnn` kind.
        public var type: String
        /// The names of the layers feeding it.
        public var inputs: [String]
        /// The shapes arriving.
        public var inputShapes: [[Int]]
        /// The shape leaving.
        public var outputShape: [Int]
        /// Every parameter of the layer.
        public var parameters: Int
        /// Its trainable parameters.
        public var trainable: Int
        /// Its non-trainable parameters.
        public var nonTrainable: Int
        /// Its learnable tensors.
        public var learnables: [LearnableEntry]
        /// The arithmetic behind the shape and the counts.
        public var derivation: DerivationEntry
        /// Warnings, as sentences.
        public var warnings: [String]
    }

    /// One learnable tensor.
    public struct LearnableEntry: Codable, Hashable, Sendable {
        /// Its name, e.g. `kernel`.
        public var name: String
        /// Its shape, Keras order.
        public var shape: [Int]
        /// `trainable`, `nonTrainable` or `state`.
        public var role: String
        /// The product of the shape.
        public var count: Int
    }

    /// The arithmetic of a layer.
    public struct DerivationEntry: Codable, Hashable, Sendable {
        /// The configuration in a phrase.
        public var summary: String
        /// Output-size steps.
        public var outputSize: [String]
        /// Parameter steps.
        public var parameters: [String]
        /// The parameter count as one expression; empty when there are none.
        public var formula: String
    }

    /// The schema for a report, with shapes in `layout`.
    public init(_ report: NetworkReport, layout: Layout) {
        schemaVersion = 1
        self.layout = layout.rawValue
        totals = TotalsEntry(
            parameters: report.totals.parameters, trainable: report.totals.trainable,
            nonTrainable: report.totals.nonTrainable)
        layers = report.layers.map { layer in
            let derivation = layer.derivation(layout: layout)
            return LayerEntry(
                name: layer.name,
                type: layer.layer.kind.kindName,
                inputs: layer.inputNames,
                inputShapes: layer.inputShapes.map { $0.dimensions(in: layout) },
                outputShape: layer.outputShape.dimensions(in: layout),
                parameters: layer.parameterCount,
                trainable: layer.trainableCount,
                nonTrainable: layer.nonTrainableCount,
                learnables: layer.learnables.map {
                    LearnableEntry(name: $0.name, shape: $0.shape, role: $0.role.rawValue, count: (try? $0.elementCount()) ?? 0)
                },
                derivation: DerivationEntry(
                    summary: derivation.summary, outputSize: derivation.outputSteps,
                    parameters: derivation.parameterSteps, formula: derivation.parameterFormula),
                warnings: layer.warnings.map(\.description))
        }
    }
}
