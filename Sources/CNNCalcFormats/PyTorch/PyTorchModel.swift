import CNNCalcCore

/// A model read from the text of `print(model)`: its network and the assumptions made to read it.
///
/// The printed text lists modules and their arguments but not `forward`, so how data flows
/// between modules is an assumption, and so are the arguments PyTorch does not print.
/// ``assumptions`` states each one, as a sentence, so that a report can show them.
public struct PyTorchModel: Hashable, Sendable {
    /// The network, one layer per module in data-flow order after the input, named by module path.
    public let network: Network
    /// Every assumption the reading needed, one sentence each, in the order they arose.
    public let assumptions: [String]
}
