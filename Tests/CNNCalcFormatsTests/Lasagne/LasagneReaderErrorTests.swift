import CNNCalc
import Testing

/// Malformed Lasagne and nolearn text: one error with its line and column, what is wrong and the fix.
@Suite struct LasagneReaderErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let input = "l = InputLayer((None, 1, 28, 28))\n"

    static let cases: [Case] = [
        Case(text: input + "l = Conv2DLayer(l, num_filters=32, filter_size=(5, 5)",
             message: "-e:2:16: '(' is never closed; add ')' where the expression ends"),
        Case(text: input + "l = Conv2DLayer(l, 32, 3) ]",
             message: "-e:2:27: ']' closes nothing; remove it, or add the bracket that opens it"),
        Case(text: input + "l = Conv2DLayer(l, 32, (3, 3]",
             message: "-e:2:29: ']' closes the '(' opened at line 2, column 24; close '(' with ')' first"),
        Case(text: input + "l = Conv2DLayr(l, 32, 5)",
             message: "-e:2:5: Conv2DLayr is not a Lasagne layer CNNCalc reads; did you mean 'Conv2DLayer'?"),
        Case(text: input + "l = Conv2DLayer(l, num_filters=32)",
             message: "-e:2:5: Conv2DLayer needs 'filter_size'; give filter_size=..."),
        Case(text: input + "l = Conv2DLayer(l, num_filters='32', filter_size=5)",
             message: "-e:2:5: conv2d1: Conv2DLayer 'num_filters' is '32', not a whole number; give a whole number such as 32"),
        Case(text: input + "l = Conv2DLayer(l, 32, (5, 5, 5))",
             message: "-e:2:5: conv2d1: Conv2DLayer 'filter_size' is (5, 5, 5); give one number or a tuple of 2"),
        Case(text: input + "l = Conv2DLayer(l, 32, 5, padd=1)",
             message: "-e:2:5: Conv2DLayer has no argument 'padd'; did you mean 'pad'?"),
        Case(text: input + "l = DenseLayer(l, 10, nonlinearity=softmaxx)",
             message: "-e:2:5: nonlinearity softmaxx is not one CNNCalc knows; did you mean 'softmax'?"),
        Case(text: input + "l = Conv2DLayer(l, 32, 3, pad='sme')",
             message: "-e:2:5: conv2d1: Conv2DLayer 'pad' is 'sme'; give one number or a tuple of 2"),
        Case(text: input + "for i in range(3):\n    l = Conv2DLayer(l, 32, 3)",
             message: "-e:2:1: 'for' blocks are not read: CNNCalc follows straight-line layer definitions; write the layers out one by one, or save the model and analyse the file"),
        Case(text: "net = {}\nnet['input'] = InputLayer((None, 1, 28, 28))\nnet['conv'] = Conv2DLayer(net['inpt'], 32, 3)",
             message: "-e:3:27: net['inpt'] is used before it is assigned; did you mean 'input'?"),
        Case(text: "l = InputLayer((None, 1, None, 28))",
             message: "-e:1:5: input0: InputLayer shape (None, 1, None, 28) has None on axis 2; CNNCalc needs every size but the batch; give a size of 1 or more"),
        Case(text: "import lasagne\nx = 1",
             message: "-e defines no Lasagne layer; paste the layer definitions, e.g. l = InputLayer((None, 1, 28, 28)) then l = Conv2DLayer(l, 32, (5, 5))"),
        Case(text: "net = NeuralNet(layers=[(InputLayer, {'shape': (None, 784)}), (DenseLayer, {'num_units': 10, 'incoming': 'inp'})])",
             message: "-e:1:24: no earlier layer is named 'inp'; did you mean 'input0'?"),
        Case(text: "net = NeuralNet(layers=[(DenseLayer, {'num_units': 10})])",
             message: "-e:1:24: the first layer of the list is not an InputLayer; start with (InputLayer, {'shape': (None, 1, 28, 28)})"),
        Case(text: "net = NeuralNet(layers=[(InputLayer, {'shape': (None, 784)}), (DenseLayr, {'num_units': 10})])",
             message: "-e:1:24: DenseLayr is not a Lasagne layer CNNCalc reads; did you mean 'DenseLayer'?"),
        Case(text: "net = NeuralNet(max_epochs=10)",
             message: "-e:1:7: NeuralNet(...) has no layers=; give the layer list as layers=[...]"),
        Case(text: input + "l = Conv2DLayer(l, 10**30, 3)",
             message: "-e:2:22: 10 ** 30 is beyond 64-bit integers"),
        Case(text: input + "l = Conv2DLayer(l, 10000000000000, 3)",
             message: "-e:2:20: 10000000000000 is larger than 10^12, the largest size CNNCalc accepts"),
        Case(text: "s = 'abc\nl = InputLayer((None, 3))",
             message: "-e:1:5: this string is never closed; end it with ' on the same line"),
        Case(text: input + "l = ConcatLayer([l])",
             message: "-e:2:5: ConcatLayer merges layers but gets 1; pass a list of at least two layers"),
        Case(text: input + "l = DenseLayer(l, num_units=10, num_units=20)",
             message: "-e:2:33: keyword argument 'num_units' is given twice; keep one 'num_units='"),
        Case(text: input + "l = LSTMLayer(l, 10, peepholes=False)",
             message: "-e:2:5: lstm1: LSTMLayer 'peepholes' =False removes the peephole weights, which CNNCalc always counts for Lasagne; remove 'peepholes' to count the layer with Lasagne's default"),
        Case(text: input + "l = DenseLayer(*args)",
             message: "-e:2:16: '*' argument unpacking is not read; write the arguments out"),
    ]

    @Test(arguments: cases)
    func malformedTextGivesOneLocatedError(_ example: Case) {
        #expect {
            _ = try LasagneReader.network(from: example.text, source: "-e")
        } throws: { error in
            (error as? CNNCalcError)?.description == example.message
        }
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let text = "x = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(throws: CNNCalcError.self) { _ = try LasagneReader.network(from: text, source: "-e") }
    }

    @Test func aKernelLargerThanItsInputIsLeftToTheAnalysis() throws {
        let network = try LasagneReader.network(from: Self.input + "l = Conv2DLayer(l, 32, 30)", source: "-e")
        #expect {
            _ = try Analyzer(options: AnalysisOptions(convention: .lasagne)).analyze(network)
        } throws: { error in
            let error = error as? CNNCalcError
            return error?.layerName == "conv2d1" && error?.location?.line == 2 && error?.kind == .shape
        }
    }
}
