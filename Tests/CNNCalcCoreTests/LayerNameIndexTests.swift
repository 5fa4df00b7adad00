import CNNCalcCore
import Testing

/// Names are found and told apart as Swift compares strings, whatever characters they hold, in
/// networks small and large: what a `[String: Int]` of the names gave.
@Suite struct LayerNameIndexTests {
    static let input = LayerKind.input(Input(height: 8, width: 8, channels: 1))
    static let flatten = LayerKind.flatten(Flatten())

    @Test(arguments: [
        ("\u{E9}", "e\u{301}"),   // é precomposed and decomposed
        ("K", "\u{212A}"),        // the Kelvin sign is K
        ("conv1", "conv1"),
    ])
    func equalNamesAreOneName(_ first: String, _ second: String) {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: first, kind: Self.input),
                Layer(name: "x", kind: Self.flatten),
                Layer(name: second, kind: Self.flatten),
            ])
        }
        #expect(error?.problem == "the name '\(second)' is already used by layer 1")
    }

    @Test(arguments: [("K", "\u{212A}"), ("\u{212A}", "K"), ("e\u{301}", "\u{E9}"), ("a", "a")])
    func inputsFindAnEqualName(_ name: String, _ written: String) throws {
        let network = try Network(layers: [
            Layer(name: name, kind: Self.input),
            Layer(name: "x", kind: Self.flatten),
            Layer(name: "y", kind: Self.flatten, inputs: [written]),
        ])
        #expect(network.predecessors[2] == [0])
    }

    @Test func unknownNameIsReported() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "a", kind: Self.input),
                Layer(name: "b", kind: Self.flatten, inputs: ["\u{E9}"]),
            ])
        }
        #expect(error?.problem == "inputs names '\u{E9}', but no layer has that name")
    }

    @Test(arguments: [false, true])
    func manyLayersResolveTheirInputs(unicode: Bool) throws {
        let count = 100_000
        let stem = unicode ? "n\u{E9}" : "n"
        var layers = [Layer(name: stem + "0", kind: Self.input)]
        for index in 1..<count {
            // Every third layer names an input a little further back.
            let inputs = index % 3 == 0 ? [stem + String(index / 2)] : []
            layers.append(Layer(name: stem + String(index), kind: Self.flatten, inputs: inputs))
        }
        let network = try Network(layers: layers)
        let expected = [[]] + (1..<count).map { index in [index % 3 == 0 ? index / 2 : index - 1] }
        #expect(network.predecessors == expected)
        layers.append(Layer(name: stem + "77777", kind: Self.flatten))
        let error = #expect(throws: CNNCalcError.self) { try Network(layers: layers) }
        #expect(error?.problem == "the name '\(stem)77777' is already used by layer 77778")
    }
}
