import CNNCalc
import Testing

/// Values as the reader reads them, written into the statements that use them.
@Suite struct ValueParserTests {
    @Test(arguments: [
        ("5", [5]),
        ("007", [7]),
        ("3x5", [3, 5]),
        ("3x3x3", [3, 3, 3]),
        ("3X3", [3, 3]),
        ("3×3", [3, 3]),
        ("1000000000000", [1_000_000_000_000]),
    ])
    func sizesAreOneNumberOrOnePerAxis(written: String, expected: [Int]) throws {
        let convolution = try #require(try ReaderTesting.kind("conv 8 \(written)").convolution)
        #expect(convolution.window.kernel == expected)
        let pooling = try #require(try ReaderTesting.kind("maxpool \(written) stride=\(written)").pooling)
        #expect(pooling.window.kernel == expected)
        #expect(pooling.window.stride == expected)
    }

    @Test func strideAndDilationAreSizes() throws {
        let convolution = try #require(try ReaderTesting.kind("conv 8 3 stride=2x1 dilation=2").convolution)
        #expect(convolution.window.stride == [2, 1])
        #expect(convolution.window.dilation == [2])
    }

    @Test(arguments: [
        ("valid", Padding.valid),
        ("SAME", .same),
        ("Full", .full),
        ("0", .uniform(0)),
        ("2", .uniform(2)),
        ("1x2", .explicit([AxisPadding(before: 1, after: 1), AxisPadding(before: 2, after: 2)])),
        ("1:2", .explicit([AxisPadding(before: 1, after: 2)])),
        ("1:2x0:1", .explicit([AxisPadding(before: 1, after: 2), AxisPadding(before: 0, after: 1)])),
        ("0x1:0x3", .explicit([
            AxisPadding(before: 0, after: 0), AxisPadding(before: 1, after: 0), AxisPadding(before: 3, after: 3),
        ])),
    ])
    func paddingIsARuleOrPixelsPerAxis(written: String, expected: Padding) throws {
        #expect(try #require(try ReaderTesting.kind("conv 8 3 padding=\(written)").convolution).window.padding == expected)
        #expect(try #require(try ReaderTesting.kind("avgpool 2 pad=\(written)").pooling).window.padding == expected)
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("yes", true), ("on", true), ("1", true),
        ("false", false), ("False", false), ("no", false), ("off", false), ("0", false),
    ])
    func booleansHaveSeveralSpellings(written: String, expected: Bool) throws {
        #expect(try #require(try ReaderTesting.kind("conv 8 3 bias=\(written)").convolution).hasBias == expected)
        #expect(try #require(try ReaderTesting.kind("dense 8 flatten=\(written)").dense).flattensInput == expected)
        #expect(try #require(try ReaderTesting.kind("maxpool ceil_mode=\(written)").pooling).window.ceilMode == expected)
    }

    @Test(arguments: [
        ("relu", Activation.Function.relu),
        ("sigmoid", .sigmoid),
        ("tanh", .tanh),
        ("Softmax", .softmax),
        ("leakyrelu", .leakyReLU(alpha: 0.01)),
        ("leaky_relu", .leakyReLU(alpha: 0.01)),
        ("elu", .elu(alpha: 1.0)),
        ("GELU", .gelu),
        ("linear", nil),
        ("identity", nil),
        ("none", nil),
    ])
    func inlineActivations(written: String, expected: Activation.Function?) throws {
        #expect(try #require(try ReaderTesting.kind("conv 8 3 activation=\(written)").convolution).activation == expected)
        #expect(try #require(try ReaderTesting.kind("dense 8 activation=\(written)").dense).activation == expected)
    }

    @Test(arguments: [("0.5", 0.5), (".25", 0.25), ("0", 0.0), ("5e-1", 0.5), ("0.999", 0.999), ("+0.1", 0.1)])
    func dropoutRateIsADecimal(written: String, expected: Double) throws {
        #expect(try ReaderTesting.kind("dropout \(written)") == .dropout(Dropout(rate: expected)))
        #expect(try ReaderTesting.kind("dropout rate=\(written)") == .dropout(Dropout(rate: expected)))
    }

    @Test(arguments: [
        ("leakyrelu 0.2", Activation.Function.leakyReLU(alpha: 0.2)),
        ("leakyrelu alpha=0.3", .leakyReLU(alpha: 0.3)),
        ("leakyrelu -0.5", .leakyReLU(alpha: -0.5)),
        ("elu 0.5", .elu(alpha: 0.5)),
        ("elu alpha=2", .elu(alpha: 2)),
    ])
    func alphaIsADecimal(statement: String, expected: Activation.Function) throws {
        #expect(try ReaderTesting.kind(statement) == .activation(Activation(expected)))
    }
}
