@testable import CNNCalcFormats
import CNNCalc
import Testing

/// The part of MATLAB that layer definitions use: numbers, arithmetic, arrays, text, comments
/// and continuations, read as MATLAB reads them.
@Suite struct MATLABLanguageTests {
    // MATLAB's precedence: ^ binds tighter than unary minus and is read left to right.
    @Test(arguments: [
        ("2*numF", 40.0), ("numF/4 + 1", 6), ("-2^2", -4), ("2^3^2", 64), ("2^-1", 0.5), ("(1 + 2)*3 - 4/2", 7),
        ("1e-3", 0.001), ("1E3", 1000), (".5", 0.5), ("2.", 2), ("3 - -1", 4), ("10 - 2 - 3", 5), ("floor(7/2)", 3),
        ("ceil(2.5)", 3), ("round(2.5)", 3), ("prod([2 3 4])", 24), ("numel([2 3 4])", 3), ("max([2 7 4])", 7), ("true + 1", 2),
    ])
    func arithmetic(expression: String, expected: Double) throws {
        let value = try MATLABTesting.numbers("x", in: "numF = 20; x = \(expression);")
        #expect(value.values == [expected])
    }

    // Inside brackets a blank separates elements, except around a binary operator written with blanks on both sides.
    @Test(arguments: [
        ("[1 -2]", 1, 2, [1.0, -2]), ("[1 - 2]", 1, 1, [-1]), ("[1 -2 + 3]", 1, 2, [1, 1]), ("[1 , 2; 3 4]", 2, 2, [1, 2, 3, 4]),
        ("[1 2\n 3 4]", 2, 2, [1, 2, 3, 4]), ("[1 ...\n 2]", 1, 2, [1, 2]), ("[a (1)]", 1, 2, [5, 1]), ("[a(1) 2]", 1, 2, [5, 2]),
        ("[28 28 1]*2", 1, 3, [56, 56, 2]), ("3:5", 1, 3, [3, 4, 5]), ("10:-3:1", 1, 4, [10, 7, 4, 1]), ("[a [] 2]", 1, 2, [5, 2]),
        ("v(1:2)", 1, 2, [50, 50]), ("v(end2)", 1, 1, [2]), ("[v; 1 2 3]", 2, 3, [50, 50, 2, 1, 2, 3]), ("[]", 0, 0, []),
    ])
    func arrays(expression: String, rows: Int, columns: Int, values: [Double]) throws {
        let value = try MATLABTesting.numbers("x", in: "a = 5; v = [50 50 2]; end2 = 3; x = \(expression);")
        #expect(value.rows == rows)
        #expect(value.columns == columns)
        #expect(value.values == values)
    }

    @Test func textsKeepTheirDoubledQuotes() throws {
        let variables = try MATLABTesting.variables(#"a = 'it''s'; b = "say ""hi"""; c = ['conv' '_' 'a'];"#)
        #expect(variables["a"]?.text == "it's")
        #expect(variables["b"]?.text == #"say "hi""#)
        #expect(variables["c"]?.text == "conv_a")
    }

    @Test func commentsAndContinuationsAreSkipped() throws {
        let text = """
            % a comment, with 'quotes' and [brackets
            x = 1 + ... the rest of this line is ignored
                2; % 3
            %{
            x = 100;
                %{
                nested
                %}
            %}
            y = x, z = 2 * y
            """
        let variables = try MATLABTesting.variables(text)
        #expect(variables["x"].flatMap { if case .numbers(let m) = $0 { m.values } else { nil } } == [3])
        #expect(variables["z"].flatMap { if case .numbers(let m) = $0 { m.values } else { nil } } == [6])
    }

    @Test func tokensKnowTheirLinesAndColumns() throws {
        let tokens = try MATLABLexer.tokens(in: "x = [1 'a'];\n  y = x'", source: "net.m")
        #expect(tokens.map(\.location.line) == [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        #expect(tokens.prefix(8).map(\.location.column) == [1, 3, 5, 6, 8, 11, 12, 13])
        // A quote right after a name is MATLAB's transpose; after a blank it starts a text.
        #expect(tokens[4].kind == .text("a", isString: false))
        #expect(tokens[11].kind == .symbol("'"))
    }

    @Test func nameValueArgumentsIgnoreCaseAndQuotes() throws {
        let written = [
            "convolution2dLayer(3,8,'Padding','same','Stride',2)",
            "convolution2dLayer(3,8,\"padding\",\"SAME\",\"STRIDE\",2)",
            "convolution2dLayer(3,8,Padding=\"same\",stride=2)",
        ]
        let kinds = try written.map { try MATLABTesting.network("[imageInputLayer([28 28 1]) \($0)]").layers[1].kind }
        #expect(kinds.allSatisfy { $0 == kinds[0] })
        #expect(kinds[0] == .convolution(Convolution(filters: 8, kernelSize: [3], stride: [2], padding: .same, spatialRank: 2)))
    }

    @Test func variablesFeedLayerArguments() throws {
        let text = """
            inputSize = [50 50 2];
            numF = 20;
            layers = [ imageInputLayer(inputSize)
                convolution2dLayer(5, numF, 'Padding', 'same')
                convolution2dLayer([3 5], 2*numF)
                fullyConnectedLayer(numF/2) ];
            """
        let layers = try MATLABTesting.network(text).layers
        #expect(layers[0].kind == .input(Input(.featureMap(spatial: [50, 50], channels: 2))))
        #expect(layers[1].kind == .convolution(Convolution(filters: 20, kernelSize: [5], padding: .same, spatialRank: 2)))
        #expect(layers[2].kind == .convolution(Convolution(filters: 40, kernelSize: [3, 5], padding: .uniform(0), spatialRank: 2)))
        #expect(layers[3].kind == .dense(Dense(units: 10)))
    }

    @Test func commandsAndDisplaysChangeNothing() throws {
        let text = """
            clc; close all; figure
            layers = [imageInputLayer([8 8 1]) reluLayer];
            analyzeNetwork(layers)
            plot(layerGraph(layers));
            clear tempLayers
            """
        #expect(try MATLABTesting.network(text).layers.map(\.name) == ["imageinput", "relu"])
    }
}
