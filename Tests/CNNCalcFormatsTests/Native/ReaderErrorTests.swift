import CNNCalc
import Testing

/// Every class of reader error, checked by its full text: location, layer, problem and fix.
@Suite struct ReaderErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: CNNCalcError.Kind
        var expected: String
        var testDescription: String { text.debugDescription }

        init(_ text: String, _ kind: CNNCalcError.Kind, _ expected: String) {
            self.text = text
            self.kind = kind
            self.expected = expected
        }
    }

    static let kindCases: [ErrorCase] = [
        .init("input 28x28x1\nconvv 32 5", .unknownLayer, "net.cnn:2:1: unknown layer kind 'convv'; did you mean 'conv'?"),
        .init("input 28x28x1\nMax_Pol 2", .unknownLayer, "net.cnn:2:1: unknown layer kind 'Max_Pol'; did you mean 'maxpool'?"),
        .init("xyzzyq", .unknownLayer,
              "net.cnn:1:1: unknown layer kind 'xyzzyq'; the kinds are input, conv, maxpool, avgpool, globalavgpool, globalmaxpool, dense, flatten, dropout, batchnorm, relu, sigmoid, tanh, softmax, gelu, leakyrelu, elu, identity, add, concat, embedding, rnn, lstm, gru, mha, transformer, subtract, multiply, average, maximum, minimum, matmul, deconv, depthwiseconv, separableconv, upsample, zeropad, crop, reshape, permute, squeeze, unsqueeze, adaptiveavgpool, adaptivemaxpool, spacetodepth, depthtospace, layernorm, groupnorm, instancenorm, lrn, prelu, relu6, hardsigmoid, logsoftmax, selu, silu, hardswish, mish, softplus, classtoken, posembedding and selectstep"),
        .init("conv: 32 5", .unknownLayer,
              "net.cnn:1:7: conv: unknown layer kind '32'; the ':' makes 'conv' the layer's name; write 'conv 32 5' without it"),
        .init("pool: convv 32 5", .unknownLayer, "net.cnn:1:7: pool: unknown layer kind 'convv'; did you mean 'conv'?"),
    ]

    static let valueCases: [ErrorCase] = [
        .init("conv", .badArgument, "net.cnn:1:1: conv needs a filter count and a kernel size; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv 32", .badArgument, "net.cnn:1:1: conv needs a filter count and a kernel size; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv3d 32", .badArgument, "net.cnn:1:1: conv3d needs a filter count and a kernel size; write e.g. 'conv3d 32 5' or 'conv3d 32 3x3x3'"),
        .init("input", .badArgument, "net.cnn:1:1: input needs a shape; write e.g. 'input 28x28x1' or 'input 1x28x28 layout=chw'"),
        .init("dense", .badArgument, "net.cnn:1:1: dense needs a unit count; write e.g. 'dense 256'"),
        .init("dropout", .badArgument, "net.cnn:1:1: dropout needs a rate; write e.g. 'dropout 0.5'"),
        .init("conv x 5", .badArgument,
              "net.cnn:1:6: expected a positive whole number for the filter count, found 'x'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv 0 5", .badArgument,
              "net.cnn:1:6: expected a positive whole number for the filter count, found '0'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv -3 5", .badArgument,
              "net.cnn:1:6: expected a positive whole number for the filter count, found '-3'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv filters=x kernel=5", .badArgument,
              "net.cnn:1:14: expected a positive whole number for the filter count, found 'x'; write e.g. 'filters=32'"),
        .init("conv 32 5x", .badArgument,
              "net.cnn:1:9: expected a positive whole number, or one per axis joined by 'x', for the kernel size, found '5x'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("conv 32 5 stride=0", .badArgument,
              "net.cnn:1:18: expected a positive whole number, or one per axis joined by 'x', for the stride, found '0'; write e.g. 'stride=2'"),
        .init("conv 32 5 groups=0", .badArgument,
              "net.cnn:1:18: expected a positive whole number for the group count, found '0'; write e.g. 'groups=2'"),
        .init("conv 1000000000001 5", .badArgument,
              "net.cnn:1:6: the filter count '1000000000001' is too large; the limit is 1,000,000,000,000"),
        .init("conv 32 3x3x3x3", .badArgument,
              "net.cnn:1:9: the kernel size '3x3x3x3' has 4 axes, but a layer has at most 3 spatial axes; give one value per spatial axis, or a single value for every axis"),
        .init("conv2d 32 3x3x3", .badArgument,
              "net.cnn:1:11: the kernel size '3x3x3' has 3 axes, but conv2d has 2; give 2 values like 3x3 or a single value"),
        .init("conv1d 32 3 padding=1x1", .badArgument,
              "net.cnn:1:21: the padding '1x1' has 2 axes, but conv1d has 1; give a single value"),
        .init("conv 32 5 padding=-1", .badArgument,
              "net.cnn:1:19: expected 'valid', 'same', 'full' or pixels such as 1, 1x2 or 1:2x0:1 for the padding, found '-1'; write e.g. 'padding=same', 'padding=1' or 'padding=1:2x0:1' (before:after per axis)"),
        .init("conv 32 5 pad=1:2:3", .badArgument,
              "net.cnn:1:15: expected 'valid', 'same', 'full' or pixels such as 1, 1x2 or 1:2x0:1 for the padding, found '1:2:3'; write e.g. 'pad=same', 'pad=1' or 'pad=1:2x0:1' (before:after per axis)"),
        .init("conv 32 5 bias=maybe", .badArgument,
              "net.cnn:1:16: expected true or false for the bias setting, found 'maybe'; write e.g. 'bias=false'"),
        .init("conv 32 5 activation=relux", .badArgument,
              "net.cnn:1:22: unknown activation 'relux'; did you mean 'relu' or 'relu6'?"),
        .init("dense 10 activation=swishy", .badArgument,
              "net.cnn:1:21: unknown activation 'swishy'; did you mean 'swish'?"),
        .init("dense 10 activation=quantized", .badArgument,
              "net.cnn:1:21: unknown activation 'quantized'; the activations are relu, sigmoid, tanh, softmax, leakyrelu, elu, gelu, linear, identity, none, relu6, hardsigmoid, logsoftmax, selu, silu, swish, hardswish, mish and softplus"),
        .init("input 28x28x1 layout=whc", .badArgument,
              "net.cnn:1:22: expected hwc or chw for the layout, found 'whc'; write 'layout=hwc' (channels last, the default) or 'layout=chw' (channels first)"),
        .init("input 1x2x3x4x5", .badArgument,
              "net.cnn:1:7: the input shape '1x2x3x4x5' has 5 numbers, but an input has at most 4; write up to 3 spatial sizes and the channels, e.g. '16x32x32x1'"),
        .init("input 28x28x1 kind=sequence", .badArgument,
              "net.cnn:1:7: a sequence input is steps x features, but '28x28x1' has 3 numbers; write e.g. 'input 50x300 kind=sequence'"),
        .init("input 28x28x1 kind=image", .badArgument,
              "net.cnn:1:20: expected 'sequence' for the input kind, found 'image'; write 'kind=sequence' for steps x features, or leave kind out for an image or a vector"),
        .init("dropout 1.5", .badArgument,
              "net.cnn:1:9: the dropout rate '1.5' is outside [0, 1); give the fraction of values to drop, e.g. 'dropout 0.5'"),
        .init("dropout nan", .badArgument,
              "net.cnn:1:9: expected a decimal number for the dropout rate, found 'nan'; write e.g. 'dropout 0.5'"),
        .init("batchnorm epsilon=fast", .badArgument,
              "net.cnn:1:19: expected a decimal number for the epsilon, found 'fast'; write e.g. 'epsilon=0.001'"),
    ]

    static let optionCases: [ErrorCase] = [
        .init("conv 32 5 strides=2", .badArgument, "net.cnn:1:11: unknown option 'strides' for conv; did you mean 'stride'?"),
        .init("maxpool 2 colour=1", .badArgument,
              "net.cnn:1:11: unknown option 'colour' for maxpool; maxpool accepts size, stride, padding, ceil_mode and inputs"),
        .init("flatten foo=1", .badArgument, "net.cnn:1:9: unknown option 'foo' for flatten; flatten accepts only inputs="),
        .init("conv 32 5 stride=2 stride=1", .badArgument, "net.cnn:1:20: option 'stride' is given twice; keep one of them"),
        .init("conv 32 5 Stride=2 STRIDE=1", .badArgument, "net.cnn:1:20: option 'stride' is given twice; keep one of them"),
        .init("conv 32 5 filters=64", .badArgument,
              "net.cnn:1:11: the filter count is given twice, as '32' and as 'filters=64'; keep one of them"),
        .init("conv 32 5 pad=1 padding=2", .badArgument,
              "net.cnn:1:17: the padding is given twice, as 'pad=1' and as 'padding=2'; keep one of them"),
        .init("conv 32 5 7", .badArgument,
              "net.cnn:1:11: unexpected value '7'; conv takes a filter count and a kernel size, e.g. 'conv 32 5'; write other settings as key=value"),
        .init("flatten 3", .badArgument, "net.cnn:1:9: unexpected value '3'; flatten takes no values"),
        .init("conv 32 5 activation", .badArgument,
              "net.cnn:1:11: unexpected value 'activation'; write the option with its value, e.g. 'activation=relu'"),
        .init("conv 32 5 stride=", .badArgument,
              "net.cnn:1:11: the option 'stride' has no value; write the value right after '=' without spaces, e.g. 'stride=2'"),
    ]

    static let syntaxCases: [ErrorCase] = [
        .init("conv 32 5 =5", .syntax, "net.cnn:1:11: unexpected '=5'; write options as key=value without spaces, e.g. 'stride=2'"),
        .init("conv 32 5 stride = 2", .syntax, "net.cnn:1:18: unexpected '='; write options as key=value without spaces, e.g. 'stride=2'"),
        .init("conv1:: conv 32 5", .syntax,
              "net.cnn:1:7: conv1: unexpected ':' after the layer name; write a single ':' after the name, e.g. 'conv1: conv 32 5'"),
        .init(": conv 32 5", .syntax,
              "net.cnn:1:1: unexpected ':' without a layer name before it; write the name before the ':', e.g. 'conv1: conv 32 5', or remove the ':'"),
        .init("c1: conv: 32 5", .syntax,
              "net.cnn:1:9: c1: unexpected ':' in 'conv:'; a layer has one name, written once at the start, e.g. 'conv1: conv 32 5'"),
        .init("conv1:", .syntax, "net.cnn:1:1: conv1: missing layer kind after 'conv1:'; write the kind after the name, e.g. 'conv1: conv 32 5'"),
        .init("1conv: conv 32 5", .syntax,
              "net.cnn:1:1: '1conv' is not a valid layer name; a name starts with a letter or '_' and goes on with letters, digits, '_', '.' or '-'"),
        .init("stride=2", .syntax,
              "net.cnn:1:1: expected a layer kind, found the option 'stride=2'; start with the kind and write options after it, e.g. 'conv 32 5 stride=2'"),
        .init("conv 32 5 stride=2 3", .syntax,
              "net.cnn:1:20: the value '3' comes after the option 'stride=2'; write the values first and the key=value options after them"),
        .init("add inputs=a,,b", .syntax,
              "net.cnn:1:14: inputs has an empty name in 'a,,b'; separate the names with single commas and no spaces, e.g. 'inputs=a,b'"),
        .init("add inputs=a,1b", .syntax,
              "net.cnn:1:14: '1b' is not a valid layer name; a name starts with a letter or '_' and goes on with letters, digits, '_', '.' or '-'"),
        // Names of other characters than ASCII: columns still count characters, not bytes.
        .init("add inputs=\u{E9}t\u{E9},,b", .syntax,
              "net.cnn:1:16: inputs has an empty name in '\u{E9}t\u{E9},,b'; separate the names with single commas and no spaces, e.g. 'inputs=a,b'"),
        .init("add inputs=\u{E9}t\u{E9},1b", .syntax,
              "net.cnn:1:16: '1b' is not a valid layer name; a name starts with a letter or '_' and goes on with letters, digits, '_', '.' or '-'"),
        .init("relu \u{200B}", .syntax, "net.cnn:1:6: unexpected invisible character U+200B; delete it: a .cnn file holds only printable text"),
    ]

    static let locationCases: [ErrorCase] = [
        // A named line names its layer; columns count characters, whatever their bytes.
        .init("c1: conv 32 x", .badArgument,
              "net.cnn:1:13: c1: expected a positive whole number, or one per axis joined by 'x', for the kernel size, found 'x'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("e\u{301}1: conv 32 x", .badArgument,
              "net.cnn:1:13: e\u{301}1: expected a positive whole number, or one per axis joined by 'x', for the kernel size, found 'x'; write e.g. 'conv 32 5' or 'conv 32 3x3'"),
        .init("input 8 # 👍🏽 ünïcödé ; comment\n\t  dense 4 units=5", .badArgument,
              "net.cnn:2:12: the unit count is given twice, as '4' and as 'units=5'; keep one of them"),
        .init("input 8; relu; c: conv 8 3 strides=2", .badArgument,
              "net.cnn:1:28: c: unknown option 'strides' for conv; did you mean 'stride'?"),
    ]

    @Test(arguments: kindCases + valueCases + optionCases + syntaxCases + locationCases)
    func errorReadsInFull(_ errorCase: ErrorCase) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(errorCase.text) }
        #expect(error?.kind == errorCase.kind)
        #expect(error?.description == errorCase.expected)
    }

    @Test func errorCarriesLocationAndLayerAsFields() {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations("input 8\nfc1: dense x") }
        #expect(error?.location == ReaderTesting.location(2, 12))
        #expect(error?.layerName == "fc1")
        #expect(error?.problem == "expected a positive whole number for the unit count, found 'x'")
        #expect(error?.fix == "write e.g. 'dense 256'")
    }

    @Test func firstErrorInTheTextWins() {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations("conv 0 5\nconvv 32 5") }
        #expect(error?.description.hasPrefix("net.cnn:1:6: ") == true)
    }
}
