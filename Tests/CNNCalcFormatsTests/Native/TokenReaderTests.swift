import CNNCalc
import Testing

/// The `.cnn` statements of a Vision Transformer's token layers, and a ViT written in `.cnn`.
@Suite struct TokenReaderTests {
    @Test(arguments: [
        ("classtoken", LayerKind.classToken(ClassToken())),
        ("cls_token", .classToken(ClassToken())),
        ("posembedding", .positionEmbedding(PositionEmbedding())),
        ("PositionEmbedding", .positionEmbedding(PositionEmbedding())),
        ("selectstep", .selectStep(SelectStep(index: 0))),
        ("selectstep 3", .selectStep(SelectStep(index: 3))),
        ("selectstep -1", .selectStep(SelectStep(index: -1))),
        ("selectstep index=0", .selectStep(SelectStep(index: 0))),
    ])
    func statementBuildsItsLayer(_ statement: String, _ expected: LayerKind) throws {
        #expect(try ReaderTesting.kind(statement) == expected)
    }

    @Test(arguments: [
        ("selectstep first", "net.cnn:1:12: expected a whole number for the step index, found 'first'; write e.g. 'selectstep 0' or 'selectstep -1'"),
        ("selectstep 1.5", "net.cnn:1:12: expected a whole number for the step index, found '1.5'; write e.g. 'selectstep 0' or 'selectstep -1'"),
        ("classtoken 1", "net.cnn:1:12: unexpected value '1'; classtoken takes no values"),
        ("posembedding length=197", "net.cnn:1:14: unknown option 'length' for posembedding; posembedding accepts only inputs="),
    ])
    func errorReadsInFull(_ statement: String, _ expected: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(statement) }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == expected)
    }

    /// A ViT-B/16 head to toe, one encoder block written out and the other eleven as
    /// `transformer` lines: its parameters are torchvision's 86,567,656 (the block's LayerNorms,
    /// attention and MLP are those of `nn.TransformerEncoderLayer(768, 12, 3072)`).
    @Test func aVisionTransformerInCNN() throws {
        var lines = [
            "input 3x224x224 layout=chw", "conv 768 16 stride=16", "reshape 768x196", "permute 2x1", "classtoken", "posembedding",
        ]
        lines += Array(repeating: "transformer 12 ff=3072 norm_first=true activation=gelu", count: 12)
        lines += ["layernorm", "selectstep 0", "dense 1000"]
        let network = try CNNTextReader.network(from: lines.joined(separator: "\n"), source: ReaderTesting.source)
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(network)
        #expect(report.layers.map { $0.outputShape.dimensions(in: .channelsFirst) }.suffix(3) == [[197, 768], [768], [1000]])
        #expect(report.totals.parameters == 86_567_656)
    }
}
