import CNNCalc
import Testing

/// Networks too large to count give a located error naming the layer, never a trap.
///
/// Every size is the largest the reader accepts (1,000,000,000,000) or a chain that grows past
/// the limit of 2^40 = 1,099,511,627,776 (``CheckedArithmetic/maximumSize``).
@Suite struct OverflowTests {
    static let limit = "1,099,511,627,776 (2^40), the largest size CNNCalc counts"
    static let beyond64Bits = "is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; "
        + "check the sizes for a typo; no real network is this large"
    static let typo = "check the sizes for a typo; no real network is this large"

    struct HostileCase: Sendable, CustomTestStringConvertible {
        var formula: String
        var text: String
        var layer: String
        var expected: String
        var testDescription: String { formula }
    }

    static let e12 = "1000000000000"

    static let cases: [HostileCase] = [
        .init(formula: "conv: dilation*(kernel-1)+1", text: "input \(e12)x1; conv 1 \(e12) dilation=\(e12)", layer: "conv1",
              expected: "-e:1:24: conv1: the span dilation*(kernel-1)+1 of kernel \(e12) with dilation \(e12) is larger than \(limit); use a smaller dilation or a smaller kernel"),
        .init(formula: "conv: full padding grows the map", text: "input 8x8x1; conv 1 999999999999 padding=full", layer: "conv1",
              expected: "-e:1:14: conv1: the size of a 1000000000006x1000000000006x1 tensor \(beyond64Bits)"),
        .init(formula: "conv: in + pad_before + pad_after", text: "input \(e12)x1; conv 1 1 padding=\(e12)", layer: "conv1",
              expected: "-e:1:24: conv1: the output 3000000000000x1 has an axis of 3000000000000, larger than \(limit); \(typo)"),
        .init(formula: "conv: output positions x kernel x channels", text: "input 1000000x1000000x1000; conv 1000000 1", layer: "conv1",
              expected: "-e:1:29: conv1: the MAC count \(beyond64Bits)"),
        .init(formula: "maxpool: padding on both sides", text: "input \(e12)x1; maxpool \(e12) stride=1 padding=\(e12)", layer: "maxpool1",
              expected: "-e:1:24: maxpool1: the output 2000000000001x1 has an axis of 2000000000001, larger than \(limit); \(typo)"),
        .init(formula: "avgpool: window size per output", text: "input 8x8x1; avgpool \(e12) padding=same", layer: "avgpool1",
              expected: "-e:1:14: avgpool1: the FLOP count \(beyond64Bits)"),
        .init(formula: "deconv: (in-1)*stride, twice", text: "input \(e12)x1; deconv 1 2 stride=\(e12); deconv 1 2 stride=\(e12)", layer: "deconv1",
              expected: "-e:1:24: deconv1: the length of the output of the \(e12) input at stride \(e12) is larger than \(limit); use a smaller stride, or a smaller input"),
        .init(formula: "deconv: in*stride (same)", text: "input \(e12)x1; deconv 1 3 padding=same stride=\(e12)", layer: "deconv1",
              expected: "-e:1:24: deconv1: the length of the output of the \(e12) input at stride \(e12) is larger than \(limit); use a smaller stride, or a smaller input"),
        .init(formula: "deconv: a chain that grows past the limit", text: "input 600000x1; deconv 1 2 stride=1000000; deconv 1 2 stride=1000000", layer: "deconv2",
              expected: "-e:1:44: deconv2: the length of the output of the 600000000000 input at stride 1000000 is larger than \(limit); use a smaller stride, or a smaller input"),
        .init(formula: "deconv: dilation*(kernel-1)+1", text: "input 8x1; deconv 1 \(e12) dilation=\(e12)", layer: "deconv1",
              expected: "-e:1:12: deconv1: the span dilation*(kernel-1)+1 of kernel \(e12) with dilation \(e12) is larger than \(limit); use a smaller dilation or a smaller kernel"),
        .init(formula: "depthwiseconv: channels*multiplier", text: "input 8x8x\(e12); depthwiseconv 3 multiplier=\(e12)", layer: "depthwiseconv1",
              expected: "-e:1:26: depthwiseconv1: the output channel count \(beyond64Bits)"),
        .init(formula: "separableconv: channels*multiplier", text: "input 8x8x\(e12); separableconv 1 1 multiplier=\(e12)", layer: "separableconv1",
              expected: "-e:1:26: separableconv1: the depthwise channel count \(beyond64Bits)"),
        .init(formula: "upsample: in*scale", text: "input \(e12)x1; upsample \(e12)", layer: "upsample1",
              expected: "-e:1:24: upsample1: the upsampled size \(beyond64Bits)"),
        .init(formula: "upsample: a chain that grows past the limit", text: "input 1000000x1; upsample 1000000; upsample 1000000", layer: "upsample2",
              expected: "-e:1:36: upsample2: the output 1000000000000000000x1 has an axis of 1000000000000000000, larger than \(limit); \(typo)"),
        .init(formula: "depthtospace: in*block, twice", text: "input 1000x\(e12); depthtospace 1000000; depthtospace 1000000", layer: "depthtospace2",
              expected: "-e:1:49: depthtospace2: the output 1000000000000000x1 has an axis of 1000000000000000, larger than \(limit); \(typo)"),
        .init(formula: "spacetodepth: channels*block^2", text: "input 1000000x1000000x1000000; spacetodepth 1000000", layer: "spacetodepth1",
              expected: "-e:1:32: spacetodepth1: the output 1x1x1000000000000000000 has an axis of 1000000000000000000, larger than \(limit); \(typo)"),
        .init(formula: "zeropad: in + before + after, twice", text: "input 600000000000x1; zeropad 200000000000; zeropad 200000000000", layer: "zeropad2",
              expected: "-e:1:45: zeropad2: the output 1400000000000x1 has an axis of 1400000000000, larger than \(limit); \(typo)"),
        .init(formula: "input: values of one example", text: "input \(e12)x\(e12)x3; zeropad \(e12)", layer: "input",
              expected: "-e:1:1: input: the size of a \(e12)x\(e12)x3 tensor \(beyond64Bits)"),
        .init(formula: "concat: sum of the channels", text: "input 8x\(e12); c: concat inputs=input,input", layer: "c",
              expected: "-e:1:24: c: the output 8x2000000000000 has an axis of 2000000000000, larger than \(limit); \(typo)"),
        .init(formula: "matmul: L x M output", text: "input \(e12)x1000000 kind=sequence; m: matmul transpose_b=true inputs=input,input", layer: "m",
              expected: "-e:1:44: m: the size of a \(e12)x\(e12) tensor \(beyond64Bits)"),
        .init(formula: "mha: heads*key_dim", text: "input 10x64 kind=sequence; mha \(e12) key_dim=\(e12)", layer: "mha1",
              expected: "-e:1:28: mha1: the projected width heads*key_dim = \(e12)*\(e12) is larger than \(limit); use fewer heads or a smaller key_dim"),
        .init(formula: "mha: heads*key_dim beyond the limit", text: "input 10x64 kind=sequence; mha 2 key_dim=999999999999", layer: "mha1",
              expected: "-e:1:28: mha1: the projected width heads*key_dim = 2*999999999999 is larger than \(limit); use fewer heads or a smaller key_dim"),
        .init(formula: "mha: Lq*E_q*heads*key_dim", text: "input 1000000x\(e12) kind=sequence; mha 1000000", layer: "mha1",
              expected: "-e:1:44: mha1: the MAC count \(beyond64Bits)"),
        .init(formula: "transformer: 2*L*E*ff", text: "input 1000000x1000000 kind=sequence; transformer 1 ff=\(e12)", layer: "transformer1",
              expected: "-e:1:38: transformer1: the MAC count \(beyond64Bits)"),
        .init(formula: "embedding: vocabulary*dimension", text: "input 10; embedding \(e12) \(e12)", layer: "embedding1",
              expected: "-e:1:11: embedding1: the size of 'embeddings' \(beyond64Bits)"),
        .init(formula: "dense: features*units", text: "input \(e12); dense \(e12)", layer: "dense1",
              expected: "-e:1:22: dense1: the MAC count \(beyond64Bits)"),
        .init(formula: "lstm: gates*units*(inputs+units)", text: "input 10x4 kind=sequence; lstm \(e12)", layer: "lstm1",
              expected: "-e:1:27: lstm1: the MAC count \(beyond64Bits)"),
        .init(formula: "gru: units*directions", text: "input 10x4 kind=sequence; gru \(e12) bidirectional=true", layer: "gru1",
              expected: "-e:1:27: gru1: the output 2000000000000 has an axis of 2000000000000, larger than \(limit); \(typo)"),
        .init(formula: "rnn: steps*layers*units", text: "input \(e12)x4 kind=sequence; rnn 1000000 return_sequences=true layers=10000", layer: "rnn1",
              expected: "-e:1:38: rnn1: the MAC count \(beyond64Bits)"),
        .init(formula: "lrn: elements*size", text: "input 1000000x1000000x1000; lrn \(e12)", layer: "lrn1",
              expected: "-e:1:29: lrn1: the MAC count \(beyond64Bits)"),
        // 1e18 values per layer: the tenth layer's activations pass 2^63 - 1.
        .init(formula: "totals: the activation sum", text: "input 1000000x1000000x1000000" + String(repeating: "; relu", count: 10), layer: "relu9",
              expected: "-e:1:80: relu9: the total activation count up to this layer \(beyond64Bits)"),
        // Each batch normalization costs 2e18 FLOPs: the fifth passes 2^63 - 1.
        .init(formula: "totals: the FLOP sum", text: "input 1000000000x1000000000x1" + String(repeating: "; bn", count: 5), layer: "batchnorm5",
              expected: "-e:1:48: batchnorm5: the total FLOP count up to this layer \(beyond64Bits)"),
    ]

    @Test(arguments: cases) func hostileNetworkIsALocatedError(_ c: HostileCase) throws {
        let network = try CNNTextReader.network(from: c.text, source: "-e")
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(error?.kind == .overflow)
        #expect(error?.location != nil)
        #expect(error?.layerName == c.layer)
        #expect(error?.description == c.expected)
    }

    // 1e9 examples of 1e18 FLOPs: the batch, not one example, overflows.
    @Test func batchScalingNamesTheLayer() throws {
        let network = try CNNTextReader.network(from: "input 1000000000x1000000000x1; relu", source: "-e")
        let error = #expect(throws: CNNCalcError.self) {
            try Analyzer(options: AnalysisOptions(batchSize: 1_000_000_000)).analyze(network)
        }
        #expect(error?.description == "-e:1:32: relu1: the FLOP count \(Self.beyond64Bits)")
    }

    // torchinfo counts a transposed convolution's 18,002,000 parameters at each of its 999,003^2 output positions.
    @Test func torchinfoTotalNamesTheLayer() throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: "input 1000x1000x1000; deconv 2000 3 stride=1000", source: "-e"))
        let error = #expect(throws: CNNCalcError.self) { try report.torchinfoMultAdds() }
        #expect(error?.description == "-e:1:23: deconv1: the mult-add count \(Self.beyond64Bits)")
    }

    @Test func stackedRecurrentLayersHaveALimit() throws {
        let network = try CNNTextReader.network(from: "input 10x4 kind=sequence; lstm 4 layers=\(Self.e12)", source: "-e")
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == "-e:1:27: lstm1: layer count \(Self.e12) is more than 10000, the most stacked layers CNNCalc lists; check layers= for a typo; no real network stacks this many")
    }

    // The largest output a transposed convolution may have: 2^20 inputs spread 2^20 apart give 2^40 rows.
    @Test func outputsUpToTheLimitAreCounted() throws {
        let network = try CNNTextReader.network(from: "input 1048576x1; deconv 1 1 stride=1048576 padding=same; zeropad 0:1", source: "-e")
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(error?.layerName == "zeropad1")
        let report = try Analyzer().analyze(try CNNTextReader.network(from: "input 1048576x1; deconv 1 1 stride=1048576 padding=same", source: "-e"))
        #expect(report.layers[1].outputShape == .featureMap(spatial: [1 << 40], channels: 1))
    }
}
