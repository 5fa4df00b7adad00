import CNNCalcCore

extension LayerBuilder {
    /// The most numbers an input shape has: three spatial axes and the channels.
    static let maximumInputAxes = 4

    /// `input 28x28x1`: the shape in the given layout, a vector for one number, or a sequence.
    ///
    /// | written | shape |
    /// |---|---|
    /// | `input 28x28x1` | feature map 28×28, 1 channel |
    /// | `input 1x28x28 layout=chw` | the same, channels first |
    /// | `input 100x8` | 1-D feature map of 100, 8 channels |
    /// | `input 16x32x32x1` | 3-D feature map 16×32×32, 1 channel |
    /// | `input 784` | vector of 784 features |
    /// | `input 50x300 kind=sequence` | 50 steps of 300 features, in either layout |
    static func input(_ arguments: Arguments) throws(CNNCalcError) -> Input {
        guard let token = arguments.token(.shape) else { throw arguments.missingValues() }
        let sizes = try ValueParser.sizes(
            token, noun: Parameter.shape.noun, maximumAxes: .max, fix: arguments.fix(for: .shape))
        guard sizes.count <= maximumInputAxes else {
            throw CNNCalcError(
                .badArgument,
                "the input shape \(token.quoted) has \(sizes.count) numbers, but an input has at most \(maximumInputAxes)",
                fix: "write up to 3 spatial sizes and the channels, e.g. '16x32x32x1'", location: token.location)
        }
        let layout = try arguments.layout() ?? .channelsLast
        if try isSequence(arguments) {
            guard sizes.count == 2 else {
                throw CNNCalcError(
                    .badArgument,
                    "a sequence input is steps x features, but \(token.quoted) has \(sizes.count) \(sizes.count == 1 ? "number" : "numbers")",
                    fix: "write e.g. '\(arguments.kindName) 50x300 kind=sequence'", location: token.location)
            }
            return Input(.sequence(steps: sizes[0], features: sizes[1]), layout: layout)
        }
        guard let first = sizes.first, let last = sizes.last else { throw arguments.missingValues() }
        if sizes.count == 1 {
            return Input(.vector(features: first), layout: layout)
        }
        let shape: TensorShape = layout == .channelsLast
            ? .featureMap(spatial: Array(sizes.dropLast()), channels: last)
            : .featureMap(spatial: Array(sizes.dropFirst()), channels: first)
        return Input(shape, layout: layout)
    }

    /// Whether the input is written `kind=sequence`.
    static func isSequence(_ arguments: Arguments) throws(CNNCalcError) -> Bool {
        guard let token = arguments.token(.inputKind) else { return false }
        guard token.text.lowercased() == "sequence" else {
            throw CNNCalcError(
                .badArgument, "expected 'sequence' for the input kind, found \(token.quoted)",
                fix: "write 'kind=sequence' for steps x features, or leave kind out for an image or a vector",
                location: token.location)
        }
        return true
    }
}
