import CNNCalc
import Testing

/// The `did you mean` of a misspelt kind, option or activation: only the nearest names, each family once.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("convv", "did you mean 'conv'?"),
        ("Max_Pol", "did you mean 'maxpool'?"),
        ("conv2f", "did you mean 'conv2d'?"),
        ("maxpool2", "did you mean 'maxpool'?"),
        ("sigmod", "did you mean 'sigmoid'?"),
        ("dropuot", "did you mean 'dropout'?"),
        ("co", "did you mean 'conv', 'concat' or 'convtranspose'?"),
        ("batch", "did you mean 'batchnorm'?"),
        ("globalavg", "did you mean 'globalavgpool'?"),
        ("gmpp", "did you mean 'gmp'?"),
    ])
    func misspeltKindSuggestsTheNearest(written: String, fix: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(written) }
        #expect(error?.fix == fix)
    }

    @Test(arguments: ["qwerty", "x", "-", "quantize", "42", "9x9"])
    func unlikeNameListsTheKinds(written: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(written) }
        #expect(error?.kind == .unknownLayer)
        #expect(error?.fix?.hasPrefix("the kinds are input, conv, maxpool,") == true)
    }

    @Test(arguments: [
        ("conv 8 3 strides=2", "did you mean 'stride'?"),
        ("conv 8 3 kernel_size=3", "did you mean 'kernel'?"),
        ("conv 8 3 Dilations=2", "did you mean 'dilation'?"),
        ("maxpool 2 ceilmod=true", "did you mean 'ceil_mode'?"),
        ("dense 3 flaten=false", "did you mean 'flatten'?"),
        ("conv 8 3 activation=relux", "did you mean 'relu' or 'relu6'?"),
        ("conv 8 3 activation=leaky", "did you mean 'leakyrelu'?"),
    ])
    func misspeltOptionOrActivationSuggestsTheNearest(statement: String, fix: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(statement) }
        #expect(error?.fix == fix)
    }
}
