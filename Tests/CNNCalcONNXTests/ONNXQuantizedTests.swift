import CNNCalc
import Foundation
import Testing
@testable import CNNCalcONNX

/// Quantized models (QDQ): integer weights that DequantizeLinear scales are weights all the same.
@Suite struct ONNXQuantizedTests {
    /// A quantized (QDQ) convolution: its int8 weight and int32 bias reach the Conv through DequantizeLinear.
    @Test func quantizedWeightsAreCounted() throws {
        let data = try TestGraph.serialized(
            inputs: [TestGraph.valueInfo("x", ["N", 3, 8, 8])],
            nodes: [
                TestGraph.node("DequantizeLinear", "dq_w", inputs: ["w_q", "w_scale", "w_zero"], outputs: ["w"]),
                TestGraph.node("DequantizeLinear", "dq_b", inputs: ["b_q", "b_scale"], outputs: ["b"]),
                TestGraph.node("Conv", "conv", inputs: ["x", "w", "b"], outputs: ["y"]),
            ],
            initializers: [
                TestGraph.initializer("w_q", [4, 3, 3, 3], type: 3),   // int8
                TestGraph.initializer("w_scale", [], type: 1),
                TestGraph.initializer("w_zero", [], type: 3),
                TestGraph.initializer("b_q", [4], type: 6),             // int32
                TestGraph.initializer("b_scale", [], type: 1),
            ])
        let model = try ONNXReader.model(from: data, source: "model.onnx")
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
        // (3*3*3 + 1) * 4; the scales and the zero point are not weights.
        #expect(report.totals.parameters == 112)
        #expect(report.layers.map { $0.outputShape.dimensions(in: .channelsFirst) } == [[3, 8, 8], [4, 6, 6]])
        #expect(model.constants.map(\.name) == ["w_zero"])
    }
}
