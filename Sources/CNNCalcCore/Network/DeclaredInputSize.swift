/// A size the source declares for what a layer reads, such as MATLAB's `'NumChannels',3` on a
/// convolution or `'InputSize',1176` on a fully connected layer. The analysis checks it against
/// what arrives, as the framework would when it builds the network.
///
/// | measure | compared with | example |
/// |---|---|---|
/// | `channels` | the channels of a feature map, the features of a sequence or a vector | `NumChannels` 20 on a `46×46×20` map |
/// | `flattenedFeatures` | every value of a feature map (a fully connected layer flattens it), else the features | `InputSize` 1176 on a `7×7×24` map |
public struct DeclaredInputSize: Hashable, Sendable {
    /// What the declared size counts.
    public enum Measure: Hashable, Sendable {
        /// The channels, or the features of a sequence step or a vector.
        case channels
        /// All the values of a feature map; the features of a sequence step or a vector.
        case flattenedFeatures
    }

    /// The property as the source names it: `NumChannels`, `InputSize`.
    public var property: String
    /// The declared size.
    public var value: Int
    /// What the size counts.
    public var measure: Measure

    /// Creates a declared size.
    public init(property: String, value: Int, measure: Measure) {
        self.property = property
        self.value = value
        self.measure = measure
    }

    /// The size `input` has by this measure.
    public func arriving(_ input: TensorShape) throws(CNNCalcError) -> Int {
        switch (measure, input) {
        case (.flattenedFeatures, .featureMap): try input.elementCount()
        default: input.channels
        }
    }

    /// Nothing when `input` has the declared size; otherwise an error that says what arrives,
    /// what was declared and how to make them agree.
    ///
    /// - Parameter layout: the layout the input's shape is written in, in the message.
    public func check(_ input: TensorShape, layout: Layout) throws(CNNCalcError) {
        let size = try arriving(input)
        guard size != value else { return }
        let noun: String = switch (measure, input) {
        case (.flattenedFeatures, .featureMap): size == 1 ? "value arrives" : "values arrive"
        case (_, .featureMap): size == 1 ? "channel arrives" : "channels arrive"
        default: size == 1 ? "feature arrives" : "features arrive"
        }
        throw CNNCalcError(
            .shape,
            "\(property) is declared as \(value), but \(size) \(noun) (the input is \(input.text(in: layout)))",
            fix: "declare \(property) as \(size), or leave it out to take what arrives")
    }
}
