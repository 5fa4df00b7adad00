import ArgumentParser
import CNNCalc

/// One example's input sizes given with `--input`, batch excluded, written in the model's layout
/// as `cnncalc zoo` lists it: `3x512x512` for a PyTorch model (channels first), `50x50x1` for
/// the MATLAB one (channels last). `,` may separate the sizes too.
struct InputSizeArgument: ExpressibleByArgument, Equatable, Sendable {
    /// The sizes, in the order written.
    var sizes: [Int]

    init?(argument: String) {
        let parts = argument.split(whereSeparator: { "xX×,".contains($0) }).map { $0.filter { !$0.isWhitespace } }
        let sizes = parts.compactMap { Int($0) }
        guard !parts.isEmpty, sizes.count == parts.count, sizes.count <= 4,
              sizes.allSatisfy({ $0 >= 1 && $0 <= CheckedArithmetic.maximumSize }) else {
            return nil
        }
        self.sizes = sizes
    }

    /// The sizes as a shape: the channels first or last as `layout` says; one size is a vector.
    func shape(in layout: Layout) throws(CNNCalcError) -> TensorShape {
        guard sizes.count > 1 else { return .vector(features: sizes[0]) }
        return layout == .channelsFirst
            ? .featureMap(spatial: try SpatialSizes(sizes.dropFirst()), channels: sizes[0])
            : .featureMap(spatial: try SpatialSizes(sizes.dropLast()), channels: sizes[sizes.count - 1])
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// `--zoo NAME` and the knobs of a zoo model: the options that analyse a built-in network; their
/// values, as plain ``ZooSettings``, do the work.
struct ZooOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Analyse a network of the built-in zoo, e.g. resnet50, vgg16_bn, seed/lasagne ('cnncalc zoo' lists them).",
        valueName: "name"))
    var zoo: String?

    @Option(name: .long, help: ArgumentHelp(
        "One example's input, batch excluded: with --zoo, the model's input size as 'cnncalc zoo' lists it (channels first for PyTorch models), e.g. 3x512x512; for a model printed by PyTorch, which does not state it, channels first, e.g. 1x28x28.",
        valueName: "size"))
    var input: InputSizeArgument?

    @Option(name: .long, help: "With --zoo: the number of classes of the classifier.")
    var classes: Int?

    @Flag(name: .customLong("no-top"), help: "With --zoo: leave out the head (pooling and classifier); the network ends at its last feature map.")
    var noTop = ZooSettings.defaults.noTop

    @Option(name: .long, help: "With --zoo: the width multiplier of a family that has one (MobileNet v2 and v3, MnasNet), e.g. 0.5.")
    var width: Double?

    /// The values given, or their defaults.
    var settings: ZooSettings {
        ZooSettings(zoo: zoo, input: input, classes: classes, noTop: noTop, width: width)
    }

    func validate() throws {
        try settings.validate()
    }
}
