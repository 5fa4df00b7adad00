import CNNCalc
import Testing

/// Layers of Lasagne versions after 0.1 (which the fixture script runs), checked against the
/// formulas of Lasagne's documentation, and the Python that definitions are written in.
@Suite struct LasagneLayerTests {
    static func report(_ text: String) throws -> NetworkReport {
        try Analyzer(options: AnalysisOptions(convention: .lasagne)).analyze(try LasagneReader.network(from: text, source: "-e"))
    }

    static func row(_ report: NetworkReport, _ name: String) -> LayerReport? {
        report.layers.first { $0.name == name }
    }

    /// `batch_norm(layer)` removes the layer's bias and moves its nonlinearity behind a
    /// `BatchNormLayer`, whose `beta` and `gamma` (C each) are trained and whose `mean` and
    /// `inv_std` (C each) are not (lasagne.layers.batch_norm, BatchNormLayer docs).
    @Test func batchNormWrapsALayer() throws {
        let report = try Self.report("""
            from lasagne.layers import InputLayer, Conv2DLayer, batch_norm
            l = InputLayer((None, 3, 32, 32))
            l = batch_norm(Conv2DLayer(l, 16, 3, pad='same', name='conv'))
            """)
        #expect(report.layers.map(\.name) == ["input0", "conv", "conv_bn", "conv_bn_nonlin"])
        #expect(Self.row(report, "conv")?.parameterCount == 3 * 3 * 3 * 16)
        #expect(Self.row(report, "conv_bn")?.parameterCount == 4 * 16)
        #expect(Self.row(report, "conv_bn")?.trainableCount == 2 * 16)
        #expect(Self.row(report, "conv_bn")?.learnables.map(\.name) == ["gamma", "beta", "mean", "inv_std"])
        #expect(Self.row(report, "conv_bn_nonlin")?.outputShape.dimensions(in: .channelsFirst) == [16, 32, 32])
    }

    /// `batch_norm` of a layer with `nonlinearity=None` adds no nonlinearity layer.
    @Test func batchNormOfALinearLayerAddsNoNonlinearity() throws {
        let report = try Self.report("l = InputLayer((None, 10))\nl = batch_norm(DenseLayer(l, 5, nonlinearity=None))")
        #expect(report.layers.map(\.layer.kind.kindName) == ["input", "dense", "batchnorm"])
        #expect(report.totals.parameters == 10 * 5 + 4 * 5)
    }

    /// TransposedConv2DLayer: `output = (input - 1) * stride - 2 * crop + filter_size`, W has
    /// `num_input_channels * num_filters * fh * fw` values, b `num_filters`.
    @Test(arguments: [
        ("crop=0", 7, 2, 0, 3, 15),
        ("crop='valid'", 7, 2, 0, 3, 15),
        ("crop=1", 7, 2, 1, 3, 13),
        ("crop='same'", 7, 1, 1, 3, 7),
        ("crop='full'", 7, 1, 2, 3, 5),
    ])
    func transposedConvolution(_ crop: String, _ input: Int, _ stride: Int, _ cropped: Int, _ kernel: Int, _ output: Int) throws {
        let report = try Self.report("""
            l = InputLayer((None, 4, \(input), \(input)))
            l = TransposedConv2DLayer(l, 6, \(kernel), stride=\(stride), \(crop))
            """)
        #expect((input - 1) * stride - 2 * cropped + kernel == output)
        #expect(report.layers[1].outputShape.dimensions(in: .channelsFirst) == [6, output, output])
        #expect(report.layers[1].parameterCount == 4 * 6 * kernel * kernel + 6)
    }

    /// Upscale2DLayer repeats each value `scale_factor` times along each spatial axis.
    @Test func upscaleRepeatsValues() throws {
        let report = try Self.report("l = InputLayer((None, 3, 8, 5))\nl = Upscale2DLayer(l, (2, 3))")
        #expect(report.layers[1].outputShape.dimensions(in: .channelsFirst) == [3, 16, 15])
    }

    /// DilatedConv2DLayer: `output = input - (filter_size - 1) * dilation`.
    @Test func dilatedConvolution() throws {
        let report = try Self.report("l = InputLayer((None, 2, 20, 20))\nl = DilatedConv2DLayer(l, 5, 3, dilation=(2, 3))")
        #expect(report.layers[1].outputShape.dimensions(in: .channelsFirst) == [5, 16, 14])
        #expect(report.layers[1].parameterCount == 2 * 5 * 3 * 3 + 5)
    }

    /// Lasagne's `pad='same'` pads `filter_size // 2` on both sides, so an even filter grows the map by one.
    @Test func samePaddingOfAnEvenFilter() throws {
        let report = try Self.report("l = InputLayer((None, 1, 10, 10))\nl = Conv2DLayer(l, 2, 4, pad='same')")
        #expect(report.layers[1].outputShape.dimensions(in: .channelsFirst) == [2, 11, 11])
    }

    /// `untie_biases=True` gives one bias per filter and output position, here `b (8, 18, 18)`.
    @Test func untiedBiasesExplainTheirArithmetic() throws {
        let report = try Self.report("l = InputLayer((None, 16, 16, 16))\nl = Conv2DLayer(l, 8, 3, pad='full', untie_biases=True)")
        let derivation = report.layers[1].derivation(layout: .channelsFirst)
        #expect(derivation.parameterFormula == "3*3*16*8 + 8*18*18")
        #expect(report.layers[1].parameterCount == 3_744)
    }

    @Test func pythonArithmeticImportsAndContinuations() throws {
        let report = try Self.report("""
            import lasagne.layers as L  # the layers under a short name
            from lasagne.nonlinearities import (softmax,
                                                rectify)
            num_filters = 16; size = (None,) + (3, 2 * 8, 16)
            l = L.InputLayer(size)
            l = L.Conv2DLayer(l, 2 * num_filters, filter_size=3 + 2, \\
                              pad=(5 - 1) // 2, nonlinearity=rectify)
            l = L.DenseLayer(l, num_units=10, nonlinearity=softmax)
            """)
        #expect(report.layers[1].outputShape.dimensions(in: .channelsFirst) == [32, 16, 16])
        #expect(report.layers[1].parameterCount == (5 * 5 * 3 + 1) * 32)
        #expect(report.layers[2].parameterCount == (32 * 16 * 16 + 1) * 10)
    }

    /// Several outputs: every layer below each, named by its position below the first output that reaches it.
    @Test func severalOutputsAreAllReported() throws {
        let report = try Self.report("""
            l_in = InputLayer((None, 20))
            a = DenseLayer(l_in, 5)
            b = DenseLayer(l_in, 3)
            """)
        #expect(report.layers.map(\.name) == ["input0", "dense1", "dense1_2"])
        #expect(report.totals.parameters == 21 * 5 + 21 * 3)
    }

    /// A negative power is a fraction: `2 ** -2` is 0.25, `2 ** -100` is 2^-100, not a capped 2^-64.
    @Test(arguments: [(-2, 0.25), (-100, 0x1p-100)])
    func negativePowersAreFractions(_ exponent: Int, _ rate: Double) throws {
        let network = try LasagneReader.network(from: "l = InputLayer((None, 10))\nl = DropoutLayer(l, p=2 ** \(exponent))", source: "-e")
        guard case .dropout(let dropout) = network.layers[1].kind else {
            Issue.record("not a dropout layer")
            return
        }
        #expect(dropout.rate == rate)
    }

    @Test func matlabAndCNNTextAreNotTakenForLasagne() {
        #expect(!LasagneReader.looksLikeLasagne("layers = [imageInputLayer([28 28 1]) fullyConnectedLayer(10)];"))
        #expect(!LasagneReader.looksLikeLasagne("input 28x28x1; conv 32 5; dense 10"))
        #expect(LasagneReader.looksLikeLasagne("l = InputLayer((None, 784))"))
        #expect(LasagneReader.looksLikeLasagne("l = lasagne.layers.InputLayer((None, 784))"))
    }

    /// A class name counts only as a whole name: not after a letter, a digit or `_`, whatever
    /// the letter's encoding (`é` written as one character, or as `e` and a combining accent).
    @Test(arguments: [
        ("InputLayer((None, 784))", true),
        ("x = (InputLayer((None, 784)))", true),
        ("名 = InputLayer((None, 784))", true),
        ("myInputLayer((None, 784))", false),
        ("my_InputLayer((None, 784))", false),
        ("2InputLayer((None, 784))", false),
        ("\u{E9}InputLayer((None, 784))", false),
        ("e\u{301}InputLayer((None, 784))", false),
        ("myInputLayer(1) + InputLayer((None, 784))", true),
    ])
    func classNamesAreFoundAsWholeNames(text: String, isLasagne: Bool) {
        #expect(LasagneReader.looksLikeLasagne(text) == isLasagne)
    }
}
