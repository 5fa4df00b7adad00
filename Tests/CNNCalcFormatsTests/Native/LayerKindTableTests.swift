import CNNCalc
import Testing

@Suite struct LayerKindTableTests {
    struct AliasCase: Sendable, CustomTestStringConvertible {
        var keyword: String
        var values: String
        var expected: LayerKind
        var statement: String { values.isEmpty ? keyword : "\(keyword) \(values)" }
        var testDescription: String { statement }
    }

    private static func cases(_ keywords: [String], _ values: String = "", _ expected: LayerKind) -> [AliasCase] {
        keywords.map { AliasCase(keyword: $0, values: values, expected: expected) }
    }

    private static func ranked(_ stems: [String], _ values: String = "", _ expected: (Int) -> LayerKind) -> [AliasCase] {
        stems.flatMap { stem in (1...3).map { AliasCase(keyword: "\(stem)\($0)d", values: values, expected: expected($0)) } }
    }

    static let aliases: [AliasCase] =
        cases(["input", "inputlayer"], "8", .input(Input(.vector(features: 8))))
        + cases(["conv", "convolution"], "8 3", .convolution(Convolution(filters: 8, kernelSize: [3])))
        + ranked(["conv", "convolution"], "8 3") { .convolution(Convolution(filters: 8, kernelSize: [3], spatialRank: $0)) }
        + cases(["maxpool", "pool", "maxpooling"], "", .pooling(Pooling(.max, poolSize: [2])))
        + ranked(["maxpool", "maxpooling"]) { .pooling(Pooling(.max, poolSize: [2], spatialRank: $0)) }
        + cases(["avgpool", "averagepool", "averagepooling", "meanpool"], "", .pooling(Pooling(.average, poolSize: [2])))
        + ranked(["avgpool", "averagepooling"]) { .pooling(Pooling(.average, poolSize: [2], spatialRank: $0)) }
        + cases(["globalavgpool", "globalaveragepool", "globalaveragepooling", "gap"], "", .globalPooling(GlobalPooling(.average)))
        + ranked(["globalavgpool", "globalaveragepooling"]) { _ in .globalPooling(GlobalPooling(.average)) }
        + cases(["globalmaxpool", "globalmaxpooling", "gmp"], "", .globalPooling(GlobalPooling(.max)))
        + ranked(["globalmaxpool", "globalmaxpooling"]) { _ in .globalPooling(GlobalPooling(.max)) }
        + cases(["dense", "linear", "fc", "fullyconnected", "innerproduct"], "10", .dense(Dense(units: 10)))
        + cases(["flatten"], "", .flatten(Flatten()))
        + cases(["dropout"], "0.5", .dropout(Dropout(rate: 0.5)))
        + cases(["batchnorm", "batchnormalization", "bn"], "", .batchNormalization(BatchNormalization()))
        + ranked(["batchnorm"]) { _ in .batchNormalization(BatchNormalization()) }
        + cases(["relu"], "", .activation(Activation(.relu)))
        + cases(["sigmoid"], "", .activation(Activation(.sigmoid)))
        + cases(["tanh"], "", .activation(Activation(.tanh)))
        + cases(["softmax"], "", .activation(Activation(.softmax)))
        + cases(["gelu"], "", .activation(Activation(.gelu)))
        + cases(["leakyrelu"], "", .activation(Activation(.leakyReLU(alpha: 0.01))))
        + cases(["elu"], "", .activation(Activation(.elu(alpha: 1.0))))
        + cases(["identity"], "", .activation(Activation(.linear)))
        + cases(["add", "sum"], "", .add(Add()))
        + cases(["concat", "concatenate", "cat"], "", .concatenate(Concatenate()))
        + cases(["embedding"], "100 8", .embedding(Embedding(vocabularySize: 100, dimension: 8)))
        + cases(["rnn", "simplernn"], "16", .recurrent(Recurrent(.simple, units: 16)))
        + cases(["lstm"], "16", .recurrent(Recurrent(.lstm, units: 16)))
        + cases(["gru"], "16", .recurrent(Recurrent(.gru, units: 16)))
        + cases(["mha", "multiheadattention", "attention"], "4", .multiHeadAttention(MultiHeadAttention(heads: 4)))
        + cases(["transformer", "transformerencoder", "encoderlayer", "transformerencoderlayer"], "4",
                .transformerEncoder(TransformerEncoder(heads: 4)))
        + cases(["subtract", "sub"], "", .elementwise(ElementwiseMerge(.subtract)))
        + cases(["multiply", "mul"], "", .elementwise(ElementwiseMerge(.multiply)))
        + cases(["average"], "", .elementwise(ElementwiseMerge(.average)))
        + cases(["maximum"], "", .elementwise(ElementwiseMerge(.maximum)))
        + cases(["minimum"], "", .elementwise(ElementwiseMerge(.minimum)))
        + cases(["matmul", "dot", "bmm"], "", .matrixProduct(MatrixProduct()))

    @Test(arguments: aliases)
    func keywordMapsToItsKind(_ alias: AliasCase) throws {
        #expect(try ReaderTesting.kind(alias.statement) == alias.expected)
    }

    @Test(arguments: aliases)
    func keywordIgnoresCaseUnderscoresAndHyphens(_ alias: AliasCase) throws {
        // "maxpool2d" -> "MaXpOoL2D", then "M_aXpOoL2D" and "-M-aXpOoL2D".
        let mixed = String(alias.keyword.enumerated().map { $0.offset.isMultiple(of: 2) ? Character($0.element.uppercased()) : $0.element })
        for spelling in [mixed, "\(mixed.prefix(1))_\(mixed.dropFirst())", "-\(mixed.prefix(1))-\(mixed.dropFirst())"] {
            let statement = alias.values.isEmpty ? spelling : "\(spelling) \(alias.values)"
            #expect(try ReaderTesting.kind(statement) == alias.expected, "\(statement)")
        }
    }

    @Test(arguments: [
        ("MaxPool2d", LayerKind.pooling(Pooling(.max, poolSize: [2], spatialRank: 2))),
        ("max_pool2d", .pooling(Pooling(.max, poolSize: [2], spatialRank: 2))),
        ("Conv2D 8 3", .convolution(Convolution(filters: 8, kernelSize: [3], spatialRank: 2))),
        ("Leaky_ReLU", .activation(Activation(.leakyReLU(alpha: 0.01)))),
        ("GlobalAveragePooling2D", .globalPooling(GlobalPooling(.average))),
        ("BatchNorm2d", .batchNormalization(BatchNormalization())),
        ("InnerProduct 10", .dense(Dense(units: 10))),
    ])
    func frameworkSpellingsAreRecognised(statement: String, expected: LayerKind) throws {
        #expect(try ReaderTesting.kind(statement) == expected)
    }
}
