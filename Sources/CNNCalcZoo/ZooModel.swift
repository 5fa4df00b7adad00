import CNNCalcCore

/// One network of the zoo: its name, where it comes from, its defaults and knobs, and the
/// function that writes it.
///
/// Build it with ``network(_:)`` from a ``ZooConfiguration``, or by name with
/// ``Zoo/model(_:input:classes:includesTop:width:)``, which checks the knobs first.
public struct ZooModel: Sendable {
    /// The name it is looked up by: torchvision's builder function (`resnet50`), `keras/` and
    /// Keras' class name in lower case (`keras/resnet50`), or `seed/...` for the questions
    /// CNNCalc grew from.
    public let name: String
    /// The name people write, e.g. `ResNet-50`, `VGG-16 (BN)`.
    public let title: String
    /// The family it belongs to, e.g. `ResNet`; one file of the zoo writes each family.
    public let family: String
    /// The paper (or question) that describes it.
    public let paper: Citation
    /// The implementation it follows and is checked against, e.g. `torchvision 0.28`.
    public let framework: String
    /// The convention of that framework: how its parameters are counted by default.
    public let convention: Convention
    /// The input it is built for unless told otherwise: the size its published weights were trained at.
    public let defaultInput: TensorShape
    /// The layout the input is written in: channels first for PyTorch models, last for Keras and MATLAB ones.
    public let inputLayout: Layout
    /// The number of classes of its classifier unless told otherwise.
    public let defaultClasses: Int
    /// The channel multiplier it is built with unless told otherwise, or `nil` when the family has none.
    public let defaultWidth: Double?
    /// Whether a caller may leave out its head.
    public let hasTop: Bool
    /// What the framework's version differs in from the paper, and what the zoo leaves out.
    public let notes: [String]
    /// Writes the layers for a configuration.
    let layers: @Sendable (ZooConfiguration) -> [LayerDeclaration]

    /// Creates a model. `layers` must name every layer; the zoo names them after the framework's module paths.
    public init(
        name: String, title: String, family: String, paper: Citation, framework: String, convention: Convention,
        defaultInput: TensorShape, inputLayout: Layout, defaultClasses: Int, defaultWidth: Double? = nil,
        hasTop: Bool = true, notes: [String] = [],
        layers: @escaping @Sendable (ZooConfiguration) -> [LayerDeclaration]
    ) {
        self.name = name
        self.title = title
        self.family = family
        self.paper = paper
        self.framework = framework
        self.convention = convention
        self.defaultInput = defaultInput
        self.inputLayout = inputLayout
        self.defaultClasses = defaultClasses
        self.defaultWidth = defaultWidth
        self.hasTop = hasTop
        self.notes = notes
        self.layers = layers
    }

    /// The knobs the model has: always the input and the classes, a head to leave out and a
    /// width multiplier where the family has them.
    public var knobs: [ZooKnob] {
        [.input, .classes] + (hasTop ? [.top] : []) + (defaultWidth != nil ? [.width] : [])
    }

    /// The configuration of the model as published.
    public var defaultConfiguration: ZooConfiguration {
        ZooConfiguration(input: defaultInput, classes: defaultClasses, includesTop: true, width: defaultWidth ?? 1)
    }

    /// The network for `configuration`, whose ``Network/sourceConvention`` is ``convention``.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.graph` if the layers are wired wrong (a bug in the
    ///   family's file, which the zoo's tests rule out for every model).
    public func network(_ configuration: ZooConfiguration) throws(CNNCalcError) -> Network {
        var network = try Network(layers: LayerDeclaration.layers(from: layers(configuration)))
        network.sourceConvention = convention
        return network
    }
}
