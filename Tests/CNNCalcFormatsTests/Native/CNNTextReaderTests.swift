import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

@Suite struct CNNTextReaderTests {
    /// The MNIST network of the Lasagne/nolearn question, as `cnncalc` shows it by default.
    static let example = "input 1x28x28 layout=chw\nconv 32 5\nmaxpool 2\nconv 32 3\nmaxpool 2\ndense 256\ndense 10"

    static let exampleKinds: [LayerKind] = [
        .input(Input(.featureMap(spatial: [28, 28], channels: 1), layout: .channelsFirst)),
        .convolution(Convolution(filters: 32, kernelSize: [5])),
        .pooling(Pooling(.max, poolSize: [2])),
        .convolution(Convolution(filters: 32, kernelSize: [3])),
        .pooling(Pooling(.max, poolSize: [2])),
        .dense(Dense(units: 256)),
        .dense(Dense(units: 10)),
    ]

    @Test func builtInExampleGivesItsLayers() throws {
        let declarations = try ReaderTesting.declarations(Self.example)
        #expect(declarations.map(\.kind) == Self.exampleKinds)
        #expect(declarations.allSatisfy { $0.name == nil && $0.inputs.isEmpty })
        #expect(declarations.map(\.location) == (1...7).map { ReaderTesting.location($0, 1) })
    }

    @Test func builtInExampleNamesLayersAfterTheirKind() throws {
        let network = try CNNTextReader.network(from: Self.example, source: ReaderTesting.source)
        #expect(network.layers.map(\.name) == ["input", "conv1", "maxpool1", "conv2", "maxpool2", "dense1", "dense2"])
        #expect(network.inputLayout == .channelsFirst)
    }

    @Test func semicolonsSeparateStatementsOnOneLine() throws {
        let line = Self.example.replacingOccurrences(of: "\n", with: "; ")
        let declarations = try CNNTextReader.declarations(from: line, source: "-e")
        #expect(declarations.map(\.kind) == Self.exampleKinds)
        // "input 1x28x28 layout=chw; conv 32 5; maxpool 2; ..."
        #expect(declarations.map { $0.location?.column } == [1, 27, 38, 49, 60, 71, 82])
        #expect(declarations.allSatisfy { $0.location?.line == 1 && $0.location?.source == "-e" })
    }

    @Test func namesAreKeptAndUnnamedLayersSkipTakenNames() throws {
        let text = "input 28x28x1\nconv1: conv 8 3\nconv 8 3\nlayer1.0-b_2 : conv 8 3\nc3:conv 8 3"
        let declarations = try ReaderTesting.declarations(text)
        #expect(declarations.map(\.name) == [nil, "conv1", nil, "layer1.0-b_2", "c3"])
        #expect(declarations.map(\.location) == [
            ReaderTesting.location(1, 1), ReaderTesting.location(2, 1), ReaderTesting.location(3, 1),
            ReaderTesting.location(4, 1), ReaderTesting.location(5, 1),
        ])
        let network = try CNNTextReader.network(from: text, source: ReaderTesting.source)
        #expect(network.layers.map(\.name) == ["input", "conv1", "conv2", "layer1.0-b_2", "c3"])
    }

    @Test func inputsWireBranches() throws {
        let text = """
            input 32x32x3
            stem: conv 16 3 padding=same
            a: conv 16 3 padding=same
            b: conv 16 1 inputs=stem
            sum: add inputs=a,b
            cat: concat inputs=sum,stem
            """
        let declarations = try ReaderTesting.declarations(text)
        #expect(declarations.map(\.inputs) == [[], [], [], ["stem"], ["a", "b"], ["sum", "stem"]])
        let network = try CNNTextReader.network(from: text, source: ReaderTesting.source)
        #expect(network.predecessors == [[], [0], [1], [1], [2, 3], [4, 1]])
    }

    @Test func commentsAndBlankLinesAreSkipped() throws {
        let text = """
            # MNIST, channels first

              input 1x28x28 layout=chw   # as Lasagne prints it
            \t
            conv 32 5 # ; conv 64 5 is part of the comment
            #maxpool 2
            """
        let declarations = try ReaderTesting.declarations(text)
        #expect(declarations.map(\.kind) == Array(Self.exampleKinds.prefix(2)))
        #expect(declarations.map(\.location) == [ReaderTesting.location(3, 3), ReaderTesting.location(5, 1)])
    }

    @Test func emptyStatementsBetweenSemicolonsAreSkipped() throws {
        let declarations = try ReaderTesting.declarations(";;input 8; ; relu;")
        #expect(declarations.map(\.kind) == [.input(Input(.vector(features: 8))), .activation(Activation(.relu))])
    }

    @Test(arguments: ["\r\n", "\r", "\n"])
    func everyLineEndingEndsALine(lineEnding: String) throws {
        let text = ["input 28x28x1", "", "conv 8 3", "dense 10", ""].joined(separator: lineEnding)
        let declarations = try ReaderTesting.declarations(text)
        #expect(declarations.map { $0.location?.line } == [1, 3, 4])
        #expect(declarations.map(\.kind).last == .dense(Dense(units: 10)))
        let error = #expect(throws: CNNCalcError.self) {
            try ReaderTesting.declarations(["input 28x28x1", "conv 8 x"].joined(separator: lineEnding))
        }
        #expect(error?.description == "net.cnn:2:8: expected a positive whole number, or one per axis joined by 'x', for the kernel size, found 'x'; write e.g. 'conv 32 5' or 'conv 32 3x3'")
    }

    @Test func byteOrderMarkIsNotAColumn() throws {
        let declarations = try ReaderTesting.declarations("\u{FEFF}conv1: conv 8 3")
        #expect(declarations.first?.location == ReaderTesting.location(1, 1))
        #expect(declarations.first?.name == "conv1")
    }

    @Test func emptyTextDeclaresNothing() throws {
        #expect(try ReaderTesting.declarations("").isEmpty)
        #expect(try ReaderTesting.declarations("# only a comment\n\n   \n").isEmpty)
    }

    @Test func textWithoutLayersIsANetworkErrorAtItsFirstLine() {
        let error = #expect(throws: CNNCalcError.self) {
            try CNNTextReader.network(from: "# only a comment\n", source: ReaderTesting.source)
        }
        #expect(error?.kind == .graph)
        #expect(error?.description == "net.cnn:1:1: the network has no layers; start with an input line such as 'input 28x28x1'")
    }

    @Test func wiringErrorsPointAtTheLayer() {
        let error = #expect(throws: CNNCalcError.self) {
            try CNNTextReader.network(from: "input 8x8x3\nstem: conv 8 3\nsum: add inputs=stem,stme", source: ReaderTesting.source)
        }
        #expect(error?.kind == .graph)
        #expect(error?.description == "net.cnn:3:1: sum: inputs names 'stme', but no layer has that name; did you mean 'stem'?")
    }

    /// Every network of `Tests/Fixtures/networks.json`, written by `Scripts/generate_network_fixtures.py`.
    struct FixtureNetwork: Decodable, Sendable, CustomTestStringConvertible {
        struct Row: Decodable, Sendable { var name: String }
        struct File: Decodable { var networks: [FixtureNetwork] }
        var name: String
        var cnn: String
        var layers: [Row]
        var testDescription: String { name }
        static let all = Fixtures.decode(File.self, from: "networks.json").networks
    }

    @Test(arguments: FixtureNetwork.all)
    func fixtureNetworkReadsWithItsLayerNames(_ fixture: FixtureNetwork) throws {
        let network = try CNNTextReader.network(from: fixture.cnn, source: fixture.name + ".cnn")
        #expect(network.layers.map(\.name) == fixture.layers.map(\.name))
    }
}
