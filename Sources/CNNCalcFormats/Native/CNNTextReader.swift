import CNNCalcCore

/// Reads networks written in CNNCalc's own text format, `.cnn`.
///
/// One layer per line (or per `;`-separated statement), each `[name:] kind {value} {key=value}`:
///
///     input 1x28x28 layout=chw      # channels first, as PyTorch writes it
///     conv 32 5
///     maxpool 2
///     fc1: dense 256 activation=relu
///     dense 10
///
/// A layer without `inputs=` takes the layer written before it. Unnamed layers are named
/// after their kind by ``LayerDeclaration/layers(from:)`` (`conv1`, `maxpool1`, ...).
/// The reader checks the text and the arguments; it computes no shape and no count.
///
/// ### See Also
/// - ``LayerDeclaration``
/// - ``Network``
public enum CNNTextReader {
    /// The layers `text` declares, in the order written.
    ///
    /// - Parameters:
    ///   - text: the contents of a `.cnn` file or a command-line expression.
    ///   - source: the file name as the user typed it, or `-e` for an expression; it starts
    ///     every error location and every layer's location.
    /// - Returns: one declaration per statement; empty for a text of only blank lines and comments.
    /// - Throws: ``CNNCalcError`` of kind `.syntax`, `.unknownLayer` or `.badArgument`, located at
    ///   the offending token (1-based line and column, counted in characters) and naming the
    ///   layer when its line gives a name.
    public static func declarations(from text: String, source: String) throws(CNNCalcError) -> [LayerDeclaration] {
        var declarations: [LayerDeclaration] = []
        var lexer = Lexer(text: text, source: source)
        try lexer.check()
        var tokens: [Token] = []
        while lexer.nextStatement() {
            guard let statement = try Statement.current(of: lexer, tokens: &tokens) else { continue }
            do throws(CNNCalcError) {
                declarations.append(try LayerBuilder.declaration(for: statement))
            } catch {
                throw error.attributed(to: statement.name?.text, at: nil)
            }
        }
        return declarations
    }

    /// The network `text` declares, with its wiring checked.
    ///
    /// Unnamed layers are named after their kind (``LayerDeclaration/layers(from:)``), then
    /// ``Network/init(layers:)`` resolves and checks `inputs=`.
    ///
    /// - Parameters:
    ///   - text: the contents of a `.cnn` file or a command-line expression.
    ///   - source: the file name as the user typed it, or `-e` for an expression.
    /// - Returns: the network, not yet analysed.
    /// - Throws: ``CNNCalcError``: the errors of ``declarations(from:source:)``, then `.graph`
    ///   errors for the wiring. An error about the whole text, such as a text with no
    ///   layers, is located at its first line.
    public static func network(from text: String, source: String) throws(CNNCalcError) -> Network {
        try model(from: text, source: source).network()
    }

    /// The most statement texts ``model(from:source:)`` keeps what it read them as, so that a text
    /// of many different statements does not keep them all.
    static let repeatedLimit = 4096

    /// The network `text` declares, read once, with the sizes its inputs leave open (`?`),
    /// which ``CNNTextModel/network(sizes:)`` builds for any numbers given to them.
    ///
    /// - Throws: ``CNNCalcError``: the errors of ``declarations(from:source:)``.
    public static func model(from text: String, source: String) throws(CNNCalcError) -> CNNTextModel {
        var lexer = Lexer(text: text, source: source)
        try lexer.check()
        // The layers are built as they are read and named once every chosen name is known,
        // as ``LayerDeclaration/layers(from:)`` names them, so that no layer is held twice.
        var layers: [Layer] = []
        layers.reserveCapacity(lexer.statementCount)
        var unnamed: [Int] = []
        var recipes: [Int: InputRecipe] = [:]
        // What unnamed statements written more than once (`relu`, `dense 16`) were read as, by their text:
        // a statement of the same text reads the same, only its location differs.
        var repeated = RepeatedStatements(bytes: lexer.utf8, limit: Self.repeatedLimit)
        var repeatedLayers: [Layer] = []
        var repeatedRecipes: [InputRecipe?] = []
        var tokens: [Token] = []
        while lexer.nextStatement() {
            let text = lexer.repeatableRange
            var freeSlot: Int?
            if let text {
                switch repeated.lookup(text) {
                case .found(let known):
                    // Unnamed, since its text has no ':'.
                    if let recipe = repeatedRecipes[known], recipe.written.contains(nil) { recipes[layers.count] = recipe }
                    unnamed.append(layers.count)
                    layers.append(repeatedLayers[known])
                    layers[layers.count - 1].location = lexer.statementLocation
                    continue
                case .missing(let slot):
                    freeSlot = slot
                }
            }
            guard let statement = try Statement.current(of: lexer, tokens: &tokens) else { continue }
            let declaration: LayerDeclaration
            let recipe: InputRecipe?
            do throws(CNNCalcError) {
                (declaration, recipe) = try LayerBuilder.parsed(statement)
            } catch {
                throw error.attributed(to: statement.name?.text, at: nil)
            }
            if let recipe, recipe.written.contains(nil) { recipes[layers.count] = recipe }
            if declaration.name == nil { unnamed.append(layers.count) }
            layers.append(Layer(
                name: declaration.name ?? "", kind: declaration.kind, inputs: declaration.inputs,
                location: declaration.location))
            if let text, let freeSlot, repeated.count < Self.repeatedLimit {
                repeated.keep(text, in: freeSlot)
                repeatedLayers.append(layers[layers.count - 1])
                repeatedRecipes.append(recipe)
            }
        }
        guard !unnamed.isEmpty else { return CNNTextModel(layers: layers, inputs: recipes, source: source) }
        // The names the text chose: every layer's but those of the unnamed ones, which are empty so far.
        var taken: Set<String> = []
        var next = 0
        for index in layers.indices {
            if next < unnamed.count && unnamed[next] == index {
                next += 1
            } else {
                taken.insert(layers[index].name)
            }
        }
        var names = DefaultLayerNames(taken: taken)
        for index in unnamed {
            layers[index].name = names.next(for: layers[index].kind)
        }
        return CNNTextModel(layers: layers, inputs: recipes, source: source)
    }
}

/// A `.cnn` text read once, and the sizes its inputs leave open.
///
/// `input ?x512 kind=sequence open=seq` leaves the steps open as the size `seq`; without `open=`,
/// each `?` is named after the layer and its axis counted from 1 as written (`input:1`). The same
/// name on two inputs is one size. ``network(sizes:)`` builds the network with numbers for them,
/// and `OpenSizeAnalysis` keeps them open:
///
///     let model = try CNNTextReader.model(from: "input ?x512 kind=sequence open=seq; mha 8", source: "-e")
///     model.openSizes.map(\.name)                       // ["seq"]
///     let network = try model.network(sizes: ["seq": 128])
public struct CNNTextModel: Sendable {
    /// The text's name as the user gave it: the file, or `-e`.
    public let source: String
    /// The sizes the inputs leave open, in the order written.
    public let openSizes: [OpenSize]
    /// The layers, named, with 1 for every open size.
    private let layers: [Layer]
    /// For each layer index of an input with open sizes, how to build it, and its open sizes' names.
    private let inputs: [Int: (recipe: InputRecipe, names: [String])]

    init(layers: [Layer], inputs recipes: [Int: InputRecipe], source: String) {
        self.layers = layers
        self.source = source
        var inputs: [Int: (recipe: InputRecipe, names: [String])] = [:]
        var openSizes: [OpenSize] = []
        for index in recipes.keys.sorted() {
            guard let recipe = recipes[index] else { continue }
            let names = recipe.openNames(layer: layers[index].name)
            inputs[index] = (recipe, names)
            for name in names where !openSizes.contains(where: { $0.name == name }) {
                openSizes.append(OpenSize(name: name, origin: "a size the input '\(layers[index].name)' leaves open (?)"))
            }
        }
        self.inputs = inputs
        self.openSizes = openSizes
    }

    /// The network with the given number for each open size (by ``OpenSize/name``).
    ///
    /// - Throws: ``CNNCalcError``: `.badArgument` for an open size without a number, naming it;
    ///   `.graph` errors for the wiring, located at the first line.
    public func network(sizes: [String: Int] = [:]) throws(CNNCalcError) -> Network {
        var layers = self.layers
        for (index, input) in inputs {
            if let missing = input.names.first(where: { sizes[$0] == nil }) {
                throw CNNCalcError(
                    .badArgument, "the input leaves the size '\(missing)' open (?)",
                    fix: "analyse the network alone, which keeps the size open, or give it a number: cnncalc --dim \(missing)=128",
                    location: layers[index].location, layerName: layers[index].name)
            }
            layers[index].kind = .input(try input.recipe.input(sizes: sizes, names: input.names))
        }
        do throws(CNNCalcError) {
            return try Network(layers: layers)
        } catch {
            throw error.attributed(to: nil, at: SourceLocation(source: source, line: 1, column: 1))
        }
    }
}
