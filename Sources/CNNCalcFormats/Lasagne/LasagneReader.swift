import CNNCalcCore

/// Reads a Lasagne network or a nolearn `NeuralNet` from its Python source, as users paste it.
///
/// Three forms are understood:
/// - nolearn's layer list, `NeuralNet(layers=[(InputLayer, {'shape': (None, 1, 28, 28)}),
///   (Conv2DLayer, {'num_filters': 32, 'filter_size': (5, 5)}), ...])`, and its older form
///   `layers=[('input', InputLayer), ('conv1', Conv2DLayer), ...]` with `conv1_num_filters=32`;
/// - chained Lasagne calls, `l = Conv2DLayer(l, num_filters=32, filter_size=(5, 5))`, also
///   inside a `def build_cnn(input_var=None):` whose `return` names the output, and with layers
///   kept in a dictionary (`net['conv1'] = ...`);
/// - the nets and layers mixed: `NeuralNet(layers=l_out)`.
///
/// Rows are named as nolearn names them (the layer's `name`, else its class and position:
/// `conv2d1`), shapes are channels first, and counts follow Lasagne's convention.
///
///     let network = try LasagneReader.network(from: text, source: "mnist.py")
public enum LasagneReader {
    /// Whether `text` looks like a Lasagne or nolearn definition: it imports `lasagne`, builds a
    /// nolearn `NeuralNet`, or calls a Lasagne layer class by its exact name (`InputLayer(`,
    /// not MATLAB's `imageInputLayer(`).
    public static func looksLikeLasagne(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for marker in ["import lasagne", "from lasagne", "NeuralNet("] where firstOffset(of: Array(marker.utf8), in: bytes, from: 0) != nil {
            return true
        }
        return LasagneLayerTable.signatures.keys.contains { callsClass($0, in: bytes) }
    }

    /// Whether the UTF-8 `text` has `name(` where the character before `name` cannot be part of
    /// a longer name. Every byte of `name(` is ASCII, so a match never starts inside a
    /// multi-byte character; the character before it is decoded from up to 32 bytes back, enough
    /// for a letter and its combining marks.
    private static func callsClass(_ name: String, in text: [UInt8]) -> Bool {
        let call = Array((name + "(").utf8)
        var start = 0
        while let offset = firstOffset(of: call, in: text, from: start) {
            guard offset > 0 else { return true }
            var characterStart = max(0, offset - 32)
            while characterStart > 0, text[characterStart] & 0xC0 == 0x80 { characterStart += 1 }
            let before = String(decoding: text[characterStart..<offset], as: UTF8.self).last
            if let before, before.isLetter || before.isNumber || before == "_" {
                start = offset + call.count
                continue
            }
            return true
        }
        return false
    }

    /// The offset of the first `needle` in `haystack` at or after `start`, byte by byte.
    private static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var offset = start
        while offset <= haystack.count - needle.count {
            if haystack[offset] == first, haystack[offset..<(offset + needle.count)].elementsEqual(needle) { return offset }
            offset += 1
        }
        return nil
    }

    /// The network `text` defines.
    ///
    /// - Throws: ``CNNCalcError`` with the line and column of the text for a syntax error, an
    ///   unknown layer class (with the nearest names), a missing or ill-typed argument, or a
    ///   text that defines no layer.
    public static func network(from text: String, source: String) throws(CNNCalcError) -> Network {
        let statements = try PythonParser.statements(in: text, source: source)
        var interpreter = LasagneInterpreter(source: source)
        try interpreter.run(statements)
        let ordered = try orderedLayers(of: &interpreter, source: source)
        return try LasagneNetworkAssembly(calls: interpreter.layers, ordered: ordered, source: source).network()
    }

    /// The layers of the network in the order nolearn lists them, with their names.
    private static func orderedLayers(of interpreter: inout LasagneInterpreter, source: String) throws(CNNCalcError) -> [(index: Int, name: String)] {
        if let net = interpreter.nets.last {
            return try interpreter.layers(of: net)
        }
        if let returned = interpreter.returned, let outputs = try? interpreter.outputLayers(of: returned, at: SourceLocation(source: source, line: 1, column: 1)) {
            return try LasagneInterpreter.named(outputs: outputs, in: interpreter.layers)
        }
        let calls = interpreter.layers
        guard !calls.isEmpty else {
            throw CNNCalcError(.badArgument, "\(source) defines no Lasagne layer",
                               fix: "paste the layer definitions, e.g. l = InputLayer((None, 1, 28, 28)) then l = Conv2DLayer(l, 32, (5, 5))")
        }
        var consumed = Set<Int>()
        for call in calls { consumed.formUnion(call.inputs) }
        let outputs = calls.indices.filter { !consumed.contains($0) }
        return try LasagneInterpreter.named(outputs: outputs, in: calls)
    }
}
