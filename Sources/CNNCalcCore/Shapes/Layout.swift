/// The order in which a feature map's axes are written: channels last or channels first.
///
/// Layout is only a way of writing a shape down. The same 24×24 map of 32 channels is
/// `24x24x32` to a Keras or MATLAB user and `32x24x24` to a PyTorch or Lasagne user.
public enum Layout: String, Hashable, Sendable, CaseIterable {
    /// Height × width × channels (Keras, TensorFlow, MATLAB): `hwc`.
    case channelsLast = "hwc"
    /// Channels × height × width (PyTorch, Lasagne, ONNX): `chw`.
    case channelsFirst = "chw"

    /// A short phrase for reports: "channels last" or "channels first".
    public var phrase: String {
        switch self {
        case .channelsLast: "channels last"
        case .channelsFirst: "channels first"
        }
    }
}
