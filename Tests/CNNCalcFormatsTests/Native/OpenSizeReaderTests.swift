import CNNCalc
import Testing

/// `?` in an input's shape: a size left open, named with `open=` or after the layer and axis.
@Suite struct OpenSizeReaderTests {
    @Test func namedOpenSize() throws {
        let model = try CNNTextReader.model(from: "input ?x300 kind=sequence open=seq; lstm 64", source: "-e")
        #expect(model.openSizes == [OpenSize(name: "seq", origin: "a size the input 'input' leaves open (?)")])
        let network = try model.network(sizes: ["seq": 50])
        #expect(network.layers[0].kind == .input(Input(.sequence(steps: 50, features: 300))))
    }

    @Test func unnamedOpenSizesAreNamedAfterTheLayerAndAxis() throws {
        let model = try CNNTextReader.model(from: "image: input ?x?x3; conv 8 3", source: "net.cnn")
        #expect(model.openSizes.map(\.name) == ["image:1", "image:2"])
        let network = try model.network(sizes: ["image:1": 32, "image:2": 48])
        #expect(network.layers[0].kind == .input(Input(.featureMap(spatial: [32, 48], channels: 3))))
        // Channels first: the axes count as written.
        let first = try CNNTextReader.model(from: "input 3x?x? layout=chw", source: "net.cnn")
        #expect(first.openSizes.map(\.name) == ["input:2", "input:3"])
        #expect(try first.network(sizes: ["input:2": 5, "input:3": 7]).layers[0].kind
                == .input(Input(.featureMap(spatial: [5, 7], channels: 3), layout: .channelsFirst)))
    }

    @Test func oneNameOnTwoInputsIsOneSize() throws {
        let text = "a: input ?x16 kind=sequence open=L; b: input ?x16 kind=sequence open=L; add inputs=a,b"
        let model = try CNNTextReader.model(from: text, source: "-e")
        #expect(model.openSizes.map(\.name) == ["L"])
        let report = try OpenSizeAnalysis.report(openSizes: model.openSizes) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }
        #expect(report.openSizes?.countText(try #require(report.openSizes?.flops(ofLayer: 2))) == "16·L")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        ErrorCase(text: "input ?x?x3 open=h", expected: "-e:1:18: open= names 1 open size, but '?x?x3' leaves 2 open; give one name per '?', in order"),
        ErrorCase(text: "input 28x28x3 open=h", expected: "-e:1:20: open= names 1 open size, but '28x28x3' leaves 0 open; write '?' for a size left open, e.g. 'input ?x300 kind=sequence open=seq'"),
        ErrorCase(text: "input ?x0x3", expected: "-e:1:7: expected positive whole numbers or '?' joined by 'x' for the input shape, found '?x0x3'; write e.g. 'input 28x28x1' or 'input 1x28x28 layout=chw'"),
        ErrorCase(text: "input ?x300 kind=sequence open=1a", expected: "-e:1:32: '1a' is not a valid layer name; a name starts with a letter or '_' and goes on with letters, digits, '_', '.' or '-'"),
        ErrorCase(text: "input ?x300 kind=sequence", expected: "-e:1:1: input: the input leaves the size 'input:1' open (?); analyse the network alone, which keeps the size open, or give it a number: cnncalc --dim input:1=128"),
    ])
    func openSizeErrors(_ errorCase: ErrorCase) {
        let error = #expect(throws: CNNCalcError.self) {
            try CNNTextReader.network(from: errorCase.text, source: "-e")
        }
        #expect(error?.description == errorCase.expected)
    }
}
