/// A setting of a zoo model that the caller may change: the question "what if ...?".
///
/// | knob | library (``Zoo/model(_:input:classes:includesTop:width:)``) | command line | what it changes |
/// |---|---|---|---|
/// | `input` | `input:` | `--input 3x512x512` | the input size (and channel count) |
/// | `classes` | `classes:` | `--classes 10` | the outputs of the classifier |
/// | `top` | `includesTop: false` | `--no-top` | leaves out the head: the network ends at its last feature map |
/// | `width` | `width:` | `--width 0.5` | the channel multiplier of the families that have one (MobileNet's `width_mult`, MnasNet's `alpha`) |
public enum ZooKnob: String, Hashable, Sendable, CaseIterable {
    /// The input size.
    case input
    /// The number of classes.
    case classes
    /// Whether the head (pooling and classifier) is kept.
    case top
    /// The channel multiplier.
    case width

    /// The command-line option that turns the knob.
    public var option: String {
        switch self {
        case .input: "--input"
        case .classes: "--classes"
        case .top: "--no-top"
        case .width: "--width"
        }
    }

    /// The argument of ``Zoo/model(_:input:classes:includesTop:width:)`` that turns the knob.
    public var argument: String {
        switch self {
        case .input: "input"
        case .classes: "classes"
        case .top: "includesTop"
        case .width: "width"
        }
    }

    /// What the knob is, in a few words: "width multiplier".
    public var meaning: String {
        switch self {
        case .input: "input size"
        case .classes: "number of classes"
        case .top: "head to leave out"
        case .width: "width multiplier"
        }
    }
}
