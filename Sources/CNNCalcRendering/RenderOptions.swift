import CNNCalcCore

/// Choices that change how a report is written, never what it says.
public struct RenderOptions: Hashable, Sendable {
    /// The layout shapes are written in; `nil` means the layout of the network's input.
    public var layout: Layout?

    /// Creates options.
    public init(layout: Layout? = nil) {
        self.layout = layout
    }
}
