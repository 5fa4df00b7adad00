import CNNCalcCore

/// Consecutive layers of a report that belong to one module of the source framework, summed:
/// one row of a report grouped to a depth, as torchinfo's `depth=N` shows a PyTorch model.
///
/// Grouping to depth `N` reads every layer name as a ``ModulePath`` and walks the layers in the
/// report's order:
///
/// - a layer whose path has at least `N` components joins the group named after its first `N`
///   components, if the layer before it joined that group too; otherwise it starts a new one;
/// - a layer whose path has fewer than `N` components is a group of its own, under its own name
///   (``isModule`` is `false`).
///
/// For a ResNet exported to ONNX from PyTorch:
///
/// | depth | `/conv1/Conv` | `/layer1/layer1.0/conv1/Conv` | `/layer1/layer1.0/Add` | `/Flatten` |
/// |---|---|---|---|---|
/// | 0 | `(network)` | `(network)` | `(network)` | `(network)` |
/// | 1 | `/conv1` | `/layer1` | `/layer1` | `/Flatten` (itself) |
/// | 2 | `/conv1/Conv` (itself) | `/layer1/layer1.0` | `/layer1/layer1.0` | `/Flatten` (itself) |
/// | 3 | `/conv1/Conv` (itself) | `/layer1/layer1.0/conv1` | `/layer1/layer1.0/Add` (itself) | `/Flatten` (itself) |
///
/// Depth 0 is the whole network as one group named `(network)`, as torchinfo's `depth=0` shows
/// only the model. A module whose layers are not consecutive in the report's order (a branch
/// computed between two of them) is more than one group, each under the module's name.
///
/// A group's output shape is its last layer's; its counts and cost are the sums of its layers',
/// so the groups of a report always sum to its ``Totals`` (the cost is unknown, `nil`, when any
/// layer's is).
public struct LayerGroup: Hashable, Sendable {
    /// The module's path as the source writes it (`/layer1/layer1.0`, `encoder`, `layer1.0`);
    /// the layer's own name for a layer kept as it is; `(network)` at depth 0.
    public let name: String
    /// The positions of the group's layers in ``NetworkReport/layers``.
    public let layerIndices: Range<Int>
    /// Whether the group stands for a module, rather than a layer whose path is shorter than the depth.
    public let isModule: Bool
    /// The shape the group's last layer sends on.
    public let outputShape: TensorShape
    /// Every parameter of the group's layers.
    public let parameterCount: Int
    /// Their trainable parameters.
    public let trainableCount: Int
    /// Their non-trainable parameters.
    public let nonTrainableCount: Int
    /// Their state values.
    public let stateCount: Int
    /// The arithmetic of one example, summed; `nil` when any layer's cost is unknown.
    public let cost: Cost?

    /// The name of the one group at depth 0.
    public static let wholeNetworkName = "(network)"

    /// Sums `layers[layerIndices]` of `report` under `name`.
    init(name: String, layerIndices: Range<Int>, isModule: Bool, report: NetworkReport) {
        precondition(!layerIndices.isEmpty, "a layer group has at least one layer")
        let members = report.layers[layerIndices]
        self.name = name
        self.layerIndices = layerIndices
        self.isModule = isModule
        outputShape = report.layers[layerIndices.upperBound - 1].outputShape
        // No sum can overflow: each is at most a total the report already summed with checks
        // (costs there are for the whole batch, at least one example).
        parameterCount = members.reduce(0) { $0 + $1.parameterCount }
        trainableCount = members.reduce(0) { $0 + $1.trainableCount }
        nonTrainableCount = members.reduce(0) { $0 + $1.nonTrainableCount }
        stateCount = members.reduce(0) { $0 + $1.stateCount }
        var cost: Cost? = .zero
        for member in members {
            guard let sum = cost, let layerCost = member.cost else {
                cost = nil
                break
            }
            cost = Cost(macs: sum.macs + layerCost.macs, flops: sum.flops + layerCost.flops)
        }
        self.cost = cost
    }
}
