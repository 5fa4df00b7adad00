import CNNCalcCore
import Testing

/// Embedding, recurrent, attention and transformer layers: shapes, counts per convention and errors.
@Suite struct SequenceLayerTests {
    struct CountCase: Sendable, CustomTestStringConvertible {
        var layer: LayerKind
        var input: TensorShape
        var convention: Convention
        var parameters: Int
        var source: String
        var testDescription: String { source }
    }

    static let sequence300 = TensorShape.sequence(steps: 50, features: 300)

    // Worked examples of FIELD.md 3.1 and the formulas of each framework's documentation.
    static let counts: [CountCase] = [
        .init(layer: .recurrent(Recurrent(.lstm, units: 512)), input: sequence300, convention: .pytorch, parameters: 1_667_072,
              source: "PyTorch LSTM 300->512: 4*512*(300+512)+8*512"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512)), input: sequence300, convention: .keras, parameters: 1_665_024,
              source: "Keras LSTM 300->512: 4*512*(300+512)+4*512"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512)), input: sequence300, convention: .matlab, parameters: 1_665_024,
              source: "MATLAB lstmLayer 300->512: as Keras"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512)), input: sequence300, convention: .lasagne,
              parameters: 4 * (300 * 512 + 512 * 512 + 512) + 3 * 512 + 512 + 512,
              source: "Lasagne LSTMLayer: 4(nh+h*h+h) + 3h peepholes + cell_init + hid_init"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512, layerCount: 2)), input: sequence300, convention: .pytorch, parameters: 3_768_320,
              source: "PyTorch LSTM 300->512, 2 layers: torchinfo README's 3,768,320"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512, isBidirectional: true)), input: sequence300, convention: .pytorch,
              parameters: 2 * 1_667_072, source: "PyTorch bidirectional LSTM: twice the parameters"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 64, isBidirectional: true, layerCount: 2)), input: sequence300, convention: .keras,
              parameters: 2 * (4 * 64 * 364 + 4 * 64) + 2 * (4 * 64 * 192 + 4 * 64),
              source: "Keras stacked Bidirectional LSTM: layer 2 reads 2*64 features"),
        .init(layer: .recurrent(Recurrent(.lstm, units: 512, hasBias: false)), input: sequence300, convention: .pytorch,
              parameters: 4 * 512 * 812, source: "PyTorch LSTM without bias: 4h(n+h)"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512)), input: sequence300, convention: .pytorch, parameters: 1_250_304,
              source: "PyTorch GRU 300->512: 3h(n+h)+6h"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512)), input: sequence300, convention: .keras, parameters: 1_250_304,
              source: "Keras GRU reset_after=True: 3h(n+h)+6h"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512, resetsAfter: false)), input: sequence300, convention: .keras, parameters: 1_248_768,
              source: "Keras GRU reset_after=False: 3h(n+h)+3h"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512, resetsAfter: false)), input: sequence300, convention: .pytorch, parameters: 1_250_304,
              source: "PyTorch GRU ignores reset_after: always two biases"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512)), input: sequence300, convention: .matlab, parameters: 1_248_768,
              source: "MATLAB gruLayer, after-multiplication: one bias"),
        .init(layer: .recurrent(Recurrent(.gru, units: 512)), input: sequence300, convention: .lasagne,
              parameters: 3 * (300 * 512 + 512 * 512 + 512) + 512, source: "Lasagne GRULayer: 3(nh+h*h+h) + hid_init"),
        .init(layer: .recurrent(Recurrent(.simple, units: 64)), input: sequence300, convention: .keras, parameters: 64 * 364 + 64,
              source: "Keras SimpleRNN: h(n+h)+h"),
        .init(layer: .recurrent(Recurrent(.simple, units: 64)), input: sequence300, convention: .pytorch, parameters: 64 * 364 + 2 * 64,
              source: "PyTorch RNN: h(n+h)+2h"),
        .init(layer: .recurrent(Recurrent(.simple, units: 64)), input: sequence300, convention: .lasagne, parameters: 64 * 364 + 64 + 64,
              source: "Lasagne RecurrentLayer: h(n+h)+h + hid_init"),
        .init(layer: .embedding(Embedding(vocabularySize: 10_000, dimension: 128)), input: .vector(features: 50), convention: .keras,
              parameters: 1_280_000, source: "Embedding 10000x128"),
        .init(layer: .multiHeadAttention(MultiHeadAttention(heads: 8)), input: .sequence(steps: 10, features: 512), convention: .pytorch,
              parameters: 1_050_624, source: "nn.MultiheadAttention(512, 8): 4E*E+4E"),
        .init(layer: .multiHeadAttention(MultiHeadAttention(heads: 8, keyDimension: 64)), input: .sequence(steps: 10, features: 512),
              convention: .keras, parameters: 1_050_624, source: "Keras MultiHeadAttention(8, key_dim=64) on 512"),
        .init(layer: .multiHeadAttention(MultiHeadAttention(heads: 8, hasBias: false)), input: .sequence(steps: 10, features: 512),
              convention: .pytorch, parameters: 1_048_576, source: "MultiheadAttention without bias: 4E*E"),
        .init(layer: .multiHeadAttention(MultiHeadAttention(heads: 2, keyDimension: 16, valueDimension: 8, outputDimension: 10)),
              input: .sequence(steps: 10, features: 32), convention: .keras,
              parameters: 32 * 2 * 16 + 2 * 16 + 32 * 2 * 16 + 2 * 16 + 32 * 2 * 8 + 2 * 8 + 2 * 8 * 10 + 10,
              source: "Keras MultiHeadAttention with key, value and output sizes of its own"),
        .init(layer: .transformerEncoder(TransformerEncoder(heads: 8)), input: .sequence(steps: 10, features: 512), convention: .pytorch,
              parameters: 3_152_384, source: "nn.TransformerEncoderLayer(512, 8)"),
        .init(layer: .transformerEncoder(TransformerEncoder(heads: 8, hasBias: false)), input: .sequence(steps: 10, features: 512),
              convention: .pytorch, parameters: 4 * 512 * 512 + 2 * 512 * 2048 + 2 * 512,
              source: "nn.TransformerEncoderLayer(512, 8, bias=False)"),
    ]

    @Test(arguments: counts)
    func parameterCountMatchesTheFramework(_ c: CountCase) throws {
        let learnables = try c.layer.learnables(for: [c.input], convention: c.convention)
        let parameters = try learnables.filter { $0.role != .state }.map { try $0.elementCount() }.reduce(0, +)
        #expect(parameters == c.parameters)
    }

    @Test(arguments: Convention.allCases)
    func attentionAndTransformerCountTheSameInEveryConvention(_ convention: Convention) throws {
        let input = TensorShape.sequence(steps: 10, features: 512)
        let mha = try LayerKind.multiHeadAttention(MultiHeadAttention(heads: 8)).learnables(for: [input], convention: convention)
        #expect(try mha.map { try $0.elementCount() }.reduce(0, +) == 1_050_624)
        let block = try LayerKind.transformerEncoder(TransformerEncoder(heads: 8)).learnables(for: [input], convention: convention)
        #expect(try block.map { try $0.elementCount() }.reduce(0, +) == 3_152_384)
    }

    @Test(arguments: [
        (Convention.pytorch, ["weight_ih_l0 [256, 300]", "weight_hh_l0 [256, 64]", "bias_ih_l0 [256]", "bias_hh_l0 [256]",
                              "weight_ih_l0_reverse [256, 300]", "weight_hh_l0_reverse [256, 64]", "bias_ih_l0_reverse [256]", "bias_hh_l0_reverse [256]"]),
        (Convention.keras, ["forward_lstm/kernel (300, 256)", "forward_lstm/recurrent_kernel (64, 256)", "forward_lstm/bias (256,)",
                            "backward_lstm/kernel (300, 256)", "backward_lstm/recurrent_kernel (64, 256)", "backward_lstm/bias (256,)"]),
        (Convention.matlab, ["InputWeights 512×300", "RecurrentWeights 512×64", "Bias 512×1", "HiddenState 128×1", "CellState 128×1"]),
    ])
    func bidirectionalLSTMTensorsAreNamedAsTheFrameworkNamesThem(_ convention: Convention, _ expected: [String]) throws {
        let learnables = try Recurrent(.lstm, units: 64, isBidirectional: true).learnables(for: [Self.sequence300], convention: convention)
        #expect(learnables.map { "\($0.name) \(convention.shapeText($0.shape))" } == expected)
    }

    @Test func lasagneLSTMHasPeepholesAndUntrainedInitialStates() throws {
        let learnables = try Recurrent(.lstm, units: 8).learnables(for: [.sequence(steps: 5, features: 3)], convention: .lasagne)
        #expect(learnables.map(\.name) == [
            "W_in_to_ingate", "W_hid_to_ingate", "b_ingate", "W_in_to_forgetgate", "W_hid_to_forgetgate", "b_forgetgate",
            "W_in_to_cell", "W_hid_to_cell", "b_cell", "W_in_to_outgate", "W_hid_to_outgate", "b_outgate",
            "W_cell_to_ingate", "W_cell_to_forgetgate", "W_cell_to_outgate", "cell_init", "hid_init",
        ])
        #expect(learnables.filter { $0.role == .nonTrainable }.map(\.name) == ["cell_init", "hid_init"])
        #expect(learnables.last?.shape == [1, 8])
    }

    @Test func lasagneGRUTrainsItsInitialStateAndSimpleRNNDoesNot() throws {
        let gru = try Recurrent(.gru, units: 8).learnables(for: [.sequence(steps: 5, features: 3)], convention: .lasagne)
        #expect(gru.map(\.name) == [
            "W_in_to_updategate", "W_hid_to_updategate", "b_updategate", "W_in_to_resetgate", "W_hid_to_resetgate", "b_resetgate",
            "W_in_to_hidden_update", "W_hid_to_hidden_update", "b_hidden_update", "hid_init",
        ])
        #expect(gru.allSatisfy { $0.role == .trainable })
        let rnn = try Recurrent(.simple, units: 8).learnables(for: [.sequence(steps: 5, features: 3)], convention: .lasagne)
        #expect(rnn.map(\.name) == ["hid_init", "input_to_hidden.W", "input_to_hidden.b", "hidden_to_hidden.W"])
        #expect(rnn[0].role == .nonTrainable)
    }

    @Test func kerasGRUWithResetAfterKeepsTwoBiasRows() throws {
        let gru = try Recurrent(.gru, units: 8).learnables(for: [.sequence(steps: 5, features: 3)], convention: .keras)
        #expect(gru.map(\.shape) == [[3, 24], [8, 24], [2, 24]])
        let before = try Recurrent(.gru, units: 8, resetsAfter: false).learnables(for: [.sequence(steps: 5, features: 3)], convention: .keras)
        #expect(before.map(\.shape) == [[3, 24], [8, 24], [24]])
    }

    @Test func stackedLayersArePrefixed() throws {
        let keras = try Recurrent(.gru, units: 4, layerCount: 2).learnables(for: [.sequence(steps: 5, features: 3)], convention: .keras)
        #expect(keras.map(\.name) == ["gru/kernel", "gru/recurrent_kernel", "gru/bias", "gru_1/kernel", "gru_1/recurrent_kernel", "gru_1/bias"])
        #expect(keras[3].shape == [4, 12])
        let pytorch = try Recurrent(.simple, units: 4, layerCount: 2).learnables(for: [.sequence(steps: 5, features: 3)], convention: .pytorch)
        #expect(pytorch.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"])
    }

    @Test(arguments: [
        (Recurrent(.lstm, units: 64), TensorShape.vector(features: 64)),
        (Recurrent(.lstm, units: 64, returnsSequences: true), .sequence(steps: 50, features: 64)),
        (Recurrent(.gru, units: 64, returnsSequences: true, isBidirectional: true), .sequence(steps: 50, features: 128)),
        (Recurrent(.simple, units: 64, isBidirectional: true, layerCount: 3), .vector(features: 128)),
    ])
    func recurrentOutputShape(_ layer: Recurrent, _ expected: TensorShape) throws {
        #expect(try layer.outputShape(for: [Self.sequence300], layout: .channelsLast) == expected)
        // A 1-D feature map reads as steps x features.
        #expect(try layer.outputShape(for: [.featureMap(spatial: [50], channels: 300)], layout: .channelsLast) == expected)
    }

    @Test func recurrentNeedsASequence() {
        let map = #expect(throws: CNNCalcError.self) {
            try Recurrent(.lstm, units: 64).outputShape(for: [.featureMap(spatial: [28, 28], channels: 1)], layout: .channelsLast)
        }
        #expect(map?.description == "lstm needs a sequence (steps x features) or a 1-D feature map, but its input is a 2-D feature map 28x28x1; give it a sequence, e.g. 'input 50x300 kind=sequence', or flatten the map's spatial axes into steps first")
        let vector = #expect(throws: CNNCalcError.self) {
            try Recurrent(.gru, units: 64).outputShape(for: [.vector(features: 784)], layout: .channelsLast)
        }
        #expect(vector?.description == "gru needs a sequence (steps x features) or a 1-D feature map, but its input is a vector of 784; a vector has no steps; write the input as steps x features, e.g. 'input 50x300 kind=sequence', or start with an embedding")
    }

    // LSTM 300 -> 64 over 50 steps: 50*4*64*(300+64) MACs, 13 elementwise FLOPs per unit and step.
    @Test func recurrentCost() throws {
        let cost = try #require(try Recurrent(.lstm, units: 64).cost(for: [Self.sequence300], output: .vector(features: 64)))
        #expect(cost.macs == 50 * 4 * 64 * 364)
        #expect(cost.flops == 2 * cost.macs + 50 * 64 * 13)
        let stacked = try #require(try Recurrent(.gru, units: 64, isBidirectional: true, layerCount: 2, resetsAfter: false)
            .cost(for: [Self.sequence300], output: .vector(features: 128)))
        #expect(stacked.macs == 50 * (2 * 3 * 64 * 364 + 2 * 3 * 64 * (128 + 64)))
        #expect(stacked.flops == 2 * stacked.macs + 50 * 2 * 2 * 64 * 11)
    }

    @Test func embeddingLooksUpAVectorOfIds() throws {
        let embedding = Embedding(vocabularySize: 10_000, dimension: 128)
        #expect(try embedding.outputShape(for: [.vector(features: 50)], layout: .channelsLast) == .sequence(steps: 50, features: 128))
        #expect(try embedding.learnables(for: [.vector(features: 50)], convention: .matlab).map(\.shape) == [[128, 10_000]])
        #expect(try embedding.cost(for: [.vector(features: 50)], output: .sequence(steps: 50, features: 128)) == .zero)
        let error = #expect(throws: CNNCalcError.self) {
            try embedding.outputShape(for: [.sequence(steps: 50, features: 3)], layout: .channelsLast)
        }
        #expect(error?.description == "embedding looks up a vector of token ids, but its input is a sequence 50x3; feed it the ids as a vector, e.g. 'input 50' for 50 tokens")
    }

    @Test func attentionPacksItsProjectionsAsEachFrameworkDoes() throws {
        let input = TensorShape.sequence(steps: 10, features: 512)
        let mha = MultiHeadAttention(heads: 8)
        #expect(try mha.learnables(for: [input], convention: .pytorch).map { "\($0.name) \($0.shape)" } == [
            "in_proj_weight [1536, 512]", "in_proj_bias [1536]", "out_proj.weight [512, 512]", "out_proj.bias [512]",
        ])
        #expect(try mha.learnables(for: [input], convention: .keras).map { "\($0.name) \($0.shape)" } == [
            "query/kernel [512, 8, 64]", "query/bias [8, 64]", "key/kernel [512, 8, 64]", "key/bias [8, 64]",
            "value/kernel [512, 8, 64]", "value/bias [8, 64]", "attention_output/kernel [8, 64, 512]", "attention_output/bias [512]",
        ])
        // Cross-attention with keys and values of 256 features: PyTorch's kdim/vdim projections.
        let cross = try mha.learnables(for: [input, .sequence(steps: 20, features: 256)], convention: .pytorch)
        #expect(cross.map { "\($0.name) \($0.shape)" } == [
            "q_proj_weight [512, 512]", "k_proj_weight [512, 256]", "v_proj_weight [512, 256]", "in_proj_bias [1536]",
            "out_proj.weight [512, 512]", "out_proj.bias [512]",
        ])
    }

    @Test(arguments: [
        ([TensorShape.sequence(steps: 10, features: 512)], TensorShape.sequence(steps: 10, features: 512)),
        ([.sequence(steps: 10, features: 512), .sequence(steps: 20, features: 256)], .sequence(steps: 10, features: 512)),
        ([.sequence(steps: 10, features: 512), .sequence(steps: 20, features: 256), .sequence(steps: 20, features: 64)], .sequence(steps: 10, features: 512)),
    ])
    func attentionOutputHasTheQuerySteps(_ inputs: [TensorShape], _ expected: TensorShape) throws {
        #expect(try MultiHeadAttention(heads: 8).outputShape(for: inputs, layout: .channelsLast) == expected)
        #expect(try MultiHeadAttention(heads: 8, outputDimension: 32).outputShape(for: inputs, layout: .channelsLast)
            == .sequence(steps: 10, features: 32))
    }

    @Test func attentionErrors() {
        let heads = #expect(throws: CNNCalcError.self) {
            try MultiHeadAttention(heads: 3).outputShape(for: [.sequence(steps: 10, features: 512)], layout: .channelsLast)
        }
        #expect(heads?.description == "mha splits the 512 query features into 3 heads, but 3 does not divide 512; give key_dim= (the size of each head), or a head count that divides 512")
        let steps = #expect(throws: CNNCalcError.self) {
            try MultiHeadAttention(heads: 8).outputShape(
                for: [.sequence(steps: 10, features: 512), .sequence(steps: 20, features: 512), .sequence(steps: 21, features: 512)],
                layout: .channelsLast)
        }
        #expect(steps?.description == "mha needs as many key steps as value steps, but the keys have 20 and the values 21; feed keys and values of the same length, e.g. 'inputs=q,kv' with one sequence for both")
        let block = #expect(throws: CNNCalcError.self) {
            try TransformerEncoder(heads: 6).outputShape(for: [.sequence(steps: 10, features: 512)], layout: .channelsLast)
        }
        #expect(block?.description == "transformer splits the 512 features into 6 heads, but 6 does not divide 512; choose a head count that divides 512")
    }

    // Self-attention of 8 heads on 10 steps of 512: four projections of 10*512*512, scores and sum of 8*10*10*64.
    @Test func attentionCost() throws {
        let input = TensorShape.sequence(steps: 10, features: 512)
        let cost = try #require(try MultiHeadAttention(heads: 8).cost(for: [input], output: input))
        #expect(cost.macs == 4 * 10 * 512 * 512 + 2 * 8 * 10 * 10 * 64)
        let biases = 3 * 10 * 512 + 10 * 512
        #expect(cost.flops == 2 * cost.macs + biases + 10 * 512 + 3 * 8 * 10 * 10)
        let block = try #require(try TransformerEncoder(heads: 8).cost(for: [input], output: input))
        #expect(block.macs == cost.macs + 2 * 10 * 512 * 2048)
        #expect(block.flops == 2 * block.macs + (cost.flops - 2 * cost.macs) + (10 * 2048 + 10 * 512) + 10 * 2048 + 2 * 10 * 512 + 2 * 5 * 10 * 512)
    }
}
