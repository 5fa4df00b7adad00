/// A layer as written, before the network names it: its kind, an optional name and inputs.
///
/// Readers and ``NetworkBuilder`` produce declarations; ``layers(from:)`` names the
/// unnamed ones after their kind (`conv1`, `maxpool1`, `conv2`, ...; the first input is
/// `input`), skipping names the user chose.
public struct LayerDeclaration: Hashable, Sendable {
    /// What the layer does.
    public var kind: LayerKind
    /// The name the user gave, if any.
    public var name: String?
    /// The names of the layers feeding this one; empty means the one written before it.
    public var inputs: [String]
    /// Where the layer was written.
    public var location: SourceLocation?

    /// Creates a declaration.
    public init(_ kind: LayerKind, name: String? = nil, inputs: [String] = [], location: SourceLocation? = nil) {
        self.kind = kind
        self.name = name
        self.inputs = inputs
        self.location = location
    }

    /// The same declaration with a name.
    public func named(_ name: String) -> LayerDeclaration {
        var copy = self
        copy.name = name
        return copy
    }

    /// The same declaration fed by the named layers.
    public func inputs(_ names: String...) -> LayerDeclaration {
        var copy = self
        copy.inputs = names
        return copy
    }

    /// Layers with every unnamed declaration named after its kind.
    public static func layers(from declarations: [LayerDeclaration]) -> [Layer] {
        var names = DefaultLayerNames(taken: Set(declarations.compactMap(\.name)))
        return declarations.map { declaration in
            Layer(
                name: declaration.name ?? names.next(for: declaration.kind), kind: declaration.kind,
                inputs: declaration.inputs, location: declaration.location)
        }
    }
}

/// The names ``LayerDeclaration/layers(from:)`` gives unnamed layers, one after the other:
/// `conv1`, `maxpool1`, `conv2`, ... after the kind, the first input `input`, skipping the
/// names the user chose.
///
/// A reader that builds its layers as it goes names them with this, once it knows every
/// name the text chose:
///
///     var names = DefaultLayerNames(taken: ["conv2"])
///     names.next(for: .convolution(conv))   // "conv1"
///     names.next(for: .convolution(conv))   // "conv3"
public struct DefaultLayerNames: Sendable {
    private let taken: Set<String>
    /// How many names each stem has given: a network has few kinds, so a list is quicker than a dictionary.
    private var counters: [(stem: String, count: Int)] = []

    /// Names that skip `taken`, the names the user gave.
    public init(taken: Set<String>) {
        self.taken = taken
    }

    /// The name of the next unnamed layer of `kind`.
    public mutating func next(for kind: LayerKind) -> String {
        let stem = kind.kindName
        let slot: Int
        if let found = counters.firstIndex(where: { $0.stem == stem }) {
            slot = found
        } else {
            slot = counters.count
            counters.append((stem, 0))
        }
        var name: String
        repeat {
            counters[slot].count += 1
            let count = counters[slot].count
            name = stem == "input" && count == 1 ? "input" : stem + String(count)
        } while !taken.isEmpty && taken.contains(name)
        return name
    }
}

extension LayerBehavior {
    /// This layer, named.
    public func named(_ name: String) -> LayerDeclaration {
        LayerDeclaration(layerKind, name: name)
    }

    /// This layer, fed by the named layers.
    public func inputs(_ names: String...) -> LayerDeclaration {
        LayerDeclaration(layerKind, inputs: names)
    }
}

/// A result builder that writes a network as a list of layers.
///
///     let network = try Network {
///         Input(height: 32, width: 32, channels: 3)
///         Convolution(filters: 16, kernelSize: [3], padding: .same).named("stem")
///         Convolution(filters: 16, kernelSize: [3], padding: .same).named("branch")
///         Add().named("sum").inputs("stem", "branch")
///     }
@resultBuilder
public enum NetworkBuilder {
    /// A layer written as its configuration, e.g. `Convolution(filters: 32, kernelSize: [5])`.
    public static func buildExpression(_ layer: some LayerBehavior) -> [LayerDeclaration] {
        [LayerDeclaration(layer.layerKind)]
    }

    /// A layer with a name or inputs, e.g. `Add().named("sum").inputs("a", "b")`.
    public static func buildExpression(_ declaration: LayerDeclaration) -> [LayerDeclaration] {
        [declaration]
    }

    /// Several layers at once, e.g. a block returned by a function.
    public static func buildExpression(_ declarations: [LayerDeclaration]) -> [LayerDeclaration] {
        declarations
    }

    /// The layers in the order written.
    public static func buildBlock(_ parts: [LayerDeclaration]...) -> [LayerDeclaration] {
        parts.flatMap { $0 }
    }

    /// Layers written under `if`, present only when the condition holds.
    public static func buildOptional(_ part: [LayerDeclaration]?) -> [LayerDeclaration] {
        part ?? []
    }

    /// The layers of an `if` branch.
    public static func buildEither(first part: [LayerDeclaration]) -> [LayerDeclaration] {
        part
    }

    /// The layers of an `else` branch.
    public static func buildEither(second part: [LayerDeclaration]) -> [LayerDeclaration] {
        part
    }

    /// The layers written in a `for` loop, in loop order.
    public static func buildArray(_ parts: [[LayerDeclaration]]) -> [LayerDeclaration] {
        parts.flatMap { $0 }
    }
}
