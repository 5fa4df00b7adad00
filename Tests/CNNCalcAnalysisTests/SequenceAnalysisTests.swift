import CNNCalc
import CNNCalcTestSupport
import Testing

/// Whole networks with sequence, attention and merge layers: derivations, costs, conventions.
@Suite struct SequenceAnalysisTests {
    private func report(_ text: String, _ convention: Convention = .keras, batchSize: Int = 1) throws -> NetworkReport {
        try Analyzer(options: AnalysisOptions(convention: convention, batchSize: batchSize))
            .analyze(try CNNTextReader.network(from: text, source: "-e"))
    }

    static let networks: [String] = [
        "input 50; embedding 10000 128; lstm 64 return_sequences=true; gru 32; dense 10",
        "input 50x300 kind=sequence; lstm 64 bidirectional=true layers=3 return_sequences=true",
        "input 50x300 kind=sequence; lstm 64 bias=false layers=2",
        "input 50x300 kind=sequence; gru 64 reset_after=false bidirectional=true",
        "input 50x300 kind=sequence; gru 64 bias=false",
        "input 50x300 kind=sequence; rnn 16 layers=2 bidirectional=true return_sequences=true; rnn 8 bias=false",
        "input 100x8; conv 16 3; lstm 32",
        "input 10x512 kind=sequence; mha 8; transformer 8 ff=1024; transformer 4 bias=false activation=gelu norm_first=true",
        "input 10x64 kind=sequence; kv: input 20x32 kind=sequence; a: mha 4 key_dim=8 value_dim=4 output_dim=16 inputs=input,kv; b: mha 2 bias=false inputs=input,kv,kv",
        "input 10x64 kind=sequence; q: dense 32; k: dense 32 inputs=input; s: matmul transpose_b=true inputs=q,k; p: softmax; v: dense 16 inputs=input; o: matmul inputs=p,v",
        "input 7x7x512; g: globalavgpool; d: dense 512 activation=sigmoid; m: multiply inputs=input,d; s: subtract inputs=m,input; a: average inputs=m,s,input; x: maximum inputs=a,g; n: minimum inputs=x,m",
        "input 8x8x16; a: conv 16 3 padding=same; b: conv 8 3 padding=same inputs=input; c: concat inputs=a,b; w: concat axis=width inputs=a,input; h: concat axis=height inputs=w,w",
        "input 10x4 kind=sequence; b: input 5x4 kind=sequence; c: concat axis=steps inputs=input,b; f: concat axis=features inputs=input,input",
    ]

    @Test("every derivation and cost line computes the number it shows", arguments: networks)
    func derivationsAreArithmeticallyTrue(_ text: String) throws {
        for convention in Convention.allCases {
            let report = try report(text, convention)
            for layer in report.layers {
                for layout in Layout.allCases {
                    let derivation = layer.derivation(layout: layout)
                    if !derivation.parameterFormula.isEmpty {
                        #expect(ArithmeticEvaluator.evaluate(derivation.parameterFormula) == .init(layer.parameterCount),
                                "\(convention) \(layer.name): \(derivation.parameterFormula)")
                    }
                    #expect(!derivation.costSteps.isEmpty, "\(layer.name)")
                    for line in derivation.outputSteps + derivation.parameterSteps + derivation.costSteps
                    where line.contains(" = ") && !line.hasPrefix("rule:") {
                        #expect(ArithmeticEvaluator.mismatch(in: line) == nil, "\(convention) \(layer.name): \(line)")
                    }
                }
            }
        }
    }

    @Test(arguments: networks)
    func outputShapesDoNotDependOnTheConvention(_ text: String) throws {
        let shapes = try Convention.allCases.map { try report(text, $0).layers.map(\.outputShape) }
        #expect(Set(shapes).count == 1)
    }

    // torchinfo's README LSTMNet: Embedding(5000, 300), LSTM(300, 512, num_layers=2), Linear(512, 20) on 100 tokens:
    // 5,278,580 parameters and 378.34 M mult-adds (1,500,000 + 376,832,000 + 10,260).
    @Test func torchinfoReadmeLSTMNet() throws {
        let report = try report("input 100; embedding 5000 300; lstm 512 layers=2 return_sequences=true; dense 20", .pytorch)
        #expect(report.layers.map { $0.outputShape.text(in: .channelsFirst) } == ["100", "100x300", "100x512", "100x20"])
        #expect(report.totals.parameters == 5_278_580)
        #expect(try report.layers.map { try $0.torchinfoMultAdds() } == [0, 1_500_000, 376_832_000, 10_260])
        #expect(try report.torchinfoMultAdds() == 378_342_260)
    }

    @Test func torchinfoCountsEveryStepOfARecurrentLayerThatReturnsOnlyTheLast() throws {
        let report = try report("input 50x300 kind=sequence; lstm 512", .pytorch)
        #expect(try report.layers[1].torchinfoMultAdds() == 1_667_072 * 50)
    }

    @Test func lstmDerivationInPyTorchsConvention() throws {
        let layer = try report("input 50x300 kind=sequence; lstm 64 layers=2", .pytorch).layers[1]
        let derivation = layer.derivation(layout: .channelsLast)
        #expect(derivation.parameterFormula == "4*64*(300+64)+8*64+4*64*(64+64)+8*64")
        #expect(derivation.outputSteps == [
            "reads 50 steps of 300 features",
            "layer 2 reads the 64 features of the layer below",
            "every step gives 64 features",
            "return_sequences=false: only the last step is kept",
            "output: 64",
        ])
        #expect(derivation.parameterSteps.suffix(4) == [
            "PyTorch keeps two bias vectors per layer and direction, bias_ih and bias_hh",
            "layer 1: 4*64*(300+64)+8*64 = 93,696",
            "layer 2: 4*64*(64+64)+8*64 = 33,280",
            "total: 4*64*(300+64)+8*64+4*64*(64+64)+8*64 = 126,976",
        ])
        #expect(derivation.costSteps == [
            "MACs: 50*(4*64*(300+64)+4*64*(64+64)) = 6,297,600 (steps x directions x gates x units x (inputs + units), summed over the layers)",
            "FLOPs: 2*6,297,600 + 50*2*1*64*13 = 12,678,400 (13 elementwise operations per unit and step: activations, state updates, biases)",
        ])
    }

    @Test(arguments: [
        (Convention.keras, "2*(3*64*(300+64)+3*64)", 140_160),
        (.pytorch, "2*(3*64*(300+64)+6*64)", 140_544),
        (.matlab, "2*(3*64*(300+64)+3*64)", 140_160),
        (.lasagne, "2*(3*(300*64+64*64+64)+64)", 140_288),
    ])
    func bidirectionalGRUWithoutResetAfter(_ convention: Convention, _ formula: String, _ parameters: Int) throws {
        let layer = try report("input 50x300 kind=sequence; gru 64 reset_after=false bidirectional=true", convention).layers[1]
        #expect(layer.derivation(layout: .channelsLast).parameterFormula == formula)
        #expect(layer.parameterCount == parameters)
    }

    @Test func lasagneCountsUntrainedInitialStates() throws {
        let layer = try report("input 50x300 kind=sequence; lstm 64", .lasagne).layers[1]
        #expect(layer.derivation(layout: .channelsLast).parameterFormula == "4*(300*64+64*64+64)+3*64+64+64")
        #expect(layer.nonTrainableCount == 128)
        #expect(layer.trainableCount == 4 * (300 * 64 + 64 * 64 + 64) + 3 * 64)
    }

    @Test func matlabKeepsRecurrentStatesOutsideTheLearnables() throws {
        let layer = try report("input 50x300 kind=sequence; lstm 64", .matlab).layers[1]
        #expect(layer.parameterCount == 4 * 64 * 364 + 4 * 64)
        #expect(layer.stateCount == 128)
    }

    @Test func attentionDerivation() throws {
        let layer = try report("input 10x512 kind=sequence; mha 8", .pytorch).layers[1]
        let derivation = layer.derivation(layout: .channelsLast)
        #expect(derivation.summary == "8 heads, key_dim 64, value_dim 64; self-attention on input")
        #expect(derivation.parameterFormula == "512*8*64+8*64+512*8*64+8*64+512*8*64+8*64+8*64*512+512")
        #expect(derivation.outputSteps.contains("key_dim: 512/8 = 64 per head (the query features shared among the heads)"))
        #expect(derivation.parameterSteps.contains("PyTorch packs the query, key and value projections into in_proj_weight and in_proj_bias"))
        #expect(derivation.costSteps.last == "FLOPs: 2*10,588,160 + 20,480 + 5,120 + 2,400 = 21,204,320")
    }

    @Test func transformerDerivation() throws {
        let layer = try report("input 10x512 kind=sequence; transformer 8", .pytorch).layers[1]
        let derivation = layer.derivation(layout: .channelsLast)
        #expect(derivation.parameterFormula == "4*512*512+4*512+512*2048+2048+2048*512+512+2*2*512")
        #expect(layer.parameterCount == 3_152_384)
        #expect(layer.learnables.map(\.name) == [
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
        ])
    }

    @Test func squeezeAndExcitationBroadcastsAVectorOverAMap() throws {
        let report = try report("input 7x7x512; g: globalavgpool; d: dense 512 activation=sigmoid; m: multiply inputs=input,d")
        let multiply = report.layers[3]
        #expect(multiply.outputShape == .featureMap(spatial: [7, 7], channels: 512))
        #expect(multiply.cost == .flops(7 * 7 * 512))
        #expect(multiply.derivation(layout: .channelsLast).outputSteps == [
            "inputs 7x7x512, 512 broadcast: every axis takes the larger size, an axis of 1 repeating its value",
            "input 2, a vector of 512, gives one value per channel at every position",
            "output: 7x7x512",
        ])
        #expect(multiply.receptiveField == .whole)
    }

    @Test func embeddingStepsSeeOneTokenAndRecurrenceSeesAll() throws {
        let report = try report("input 50; embedding 100 8; lstm 4 return_sequences=true")
        #expect(report.layers[1].receptiveField == .local([ReceptiveFieldAxis(size: 1, jump: 1, start: 0)]))
        #expect(report.layers[2].receptiveField == .whole)
    }

    @Test func analysisErrorsNameTheLayer() {
        let error = #expect(throws: CNNCalcError.self) { try report("input 28x28x1; rec: lstm 64") }
        #expect(error?.description == "-e:1:16: rec: lstm needs a sequence (steps x features) or a 1-D feature map, but its input is a 2-D feature map 28x28x1; give it a sequence, e.g. 'input 50x300 kind=sequence', or flatten the map's spatial axes into steps first")
    }

    @Test func conventionsExplainTheirRecurrentDisagreements() throws {
        let text = "input 50x300 kind=sequence; lstm 64 return_sequences=true; gru 32 return_sequences=true; rnn 8; dense 4"
        let reports = try Convention.allCases.map { try report(text, $0) }
        let comparison = CompareRenderer().render(reports)
        #expect(comparison.contains("lstm: PyTorch keeps two bias vectors (bias_ih, bias_hh), 4h(n+h)+8h; Keras and MATLAB one, 4h(n+h)+4h"))
        #expect(comparison.contains("gru: PyTorch keeps two bias vectors, 3h(n+h)+6h, as Keras does with reset_after=true"))
        #expect(comparison.contains("rnn: PyTorch keeps two bias vectors, h(n+h)+2h; Keras and MATLAB one, h(n+h)+h"))
        #expect(Convention.disagreement(about: .multiHeadAttention(MultiHeadAttention(heads: 2)))?.hasPrefix("mha: the counts agree") == true)
        #expect(Convention.disagreement(about: .embedding(Embedding(vocabularySize: 2, dimension: 2))) == nil)
    }

    @Test func tableShowsTheRecurrentGeometry() throws {
        let report = try report("input 50x300 kind=sequence; lstm 64 bidirectional=true layers=2 return_sequences=true; mha 4; a: concat axis=steps inputs=mha1,lstm1")
        let table = TableRenderer().render(report)
        #expect(table.contains("bilstm 64 x2"))
        #expect(table.contains("mha 4 heads"))
        #expect(table.contains("concat steps"))
    }
}
