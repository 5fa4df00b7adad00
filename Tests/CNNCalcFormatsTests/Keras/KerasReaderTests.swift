import CNNCalc
import Foundation
import Testing

/// The reader's handling of the shapes of Keras JSON that the fixtures do not cover.
@Suite struct KerasReaderTests {
    static func network(_ json: String) throws -> Network {
        try KerasReader.network(from: Data(json.utf8), source: "m.json")
    }

    @Test func sequentialWithoutInputLayerTakesTheFirstLayersShape() throws {
        // tf.keras 2.x without keras.Input: the first layer carries batch_input_shape.
        let network = try Self.network("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
             {"class_name": "Dense", "config": {"name": "d", "units": 4, "batch_input_shape": [null, 10]}}]}}
            """)
        #expect(network.layers.map(\.name) == ["input", "d"])
        #expect(network.layers[0].kind == .input(Input(.vector(features: 10))))
        let report = try Analyzer().analyze(network)
        #expect(report.totals.parameters == 44)  // (10 + 1) * 4
    }

    @Test func sequentialWithoutInputLayerTakesItsBuildShape() throws {
        let network = try Self.network("""
            {"class_name": "Sequential", "config": {"name": "s", "build_input_shape": [null, 6, 3], "layers": [
             {"class_name": "LSTM", "config": {"name": "l", "units": 2}}]}}
            """)
        #expect(network.layers[0].kind == .input(Input(.sequence(steps: 6, features: 3))))
        let report = try Analyzer().analyze(network)
        #expect(report.totals.parameters == 48)  // 4 * 2 * (3 + 2) + 4 * 2
    }

    @Test func sequentialWithoutAnyShapeIsRefused() {
        let error = #expect(throws: CNNCalcError.self) {
            try Self.network(#"{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 4}}]}}"#)
        }
        #expect(error?.description == "m.json: config.layers[0]: d: the Sequential model does not say its input shape; add keras.Input(shape) as its first layer, or build the model before saving it")
    }

    @Test func tfKerasAttentionReadsValueFromItsKeywords() throws {
        // tf.keras 2.x: [["query", 0, 0, {"value": ["v", 0, 0]}]] is attention(query, value=v).
        let network = try Self.network("""
            {"class_name": "Functional", "config": {"name": "m", "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": [["a", 0, 0]],
             "layers": [
              {"class_name": "InputLayer", "name": "q", "config": {"name": "q", "batch_input_shape": [null, 5, 8]}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "v", "config": {"name": "v", "batch_input_shape": [null, 7, 6]}, "inbound_nodes": []},
              {"class_name": "MultiHeadAttention", "name": "a", "config": {"name": "a", "num_heads": 1, "key_dim": 2},
               "inbound_nodes": [[["q", 0, 0, {"value": ["v", 0, 0], "attention_mask": null}]]]}]}}
            """)
        #expect(network.layers[2].inputs == ["q", "v"])
        let report = try Analyzer().analyze(network)
        // query 8*2+2, key 6*2+2, value 6*2+2, output 2*8+8: Keras' count for these widths.
        #expect(report.totals.parameters == 18 + 14 + 14 + 24)
    }

    @Test func sharedLayerListedBeforeTheLayerFeedingItsSecondCall() throws {
        // d is called on x, then on e(d(x)); Keras lists d before e.
        let tensor = { (name: String, node: Int) in
            #"{"class_name": "__keras_tensor__", "config": {"keras_history": ["\#(name)", \#(node), 0]}}"#
        }
        let network = try Self.network("""
            {"class_name": "Functional", "config": {"name": "m", "input_layers": [["x", 0, 0]], "output_layers": [["d", 1, 0]],
             "layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 4},
               "inbound_nodes": [{"args": [\(tensor("x", 0))]}, {"args": [\(tensor("e", 0))]}]},
              {"class_name": "Dense", "name": "e", "config": {"name": "e", "units": 4},
               "inbound_nodes": [{"args": [\(tensor("d", 0))]}]}]}}
            """)
        #expect(network.layers.map(\.name) == ["x", "d", "e", "d (call 2)"])
        #expect(network.layers[3].inputs == ["e"])
        #expect(network.layers[3].sharesLearnablesWith == "d")
        let report = try Analyzer().analyze(network)
        #expect(report.totals.parameters == 40)  // (4 + 1) * 4, twice: d once, e once
    }

    /// A PReLU on a 5x6x3 map; `shared_axes` as written, `build_config` as Keras saves it.
    static func prelu(sharedAxes: String) -> String {
        """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
         {"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, 5, 6, 3]}},
         {"class_name": "PReLU", "config": {"name": "p", "shared_axes": \(sharedAxes)}, "build_config": {"input_shape": [null, 5, 6, 3]}}]}}
        """
    }

    @Test func preluSharedAlongTheSpatialAxesHasOneSlopePerChannel() throws {
        // Keras: PReLU(shared_axes=[1, 2]) on (5, 6, 3) has 3 parameters.
        let report = try Analyzer().analyze(try Self.network(Self.prelu(sharedAxes: "[1, 2]")))
        #expect(report.totals.parameters == 3)
    }

    @Test func preluSharedAlongOtherAxesIsRefused() {
        // Keras: PReLU(shared_axes=[1]) on (5, 6, 3) has 6 * 3 = 18, which CNNCalc cannot express.
        let error = #expect(throws: CNNCalcError.self) { try Self.network(Self.prelu(sharedAxes: "[1]")) }
        #expect(error?.description == "m.json: config.layers[1].config.shared_axes: p: sharing slopes along axes [1] is not supported; CNNCalc counts one slope per value (no shared_axes) or one per channel (every axis but the channels shared)")
    }

    /// A `className` layer with `axis` on a 5x6x3 map, `build_config` as Keras saves it.
    static func normalization(_ className: String, axis: String) -> String {
        """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
         {"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, 5, 6, 3]}},
         {"class_name": "\(className)", "config": {"name": "n", "axis": \(axis)}, "build_config": {"input_shape": [null, 5, 6, 3]}}]}}
        """
    }

    @Test func layerNormalizationOverEveryAxisScalesEveryValue() throws {
        // Keras: LayerNormalization(axis=[1, 2, 3]) on (5, 6, 3) has gamma and beta of 5*6*3 = 90 each.
        let report = try Analyzer().analyze(try Self.network(Self.normalization("LayerNormalization", axis: "[1, 2, 3]")))
        #expect(report.totals.parameters == 180)
    }

    @Test func batchNormalizationWithChannelAxisWrittenAsRankMinusOne() throws {
        // Keras Applications write axis=3 for channels_last images: 4 * 3 = 12.
        let report = try Analyzer().analyze(try Self.network(Self.normalization("BatchNormalization", axis: "3")))
        #expect(report.totals.parameters == 12)
    }

    @Test func batchNormalizationAlongAnotherAxisIsRefused() {
        let error = #expect(throws: CNNCalcError.self) { try Self.network(Self.normalization("BatchNormalization", axis: "1")) }
        #expect(error?.description == "m.json: config.layers[1].config.axis: n: BatchNormalization along axis 1 is not supported; CNNCalc normalizes along the channel axis (axis=-1)")
    }

    @Test func loraWeightsAreRefused() {
        // Keras: Dense(4) on 8 features with enable_lora(2) has 36 + 2*(8 + 4) = 60 parameters.
        let error = #expect(throws: CNNCalcError.self) {
            try Self.network(#"{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, 8]}}, {"class_name": "Dense", "config": {"name": "d", "units": 4, "lora_rank": 2}}]}}"#)
        }
        #expect(error?.description == "m.json: config.layers[1].config.lora_rank: d: a layer with LoRA weights (lora_rank) is not supported; save the model before enable_lora(), or after merging the LoRA weights")
    }

    @Test func denseOnAChannelsFirstMapIsRefused() {
        let error = #expect(throws: CNNCalcError.self) {
            try Self.network("""
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                 {"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, 3, 8, 8]}},
                 {"class_name": "Conv2D", "config": {"name": "c", "filters": 4, "kernel_size": 3, "data_format": "channels_first"}},
                 {"class_name": "Dense", "config": {"name": "d", "units": 4}, "build_config": {"input_shape": [null, 4, 6, 6]}}]}}
                """)
        }
        #expect(error?.description == "m.json: config.layers[2].config: d: a Dense layer on the last axis of a channels_first map is not supported; flatten or pool the map before the Dense layer")
    }
}
