import CNNCalc
import Testing

/// The `.cnn` statements of the sequence, attention and merge layers: defaults, options and errors.
@Suite struct SequenceReaderTests {
    @Test(arguments: [
        ("embedding 10000 128", LayerKind.embedding(Embedding(vocabularySize: 10_000, dimension: 128))),
        ("embedding input_dim=10000 output_dim=128", .embedding(Embedding(vocabularySize: 10_000, dimension: 128))),
        ("embedding num_embeddings=10 embedding_dim=4", .embedding(Embedding(vocabularySize: 10, dimension: 4))),
        ("lstm 64", .recurrent(Recurrent(.lstm, units: 64, returnsSequences: false, isBidirectional: false, layerCount: 1, hasBias: true, resetsAfter: true))),
        ("lstm units=64 return_sequences=true bidirectional=true layers=2 bias=false",
         .recurrent(Recurrent(.lstm, units: 64, returnsSequences: true, isBidirectional: true, layerCount: 2, hasBias: false))),
        ("rnn 8 num_layers=3", .recurrent(Recurrent(.simple, units: 8, layerCount: 3))),
        ("gru 32 reset_after=false", .recurrent(Recurrent(.gru, units: 32, resetsAfter: false))),
        ("mha 8", .multiHeadAttention(MultiHeadAttention(heads: 8, keyDimension: nil, valueDimension: nil, outputDimension: nil, hasBias: true))),
        ("attention num_heads=4 key_dim=16 value_dim=8 output_dim=10 bias=false",
         .multiHeadAttention(MultiHeadAttention(heads: 4, keyDimension: 16, valueDimension: 8, outputDimension: 10, hasBias: false))),
        ("transformer 8", .transformerEncoder(TransformerEncoder(heads: 8, feedForward: 2048, normFirst: false, activation: .relu, hasBias: true))),
        ("encoderlayer 4 ff=256 norm_first=true activation=gelu bias=false",
         .transformerEncoder(TransformerEncoder(heads: 4, feedForward: 256, normFirst: true, activation: .gelu, hasBias: false))),
        ("transformer 4 dim_feedforward=128", .transformerEncoder(TransformerEncoder(heads: 4, feedForward: 128))),
        ("concat axis=width", .concatenate(Concatenate(axis: .width))),
        ("concat axis=Steps", .concatenate(Concatenate(axis: .steps))),
        ("concat", .concatenate(Concatenate(axis: .channels))),
        ("matmul transpose_b=true", .matrixProduct(MatrixProduct(transposesB: true))),
        ("dot", .matrixProduct(MatrixProduct(transposesB: false))),
        ("average", .elementwise(ElementwiseMerge(.average))),
    ])
    func statementBuildsItsLayer(_ statement: String, _ expected: LayerKind) throws {
        #expect(try ReaderTesting.kind(statement) == expected)
    }

    @Test(arguments: [
        ("embedding 10000", "net.cnn:1:1: embedding needs a vocabulary size and a dimension; write e.g. 'embedding 10000 128'"),
        ("lstm", "net.cnn:1:1: lstm needs a unit count; write e.g. 'lstm 64' or 'lstm 64 return_sequences=true'"),
        ("mha", "net.cnn:1:1: mha needs a head count; write e.g. 'mha 8' or 'mha 8 key_dim=64 inputs=q,kv'"),
        ("transformer", "net.cnn:1:1: transformer needs a head count; write e.g. 'transformer 8' or 'transformer 8 ff=2048'"),
        ("lstm 64 reset_after=false", "net.cnn:1:9: unknown option 'reset_after' for lstm; lstm accepts units, return_sequences, bidirectional, layers, bias and inputs"),
        ("gru 64 return_sequence=true", "net.cnn:1:8: unknown option 'return_sequence' for gru; did you mean 'return_sequences'?"),
        ("lstm 64 layers=0", "net.cnn:1:16: expected a positive whole number for the layer count, found '0'; write e.g. 'layers=2'"),
        ("lstm 64 bidirectional=both", "net.cnn:1:23: expected true or false for the bidirectional setting, found 'both'; write e.g. 'bidirectional=true'"),
        ("mha 8 key_dim=0", "net.cnn:1:15: expected a positive whole number for the key size, found '0'; write e.g. 'key_dim=64'"),
        ("transformer 8 activation=tanh", "net.cnn:1:26: a transformer's feed-forward activation is relu or gelu, found 'tanh'; write 'activation=relu' (the default) or 'activation=gelu'"),
        ("transformer 8 activation=none", "net.cnn:1:26: a transformer's feed-forward activation is relu or gelu, found 'none'; write 'activation=relu' (the default) or 'activation=gelu'"),
        ("concat axis=widht", "net.cnn:1:13: unknown axis 'widht' for concat; did you mean 'width'?"),
        ("concat axis=diagonal", "net.cnn:1:13: unknown axis 'diagonal' for concat; the axes are channels, height, width, depth, length, steps or features"),
        ("matmul transpose_b=maybe", "net.cnn:1:20: expected true or false for the transpose_b setting, found 'maybe'; write e.g. 'transpose_b=true'"),
        ("subtract 2", "net.cnn:1:10: unexpected value '2'; subtract takes no values"),
        ("multiply axis=1", "net.cnn:1:10: unknown option 'axis' for multiply; multiply accepts only inputs="),
    ])
    func errorReadsInFull(_ statement: String, _ expected: String) {
        let error = #expect(throws: CNNCalcError.self) { try ReaderTesting.declarations(statement) }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == expected)
    }

    @Test(arguments: [
        ("input 4; a: relu; s: subtract inputs=a", "net.cnn:1:19: s: subtract takes exactly two inputs, but 1 is named; name two layers, in order, e.g. 'inputs=a,b'"),
        ("input 4; a: relu; b: relu; c: relu; s: subtract inputs=a,b,c",
         "net.cnn:1:37: s: subtract takes exactly two inputs, but 3 are named; name two layers, in order, e.g. 'inputs=a,b'"),
        ("input 4; m: matmul", "net.cnn:1:10: m: matmul takes two inputs, but names none; list both, in order, e.g. 'inputs=a,b'"),
        ("input 4x4 kind=sequence; a: relu; b: relu; c: relu; d: relu; m: mha 2 inputs=a,b,c,d",
         "net.cnn:1:62: m: mha takes one input (self-attention) or up to three (query, key, value), but 4 are named; write 'inputs=x', 'inputs=q,kv' or 'inputs=q,k,v'"),
    ])
    func wiringErrorsNameTheLayer(_ text: String, _ expected: String) {
        let error = #expect(throws: CNNCalcError.self) { try CNNTextReader.network(from: text, source: "net.cnn") }
        #expect(error?.kind == .graph)
        #expect(error?.description == expected)
    }

    @Test func attentionTakesTheLayerBeforeItOrOneToThreeNamedInputs() throws {
        let text = """
            input 10x16 kind=sequence
            q: dense 16
            kv: dense 8
            self: mha 2
            named: mha 2 inputs=q
            cross: mha 2 inputs=q,kv
            apart: mha 2 inputs=q,kv,input
            """
        let network = try CNNTextReader.network(from: text, source: "net.cnn")
        #expect(network.predecessors == [[], [0], [1], [2], [1], [1, 2], [1, 2, 0]])
    }
}
