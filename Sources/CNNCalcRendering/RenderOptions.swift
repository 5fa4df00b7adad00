import CNNCalcAnalysis
import CNNCalcCore

/// Choices that change how a report is written, never what it says.
public struct RenderOptions: Hashable, Sendable {
    /// Which definition of MACs the MACs column and total use.
    public enum MACDefinition: String, Hashable, Sendable, CaseIterable {
        /// CNNCalc's own, written down in ``Cost``.
        case cnncalc
        /// torchinfo's "mult-adds" (see ``TorchinfoRule``), to compare with a number from torchinfo.
        case torchinfo
    }

    /// The layout shapes are written in; `nil` means the layout of the network's input.
    public var layout: Layout?
    /// The number format memory is computed for.
    public var dataType: DataType
    /// The optimizer the training-memory estimate assumes.
    public var optimizer: Optimizer
    /// The definition of MACs to print.
    public var macs: MACDefinition
    /// When set, the table has one row per module down to this depth, and the JSON adds
    /// `groups` (see ``LayerGroup``); `nil` means one row per layer.
    public var depth: Int?

    /// Creates options.
    public init(
        layout: Layout? = nil, dataType: DataType = .fp32, optimizer: Optimizer = .adam, macs: MACDefinition = .cnncalc,
        depth: Int? = nil
    ) {
        self.layout = layout
        self.dataType = dataType
        self.optimizer = optimizer
        self.macs = macs
        self.depth = depth
    }
}
