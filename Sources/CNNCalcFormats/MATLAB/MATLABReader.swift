import CNNCalcCore

/// Reads MATLAB Deep Learning Toolbox layer definitions as people paste them: a layer array,
/// a `layerGraph` with `addLayers` and `connectLayers`, or a `dlnetwork` built the same way.
///
///     numF = 20;
///     layers = [
///         imageInputLayer([50 50 2])                       % height, width, channels
///         convolution2dLayer(5, numF, 'Padding', 'same')
///         reluLayer
///         fullyConnectedLayer(2*numF, "Name", "fc1")
///         softmaxLayer
///         classificationLayer];
///
/// The text is run as MATLAB would run it, for the subset layer definitions use: variables
/// and arithmetic (`+ - * / ^`, ranges, indexing), layer functions with positional and
/// name-value arguments (`'Stride',2`, `"Padding","same"`, `Stride=2`, names in any case),
/// `%` and `%{ %}` comments and `...` continuations. Layers take MATLAB's defaults (pooling
/// steps by 1; padding 0; `'same'` as MATLAB computes it) and MATLAB's names (`conv`, or
/// `conv_1`, `conv_2`, ... when several share one). The network is the last layer graph or
/// `dlnetwork` the text builds, or else its last layer array; it counts as MATLAB does
/// (``Network/sourceConvention`` is ``Convention/matlab``).
///
/// Every layer carries the line and column of its call, so that an error the analysis finds
/// later points at it. Anything outside the subset is an error at its line and column.
///
/// ### See Also
/// - ``CNNTextReader``
public enum MATLABReader {
    /// The network `text` defines.
    ///
    /// - Parameters:
    ///   - text: MATLAB code, such as the contents of a `.m` file.
    ///   - source: the file name as the user gave it, or `-e`; it starts every location.
    /// - Throws: ``CNNCalcError``: `.syntax` for text outside the subset (unbalanced brackets, an
    ///   unclosed text, a control statement), `.unknownLayer` for an unknown function (with the
    ///   nearest known ones), `.badArgument` for a missing, extra, unknown or mistyped argument,
    ///   `.graph` for layers that are not connected, share a name or form a cycle. Each is located
    ///   at the offending text.
    public static func network(from text: String, source: String) throws(CNNCalcError) -> Network {
        let statements = try MATLABParser.statements(try MATLABLexer.tokens(in: text, source: source))
        var interpreter = MATLABInterpreter()
        for statement in statements { try interpreter.run(statement) }
        let layers: [Layer]
        if let (graph, location) = interpreter.lastGraph {
            do throws(CNNCalcError) {
                layers = try graph.networkLayers()
            } catch {
                throw error.attributed(to: nil, at: location)
            }
        } else if let array = interpreter.lastArray {
            var graph = MATLABGraph(isNetwork: false)
            try graph.add(array.layers)
            layers = try graph.networkLayers()
        } else {
            throw CNNCalcError(
                .graph, "the text defines no layers",
                fix: "write a layer array such as layers = [imageInputLayer([28 28 1]) convolution2dLayer(5,20) reluLayer]",
                location: SourceLocation(source: source, line: 1, column: 1))
        }
        do throws(CNNCalcError) {
            var network = try Network(layers: layers)
            network.sourceConvention = .matlab
            return network
        } catch {
            throw error.attributed(to: nil, at: SourceLocation(source: source, line: 1, column: 1))
        }
    }

    /// Whether `text` looks like MATLAB layer definitions: outside `%` and `#` comments, it names
    /// a layer function (`convolution2dLayer`), `layerGraph` or `dlnetwork`.
    ///
    /// No `.cnn` text does, since no `.cnn` kind is spelled like a MATLAB function.
    public static func looksLikeMATLAB(_ text: String) -> Bool {
        var word = ""
        var isInComment = false
        for character in text {
            if character == "\n" || character == "\r" || character == "\r\n" {
                isInComment = false
            } else if character == "%" || character == "#" {
                isInComment = true
            }
            if !isInComment, character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            if isMATLABFunction(word) { return true }
            word = ""
        }
        return isMATLABFunction(word)
    }

    private static func isMATLABFunction(_ word: String) -> Bool {
        word.count > 6 && (MATLABLayerFunctions.all[word] != nil || word == "layerGraph" || word == "dlnetwork")
    }
}
