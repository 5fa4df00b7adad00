import CNNCalcAnalysis
import CNNCalcCore

/// The JSON report, version 1: the schema `--format json` writes, described as a JSON Schema
/// in `Schemas/report.schema.json`. Fields added within a version are optional in that schema.
///
/// Shapes are arrays of sizes in the report's layout, batch excluded. Field by field:
///
/// | field | meaning |
/// |---|---|
/// | `schemaVersion` | `1`; raised when a field changes meaning or is removed |
/// | `layout` | `"hwc"` or `"chw"`, the order of every shape array |
/// | `convention`, `batchSize`, `dataType` | how learnables were counted; costs and memory are for this batch and type |
/// | `totals` | `parameters`, `trainable`, `nonTrainable`, `state`, `macs`, `flops`, `torchinfoMultAdds`, `uncostedLayers`, `receptiveField` |
/// | `totals.receptiveField` | the widest local field of any layer (``NetworkReport/widestReceptiveField``): its `layer`, and per spatial axis `size`, `jump`, `start`; absent when no layer has one |
/// | `memory` | `weightBytes`, `gradientBytes`, `optimizerBytes`, `activationBytes`, `trainingBytes`, `optimizer` |
/// | `layers[]` | in an order where inputs come first |
/// | `layers[].name`, `type` | the layer's name and `.cnn` kind |
/// | `layers[].inputs` | the names of the layers feeding it |
/// | `layers[].inputShapes`, `outputShape` | shapes in `layout` |
/// | `layers[].parameters`, `trainable`, `nonTrainable`, `state` | counts |
/// | `layers[].macs`, `flops` | for the batch; absent when the layer's cost is unknown |
/// | `layers[].outputBytes` | the layer's output for the batch at `dataType`; absent when too large to count |
/// | `layers[].weightBytes` | the layer's parameters and state at `dataType`; absent when too large to count |
/// | `layers[].receptiveField` | `whole`, and per spatial axis `size`, `jump`, `start`; `jump` is a fraction such as `0.5` after layers that raise the resolution (transposed convolution, upsampling, depth to space), where `size` is an upper bound |
/// | `layers[].learnables[]` | `name`, `shape` (in the convention's order), `role` (`trainable`, `nonTrainable`, `state`), `count` |
/// | `layers[].derivation` | `summary`, `outputSize`, `parameters` and `cost` (lines of arithmetic), `formula`, and `receptiveField` as `--explain` prints it |
/// | `layers[].warnings` | sentences |
/// | `depth`, `groups[]` | only with ``RenderOptions/depth``: the depth, and one entry per ``LayerGroup`` |
/// | `groups[].name`, `module` | the module's path as the source writes it, or the layer's name when `module` is `false` |
/// | `groups[].layers` | the names of its layers, consecutive in `layers` |
/// | `groups[].outputShape` | its last layer's, in `layout` |
/// | `groups[].parameters`, `trainable`, `nonTrainable`, `state` | sums over its layers |
/// | `groups[].macs`, `flops` | sums for the batch; absent when any of its layers' cost is unknown |
/// | `openSizes[]` | only for a model with open sizes: `name`, `shownAs`, `origin`; the fields that depend on them are `null` or absent, with expressions beside (see `applyOpenSizes`) |
public struct ReportSchema: Codable, Hashable, Sendable {
    /// The version of this schema.
    public var schemaVersion: Int
    /// The order of every shape array: `hwc` or `chw`.
    public var layout: String
    /// The convention learnables are counted in.
    public var convention: String
    /// The batch size costs and memory are for.
    public var batchSize: Int
    /// The number format memory is computed for.
    public var dataType: String
    /// Sums over the network.
    public var totals: TotalsEntry
    /// Memory estimates; absent when too large to count.
    public var memory: MemoryEntry?
    /// One entry per layer.
    public var layers: [LayerEntry]
    /// The depth the layers are grouped to; absent without grouping.
    public var depth: Int?
    /// One entry per group of layers; absent without grouping.
    public var groups: [GroupEntry]?
    /// The sizes the model leaves open, when it does (see ``OpenSizeEntry``); absent otherwise.
    public var openSizes: [OpenSizeEntry]?

    /// A size the model leaves open: an ONNX `dim_param`, a Keras `None` axis.
    public struct OpenSizeEntry: Codable, Hashable, Sendable {
        /// The name that binds it, and that expressions use: `seq_len`, `tokens:1`.
        public var name: String
        /// What shapes show for sizes that depend on it: `None` (Keras), or the name itself.
        public var shownAs: String
        /// Where the model leaves it open.
        public var origin: String
    }

    /// Consecutive layers of one module of the source framework, summed (see ``LayerGroup``).
    public struct GroupEntry: Codable, Hashable, Sendable {
        /// The module's path, or the layer's name when `module` is false.
        public var name: String
        /// Whether the entry stands for a module rather than a layer shallower than the depth.
        public var module: Bool
        /// The names of its layers.
        public var layers: [String]
        /// Its last layer's output shape; `null` for a size that depends on an open size.
        public var outputShape: [Int?]
        /// Every parameter of its layers.
        public var parameters: Int
        /// Their trainable parameters.
        public var trainable: Int
        /// Their non-trainable parameters.
        public var nonTrainable: Int
        /// Their state values.
        public var state: Int
        /// MACs for the batch; absent when unknown.
        public var macs: Int?
        /// FLOPs for the batch; absent when unknown.
        public var flops: Int?
    }

    /// Parameter totals.
    public struct TotalsEntry: Codable, Hashable, Sendable {
        /// Every parameter.
        public var parameters: Int
        /// Parameters the optimizer updates.
        public var trainable: Int
        /// Parameters kept but not trained.
        public var nonTrainable: Int
        /// State values, outside the parameters.
        public var state: Int
        /// MACs for the batch, over the layers whose cost is known.
        public var macs: Int
        /// FLOPs for the batch, likewise.
        public var flops: Int
        /// torchinfo's "Total mult-adds" for the batch; absent when too large to count or when it
        /// depends on an open size.
        public var torchinfoMultAdds: Int?
        /// Layers whose cost is not in `macs` and `flops` (unknown, or depending on an open size);
        /// when not empty, `macs` and `flops` are partial.
        public var uncostedLayers: [String]
        /// The widest local receptive field of any layer; absent when no layer has one.
        public var receptiveField: NetworkReceptiveFieldEntry?
        /// With open sizes: the MACs for the batch over every layer whose cost is exact, as an
        /// expression in the open sizes (`49152*tokens:1+32`); partial when `unknownCostLayers` is not empty.
        public var macsExpression: String?
        /// With open sizes: the FLOPs likewise.
        public var flopsExpression: String?
        /// With open sizes: torchinfo's mult-adds as an expression, when exact.
        public var torchinfoMultAddsExpression: String?
        /// With open sizes: the layers whose cost depends on them.
        public var openCostLayers: [String]?
        /// With open sizes: the layers whose cost is neither a number nor an expression.
        public var unknownCostLayers: [String]?
    }

    /// The network's receptive field: the widest local field, and the layer that has it.
    public struct NetworkReceptiveFieldEntry: Codable, Hashable, Sendable {
        /// The name of the layer with the widest field.
        public var layer: String
        /// Per spatial axis, the input positions one of its outputs sees.
        public var size: [Int]
        /// Per spatial axis, the distance between neighbouring outputs in input positions.
        public var jump: [Double]
        /// Per spatial axis, the centre of the first output's field.
        public var start: [Double]
    }

    /// Memory estimates in bytes.
    public struct MemoryEntry: Codable, Hashable, Sendable {
        /// Parameters and state.
        public var weightBytes: Int
        /// One gradient per trainable parameter.
        public var gradientBytes: Int
        /// The optimizer's state.
        public var optimizerBytes: Int
        /// Every layer's output for the batch; absent when it depends on an open size.
        public var activationBytes: Int?
        /// The sum of the four; absent when it depends on an open size.
        public var trainingBytes: Int?
        /// With open sizes: the activation bytes as an expression in them, when exact.
        public var activationBytesExpression: String?
        /// With open sizes: the training bytes as an expression in them, when exact.
        public var trainingBytesExpression: String?
        /// The optimizer assumed: `sgd`, `momentum` or `adam`.
        public var optimizer: String
    }

    /// A receptive field.
    public struct ReceptiveFieldEntry: Codable, Hashable, Sendable {
        /// Whether one output sees the whole input.
        public var whole: Bool
        /// Per spatial axis, the input positions one output sees.
        public var size: [Int?]
        /// Per spatial axis, the distance between neighbouring outputs in input positions: a whole
        /// number after strides, a fraction such as `0.5` after upsampling (an average distance).
        public var jump: [Double?]
        /// Per spatial axis, the centre of the first output's field; `null` where it depends on an
        /// open size (after a stride with padding `same`).
        public var start: [Double?]
    }

    /// One layer.
    public struct LayerEntry: Codable, Hashable, Sendable {
        /// The layer's name.
        public var name: String
        /// The `.cnn` kind.
        public var type: String
        /// The names of the layers feeding it.
        public var inputs: [String]
        /// The shapes arriving; `null` for a size that depends on an open size.
        public var inputShapes: [[Int?]]
        /// The shape leaving; `null` for a size that depends on an open size.
        public var outputShape: [Int?]
        /// With open sizes: every size of `inputShapes` as text: a number, `None`, or an expression (`seq_len-4`).
        public var openInputShapes: [[String]]?
        /// With open sizes: every size of `outputShape` as text.
        public var openOutputShape: [String]?
        /// Every parameter of the layer.
        public var parameters: Int
        /// Its trainable parameters.
        public var trainable: Int
        /// Its non-trainable parameters.
        public var nonTrainable: Int
        /// Its state values.
        public var state: Int
        /// MACs for the batch; absent when unknown.
        public var macs: Int?
        /// FLOPs for the batch; absent when unknown.
        public var flops: Int?
        /// With open sizes: the MACs for the batch as an expression in them, when they depend on them exactly.
        public var macsExpression: String?
        /// With open sizes: the FLOPs likewise.
        public var flopsExpression: String?
        /// With open sizes: the open sizes the cost depends on, when it does.
        public var costDependsOn: [String]?
        /// Bytes of its output for the batch; absent when too large to count or when it depends on an open size.
        public var outputBytes: Int?
        /// Bytes of its parameters and state; absent when too large to count.
        public var weightBytes: Int?
        /// What one output position sees of the input.
        public var receptiveField: ReceptiveFieldEntry
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
        /// MAC and FLOP steps.
        public var cost: [String]
        /// The receptive field as `--explain` prints it: `5x5 (jump 1x1, start 2x2)`.
        public var receptiveField: String?
    }

    /// The schema for a report, with shapes in `layout` and memory for `options`.
    public init(_ report: NetworkReport, layout: Layout, options: RenderOptions = RenderOptions()) {
        let batch = report.options.batchSize
        let bytes = options.dataType.bytes
        schemaVersion = 1
        self.layout = layout.rawValue
        convention = report.options.convention.rawValue
        batchSize = batch
        dataType = options.dataType.rawValue
        let totals = report.totals
        self.totals = TotalsEntry(
            parameters: totals.parameters, trainable: totals.trainable, nonTrainable: totals.nonTrainable,
            state: totals.state, macs: totals.cost.macs, flops: totals.cost.flops,
            torchinfoMultAdds: try? report.torchinfoMultAdds(), uncostedLayers: totals.uncostedLayers,
            receptiveField: report.widestReceptiveField.map {
                NetworkReceptiveFieldEntry(
                    layer: report.layers[$0.layerIndex].name, size: $0.axes.map(\.size),
                    jump: $0.axes.map(\.jump.doubleValue), start: $0.axes.map(\.start))
            })
        openSizes = nil
        memory = (try? MemoryEstimate(report, dataType: options.dataType, optimizer: options.optimizer)).map {
            MemoryEntry(
                weightBytes: $0.weightBytes, gradientBytes: $0.gradientBytes, optimizerBytes: $0.optimizerBytes,
                activationBytes: $0.activationBytes, trainingBytes: $0.trainingBytes, optimizer: $0.optimizer.rawValue)
        }
        layers = report.layers.map { layer in
            let derivation = layer.derivation(layout: layout)
            return LayerEntry(
                name: layer.name,
                type: layer.layer.kind.kindName,
                inputs: layer.inputNames,
                inputShapes: layer.inputShapes.map { $0.dimensions(in: layout) },
                outputShape: layer.outputShape.dimensions(in: layout),
                openInputShapes: nil, openOutputShape: nil,
                parameters: layer.parameterCount,
                trainable: layer.trainableCount,
                nonTrainable: layer.nonTrainableCount,
                state: layer.stateCount,
                macs: layer.cost.flatMap { try? CheckedArithmetic.multiply($0.macs, batch, "") },
                flops: layer.cost.flatMap { try? CheckedArithmetic.multiply($0.flops, batch, "") },
                macsExpression: nil, flopsExpression: nil, costDependsOn: nil,
                outputBytes: try? CheckedArithmetic.product([layer.outputElements, batch, bytes], ""),
                weightBytes: (try? CheckedArithmetic.add(layer.parameterCount, layer.stateCount, "")).flatMap {
                    try? CheckedArithmetic.multiply($0, bytes, "")
                },
                receptiveField: ReceptiveFieldEntry(layer.receptiveField),
                learnables: layer.learnables.map {
                    LearnableEntry(name: $0.name, shape: $0.shape, role: $0.role.rawValue, count: (try? $0.elementCount()) ?? 0)
                },
                derivation: DerivationEntry(
                    summary: derivation.summary, outputSize: derivation.outputSteps,
                    parameters: derivation.parameterSteps, formula: derivation.parameterFormula,
                    cost: derivation.costSteps, receptiveField: derivation.receptiveField),
                warnings: layer.warnings.map(\.description))
        }
        depth = options.depth
        groups = options.depth.map { depth in
            report.groups(depth: depth).map { group in
                GroupEntry(
                    name: group.name, module: group.isModule,
                    layers: report.layers[group.layerIndices].map(\.name),
                    outputShape: group.outputShape.dimensions(in: layout),
                    parameters: group.parameterCount, trainable: group.trainableCount,
                    nonTrainable: group.nonTrainableCount, state: group.stateCount,
                    macs: group.cost.flatMap { try? CheckedArithmetic.multiply($0.macs, batch, "") },
                    flops: group.cost.flatMap { try? CheckedArithmetic.multiply($0.flops, batch, "") })
            }
        }
        if let open = report.openSizes {
            applyOpenSizes(open, report: report, layout: layout, options: options)
        }
    }
}

extension ReportSchema.ReceptiveFieldEntry {
    init(_ field: ReceptiveField) {
        switch field {
        case .whole:
            self.init(whole: true, size: [], jump: [], start: [])
        case .local(let axes):
            self.init(whole: false, size: axes.map(\.size), jump: axes.map(\.jump.doubleValue), start: axes.map(\.start))
        }
    }
}
