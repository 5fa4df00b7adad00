import CNNCalcCore

/// The settings one zoo network is built with: every knob resolved to a value.
///
/// A family's builder reads these and nothing else, so the same function writes ResNet-50 at
/// 224x224 with 1,000 classes and at 512x512 with 10.
public struct ZooConfiguration: Hashable, Sendable {
    /// The input of one example, batch excluded.
    public var input: TensorShape
    /// The outputs of the classifier.
    public var classes: Int
    /// Whether the head is kept; without it the network ends at its last feature map.
    public var includesTop: Bool
    /// The channel multiplier (1 for a family without one).
    public var width: Double

    /// Creates a configuration.
    public init(input: TensorShape, classes: Int, includesTop: Bool = true, width: Double = 1) {
        self.input = input
        self.classes = classes
        self.includesTop = includesTop
        self.width = width
    }

    /// The channels of the input image.
    public var inputChannels: Int { input.channels }
}
