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
        for tokens in try Lexer.statements(in: text, source: source) {
            guard let statement = try Statement.parse(tokens) else { continue }
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
        let declarations = try declarations(from: text, source: source)
        do throws(CNNCalcError) {
            return try Network(layers: LayerDeclaration.layers(from: declarations))
        } catch {
            throw error.attributed(to: nil, at: SourceLocation(source: source, line: 1, column: 1))
        }
    }
}
