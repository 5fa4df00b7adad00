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

    /// How the table is drawn.
    public enum Border: String, Hashable, Sendable, CaseIterable {
        /// Columns separated by spaces, a dashed rule under the header: stable text for files and pipes.
        case plain
        /// Unicode box characters, fitted to ``RenderOptions/width``, with grouped and humanised totals.
        case box
    }

    /// How the table is drawn; the other formats ignore it.
    public var border: Border
    /// The widest line the box-drawn tables may write, in characters (a terminal's width);
    /// `nil` means no limit. Long names and formulas wrap within their column; numbers never do.
    public var width: Int?
    /// Whether the box-drawn and framework-style tables may use ANSI colours (bold header and
    /// totals). Rendering never looks at the terminal: the caller decides.
    public var color: Bool

    /// Creates options.
    public init(
        layout: Layout? = nil, dataType: DataType = .fp32, optimizer: Optimizer = .adam, macs: MACDefinition = .cnncalc,
        depth: Int? = nil, border: Border = .plain, width: Int? = nil, color: Bool = false
    ) {
        self.layout = layout
        self.dataType = dataType
        self.optimizer = optimizer
        self.macs = macs
        self.depth = depth
        self.border = border
        self.width = width
        self.color = color
    }
}
