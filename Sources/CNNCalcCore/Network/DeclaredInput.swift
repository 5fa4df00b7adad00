/// A size of a layer's input that the source declares: PyTorch's `in_features=800`,
/// `in_channels`, `num_features`, `input_size` or `embed_dim`, MATLAB's `NumChannels`.
///
/// CNNCalc computes every layer's input from the layers before it, so a declared size adds
/// nothing to the counts: it is a claim the analysis checks. When the size that arrives differs,
/// the analysis reports where, what arrives (and how that number is made), what was declared
/// and the one change that makes them agree:
///
///     fc1: receives 32*5*5 = 800 features (the 32x5x5 output of pool2), declared in_features=512
///     fix: set in_features=800
///
/// Which size of the arriving shape is compared (see ``arrivingSize(for:of:layout:)``): for a
/// dense layer that flattens a feature map, every value of the map; otherwise the last,
/// feature-carrying axis: a map's channels, a sequence's features per step, a vector's features.
public struct DeclaredInput: Hashable, Sendable {
    /// The argument as the source spells it, e.g. `in_features`.
    public var argument: String
    /// The declared size.
    public var value: Int
    /// Where the argument is written, when it comes from a text; errors point there.
    public var location: SourceLocation?
    /// Whether the source writes the argument as a MATLAB name-value pair (`'NumChannels',3`)
    /// rather than as a keyword (`in_channels=3`); messages quote it the same way.
    public var isNameValuePair: Bool

    /// Creates a declared input size.
    public init(_ argument: String, _ value: Int, location: SourceLocation? = nil, isNameValuePair: Bool = false) {
        self.argument = argument
        self.value = value
        self.location = location
        self.isNameValuePair = isNameValuePair
    }

    /// The argument with `size`, as the source writes it: `in_features=800`, `'InputSize',800`.
    public func written(_ size: Int) -> String {
        isNameValuePair ? "'\(argument)',\(size)" : "\(argument)=\(size)"
    }

    /// The size of `input` a declaration on a layer of `kind` is compared with, the sizes it is the
    /// product of (written in `layout`; one term unless a dense layer flattens a map), and its noun.
    public static func arrivingSize(
        for kind: LayerKind, of input: TensorShape, layout: Layout
    ) throws(CNNCalcError) -> (size: Int, terms: [Int], noun: String) {
        if case .dense(let dense) = kind, dense.flattens(input) {
            return (try input.elementCount(), input.dimensions(in: layout), "features")
        }
        switch input {
        case .featureMap(_, let channels): return (channels, [channels], "channels")
        case .sequence(_, let features): return (features, [features], "features per step")
        case .vector(let features): return (features, [features], "features")
        }
    }

    /// The input the layer was declared for: `input` with the declared size in place of the one
    /// compared, so that a layer whose declaration is wrong still has the output it was written to have.
    public func declaredShape(for kind: LayerKind, replacing input: TensorShape) -> TensorShape {
        if case .dense(let dense) = kind, dense.flattens(input) { return .vector(features: value) }
        return input.replacingChannels(with: value)
    }

    /// The mismatch between this declaration and `input`, arriving from `sourceName`, or `nil` when they agree.
    ///
    /// The error is of kind `.shape`, located at the argument (or else at `layer`), and reads
    /// `receives 32*5*5 = 800 features (the 32x5x5 output of pool2), declared in_features=512`,
    /// with the fix `set in_features=800` (and, when the declared size is the map's channel count,
    /// the other way out: pooling the positions away first). When the vector that arrives is a map flattened on the
    /// way (`flattened`: the map and the layer it came from), the count is written as the map's product.
    public func mismatch(
        on layer: Layer, input: TensorShape, from sourceName: String?,
        flattened: (map: TensorShape, source: String)? = nil, layout: Layout
    ) throws(CNNCalcError) -> CNNCalcError? {
        var (size, terms, noun) = try Self.arrivingSize(for: layer.kind, of: input, layout: layout)
        guard size != value else { return nil }
        if size == 1 { noun = noun.replacingFirst("s", in: ["channels", "features"]) }
        var origin = sourceName.map { " (the \(input.text(in: layout)) output of \($0))" } ?? ""
        if let flattened, case .vector = input, try flattened.map.elementCount() == size {
            terms = flattened.map.dimensions(in: layout)
            origin = " (the \(flattened.map.text(in: layout)) output of \(flattened.source), flattened)"
        }
        let made = terms.count > 1 ? "\(terms.map(String.init).joined(separator: "*")) = \(size)" : String(size)
        var fix = "set \(written(size))"
        // MATLAB takes what arrives when the size is left out ('auto').
        if isNameValuePair { fix += ", or leave it out to take what arrives" }
        // A declared size equal to the map's channels points at a global pooling the source does not show.
        let map: TensorShape? = if case .featureMap = input { input } else { flattened?.map }
        if let map, terms.count > 1, map.channels == value, map.spatial.contains(where: { $0 > 1 }) {
            fix += ", or pool the \(map.spatial.map(String.init).joined(separator: "x")) positions away before it (\(written(value)) is the map's channel count)"
        }
        return CNNCalcError(
            .shape, "receives \(made) \(noun)\(origin), declared \(written(value))",
            fix: fix, location: location ?? layer.location, layerName: layer.name)
    }
}

private extension String {
    /// The string with the plural `s` of its first word removed when that word is one of `plurals`:
    /// `features per step` becomes `feature per step`.
    func replacingFirst(_ suffix: String, in plurals: [String]) -> String {
        guard let word = split(separator: " ", maxSplits: 1).first, plurals.contains(String(word)) else { return self }
        return String(word.dropLast(suffix.count)) + dropFirst(word.count)
    }
}
