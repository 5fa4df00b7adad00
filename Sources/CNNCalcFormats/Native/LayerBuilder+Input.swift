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
    /// | `input ?x300 kind=sequence open=seq` | `seq` steps of 300 features, `seq` an open size |
    ///
    /// An open size (`?`) stands in as 1 here; ``CNNTextModel`` puts in the number it is given.
    static func input(_ arguments: Arguments) throws(CNNCalcError) -> Input {
        try inputRecipe(arguments).input(sizes: [:], names: [])
    }

    /// How to build the input of `arguments` for any numbers given to its open sizes.
    static func inputRecipe(_ arguments: Arguments) throws(CNNCalcError) -> InputRecipe {
        guard let token = arguments.token(.shape) else { throw arguments.missingValues() }
        let written = try ValueParser.inputSizes(token, noun: Parameter.shape.noun, fix: arguments.fix(for: .shape))
        guard written.count <= maximumInputAxes else {
            throw CNNCalcError(
                .badArgument,
                "the input shape \(token.quoted) has \(written.count) numbers, but an input has at most \(maximumInputAxes)",
                fix: "write up to 3 spatial sizes and the channels, e.g. '16x32x32x1'", location: token.location)
        }
        let isSequence = try isSequence(arguments)
        if isSequence, written.count != 2 {
            throw CNNCalcError(
                .badArgument,
                "a sequence input is steps x features, but \(token.quoted) has \(written.count) \(written.count == 1 ? "number" : "numbers")",
                fix: "write e.g. '\(arguments.kindName) 50x300 kind=sequence'", location: token.location)
        }
        let openCount = written.filter { $0 == nil }.count
        var names: [String] = []
        if let namesToken = arguments.token(.openNames) {
            names = try ValueParser.layerNames(namesToken)
            guard names.count == openCount else {
                throw CNNCalcError(
                    .badArgument,
                    "open= names \(names.count) open \(names.count == 1 ? "size" : "sizes"), but \(token.quoted) leaves \(openCount) open",
                    fix: openCount == 0 ? "write '?' for a size left open, e.g. 'input ?x300 kind=sequence open=seq'"
                        : "give one name per '?', in order", location: namesToken.location)
            }
        }
        let recipe = InputRecipe(written: written, names: names, layout: try arguments.layout() ?? .channelsLast, isSequence: isSequence)
        _ = try recipe.input(sizes: [:], names: [])
        return recipe
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

/// What an `input` statement writes, kept so that its open sizes (`?`) can be given numbers later.
struct InputRecipe: Hashable, Sendable {
    /// The sizes as written, `nil` for `?`.
    var written: [Int?]
    /// The names `open=` gives the `?`s, in order; empty when it is not written.
    var names: [String]
    /// The layout the sizes are written in.
    var layout: Layout
    /// Whether the input is `kind=sequence`.
    var isSequence: Bool

    /// The names of the open sizes, in order: the `open=` names, or `layer:axis` with the axis
    /// counted from 1 as written.
    func openNames(layer: String) -> [String] {
        if !names.isEmpty { return names }
        return written.indices.filter { written[$0] == nil }.map { "\(layer):\($0 + 1)" }
    }

    /// The input with `sizes[name]` for each open size named in `names` (1 where none is given).
    func input(sizes: [String: Int], names: [String]) throws(CNNCalcError) -> Input {
        var open = names.makeIterator()
        let values = written.map { written in written ?? open.next().flatMap { sizes[$0] } ?? 1 }
        if isSequence { return Input(.sequence(steps: values[0], features: values[1]), layout: layout) }
        guard let first = values.first, let last = values.last else {
            throw CNNCalcError(.badArgument, "the input has no size", fix: "write e.g. 'input 28x28x1'")
        }
        if values.count == 1 { return Input(.vector(features: first), layout: layout) }
        let shape: TensorShape = layout == .channelsLast
            ? .featureMap(spatial: try SpatialSizes(values.dropLast()), channels: last)
            : .featureMap(spatial: try SpatialSizes(values.dropFirst()), channels: first)
        return Input(shape, layout: layout)
    }
}
