import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Every way a Keras file can be wrong gives one error naming the file and the part that is wrong.
@Suite struct KerasReaderErrorTests {
    /// A Keras 3 functional model of an input `x` (4 features) and the given layers.
    static func model(_ layers: String) -> Data {
        Data("""
            {"class_name": "Functional", "config": {"name": "m", "input_layers": [["x", 0, 0]], "output_layers": [["a", 0, 0]],
             "layers": [{"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_shape": [null, 4]}, "inbound_nodes": []},
             \(layers)]}}
            """.utf8)
    }

    /// A layer `name` of class `className` called on `source`.
    static func layer(_ name: String, _ className: String, _ config: String, from source: String) -> String {
        """
        {"class_name": "\(className)", "name": "\(name)", "config": {"name": "\(name)"\(config.isEmpty ? "" : ", " + config)},
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["\(source)", 0, 0]}}], "kwargs": {}}]}
        """
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: Data
        var kind: CNNCalcError.Kind
        var expected: String
        var testDescription: String { name }
    }

    static let supportedList = "InputLayer, Conv1D, Conv2D, Conv3D, Conv1DTranspose, Conv2DTranspose, Conv3DTranspose, DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D, Dense, Flatten, Dropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, GaussianNoise, GaussianDropout, AlphaDropout, Activation, ReLU, LeakyReLU, ELU, PReLU, Softmax, BatchNormalization, LayerNormalization, GroupNormalization, MaxPooling1D, MaxPooling2D, MaxPooling3D, AveragePooling1D, AveragePooling2D, AveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D, Cropping1D, Cropping2D, Cropping3D, Reshape, Permute, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, MultiHeadAttention, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot, Rescaling, Resizing, RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness, Normalization, TimeDistributed, Lambda, Sequential, Functional, Model"

    static func fixture(_ name: String) -> Data {
        (try? Data(contentsOf: Fixtures.directory.appendingPathComponent("keras/\(name)"))) ?? Data()
    }

    static let cases: [ErrorCase] = [
        .init(name: "truncated JSON", bytes: fixture("plain_cnn.json").prefix(100), kind: .syntax,
              expected: "m.json: the JSON text: the file is not valid JSON (it may be truncated); export the model again with model.to_json() or model.save('model.keras')"),
        .init(name: "JSON that is not a model", bytes: Data(#"{"name": "x"}"#.utf8), kind: .syntax,
              expected: "m.json: the top level: this is JSON but not a Keras model: it has no 'class_name' and 'config' at the top; give the output of model.to_json() or a .keras file"),
        .init(name: "a list, not a model", bytes: Data("[1, 2]".utf8), kind: .syntax,
              expected: "m.json: the top level: this is JSON but not a Keras model: it has no 'class_name' and 'config' at the top; give the output of model.to_json() or a .keras file"),
        .init(name: "a layer, not a model", bytes: Data(#"{"class_name": "Dense", "config": {"units": 3}}"#.utf8), kind: .syntax,
              expected: "m.json: class_name: this is a Keras 'Dense', not a model; give a Sequential or Functional model"),
        .init(name: "no layers key", bytes: Data(#"{"class_name": "Sequential", "config": {"name": "s"}}"#.utf8), kind: .syntax,
              expected: "m.json: config.layers: the key 'layers' is missing"),
        .init(name: "unknown class", bytes: model(layer("a", "Conv2DX", "", from: "x")), kind: .unknownLayer,
              expected: "m.json: config.layers[1].class_name: a: unknown layer class 'Conv2DX'; did you mean 'Conv2D'?"),
        .init(name: "unknown class, nothing near", bytes: model(layer("a", "Wobbler", "", from: "x")), kind: .unknownLayer,
              expected: "m.json: config.layers[1].class_name: a: unknown layer class 'Wobbler'; CNNCalc reads these Keras classes: \(supportedList)"),
        .init(name: "a Lambda without output_shape", bytes: model(layer("a", "Lambda", "", from: "x")), kind: .unknownLayer,
              expected: "m.json: config.layers[1]: a: this Lambda layer does not declare its output_shape, and CNNCalc does not run Python code; give it its shape, Lambda(function, output_shape=(...)), or replace it with built-in layers"),
        .init(name: "a Lambda whose output_shape is a function", bytes: model(layer("a", "Lambda", #""output_shape": {"class_name": "__lambda__", "config": {}}"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.output_shape: a: this Lambda layer computes its output_shape with a function, which CNNCalc does not run; give the shape as a tuple, output_shape=(...), without the batch axis"),
        .init(name: "a tf.keras Lambda whose output_shape is a function", bytes: model(layer("a", "Lambda", #""output_shape": ["code", null, null], "output_shape_type": "function""#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.output_shape: a: this Lambda layer computes its output_shape with a function, which CNNCalc does not run; give the shape as a tuple, output_shape=(...), without the batch axis"),
        .init(name: "a custom layer without output_shape", bytes: model(#"{"module": null, "registered_name": "Pkg>Scale", "class_name": "Scale", "name": "a", "config": {"name": "a"}, "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}], "kwargs": {}}]}"#), kind: .unknownLayer,
              expected: "m.json: config.layers[1]: a: this is a custom layer (class Scale) that does not declare its output_shape, and CNNCalc does not run Python code; replace it with built-in layers, or have its get_config() return its output_shape (its weights are then not counted)"),
        .init(name: "a string for a number", bytes: model(layer("a", "Dense", #""units": "three""#, from: "x")), kind: .syntax,
              expected: #"m.json: config.layers[1].config.units: a: expected an integer, found "three""#),
        .init(name: "a missing key", bytes: model(layer("a", "Conv1D", #""filters": 3"#, from: "x")), kind: .syntax,
              expected: "m.json: config.layers[1].config.kernel_size: a: the key 'kernel_size' is missing"),
        .init(name: "a bad kernel size", bytes: model(layer("a", "Conv1D", #""filters": 3, "kernel_size": [0]"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.kernel_size[0]: a: expected a positive integer, found 0"),
        .init(name: "an unknown activation", bytes: model(layer("a", "Dense", #""units": 3, "activation": "wobble""#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.activation: a: unknown activation 'wobble'; CNNCalc knows relu, sigmoid, tanh, softmax, linear, gelu, elu, selu, swish, softplus, relu6, hard_sigmoid, hard_swish, mish, log_softmax and leaky_relu"),
        .init(name: "causal padding on a depthwise convolution", bytes: model(layer("a", "DepthwiseConv1D", #""kernel_size": 2, "padding": "causal""#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.padding: a: padding 'causal' is not allowed on this layer; Keras pads causally only Conv1D (and SeparableConv1D in tf.keras); use 'valid' or 'same'"),
        .init(name: "causal padding on a 2-D convolution", bytes: model(layer("a", "Conv2D", #""filters": 3, "kernel_size": 2, "padding": "causal""#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.padding: a: padding 'causal' is not allowed on this layer; Keras pads causally only Conv1D (and SeparableConv1D in tf.keras); use 'valid' or 'same'"),
        .init(name: "causal padding on a pooling", bytes: model(layer("a", "MaxPooling1D", #""padding": "causal""#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.padding: a: padding 'causal' is not supported; CNNCalc reads 'valid' and 'same'"),
        .init(name: "Normalization along the steps", bytes: model(layer("a", "Normalization", #""axis": [1, 2]"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.axis: a: Normalization along axes other than the channels is not supported; CNNCalc reads Normalization per channel (axis=-1) or over the whole input (axis=None)"),
        .init(name: "TimeDistributed of a merge", bytes: model(layer("a", "TimeDistributed", #""layer": {"class_name": "Add", "config": {"name": "add"}}"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.layer.class_name: a: TimeDistributed wraps Add, which takes several inputs; wrap a layer of one input"),
        .init(name: "TimeDistributed of a Lambda", bytes: model(layer("a", "TimeDistributed", #""layer": {"class_name": "Lambda", "config": {"name": "f"}}"#, from: "x")), kind: .unknownLayer,
              expected: "m.json: config.layers[1].config.layer.class_name: a: TimeDistributed wraps a Lambda, which CNNCalc cannot apply to every step; CNNCalc applies the Keras layers it reads (not models, Lambda or custom layers) to every step"),
        .init(name: "TimeDistributed of an option CNNCalc refuses", bytes: model(layer("a", "TimeDistributed", #""layer": {"class_name": "Conv1D", "config": {"name": "c", "filters": 2, "kernel_size": 3, "padding": "full"}}"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.layer.config.padding: a: padding 'full' is not supported; CNNCalc reads 'valid' and 'same'"),
        .init(name: "concatenation along the steps", bytes: model(layer("a", "Concatenate", #""axis": 1"#, from: "x")), kind: .badArgument,
              expected: "m.json: config.layers[1].config.axis: a: concatenation along axis 1 is not supported; CNNCalc concatenates along the channel axis (axis=-1)"),
        .init(name: "a missing inbound layer", bytes: model(layer("a", "Dense", #""units": 3"#, from: "y")), kind: .graph,
              expected: "m.json: config.layers[1].inbound_nodes[0].args[0].config.keras_history: a: the input 'y' is not a layer of the model; did you mean 'x'?"),
        .init(name: "a cycle", bytes: model(layer("a", "Dense", #""units": 4"#, from: "b") + ", " + layer("b", "Dense", #""units": 4"#, from: "a")), kind: .graph,
              expected: "m.json: config.layers[1]: a: the layers 'a', 'b' feed each other in a cycle; a Keras model is a directed acyclic graph; check their inbound_nodes"),
        .init(name: "an input of unknown size", bytes: Data(#"{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, null, 8]}}]}}"#.utf8), kind: .badArgument,
              expected: "m.json: config.layers[0].config.batch_shape[1]: x: axis 1 of the input 'x' has no size (None); analyse the model alone, which keeps the size open, or give it a number: cnncalc --dim x:1=50"),
        .init(name: "an HDF5 file", bytes: Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), kind: .input,
              expected: "m.json is an HDF5 (.h5) Keras file, which CNNCalc does not read; save the model with model.save('model.keras'), or write model.to_json() to a file"),
        .init(name: "a truncated archive", bytes: fixture("plain_cnn.keras").prefix(300), kind: .input,
              expected: "m.json is not a readable .keras archive (the ZIP directory is damaged or the file is truncated); save the model again with model.save('model.keras')"),
    ]

    @Test(arguments: cases)
    func errorNamesFileAndPath(_ errorCase: ErrorCase) {
        let error = #expect(throws: CNNCalcError.self) {
            try KerasReader.network(from: errorCase.bytes, source: "m.json")
        }
        #expect(error?.kind == errorCase.kind)
        #expect(error?.description == errorCase.expected)
    }

    /// `rnn_model.keras` with one byte changed.
    static func damagedArchive(at offset: Int, to value: UInt8) -> Data {
        var bytes = fixture("rnn_model.keras")
        bytes[bytes.startIndex + offset] = value
        return bytes
    }

    @Test func damagedDeflateStreamGivesAnErrorNotAHang() {
        // Byte 961 lies in config.json's deflated bytes; the stream then never ends, which made
        // ZIPFoundation's own extraction loop forever.
        let error = #expect(throws: CNNCalcError.self) {
            try KerasReader.network(from: Self.damagedArchive(at: 961, to: 0xB9), source: "m.keras")
        }
        #expect(error?.description == "m.keras: config.json cannot be unpacked (the archive is damaged); save the model again with model.save('model.keras')")
    }

    @Test func directoryPointingPastTheEndGivesAnErrorNotACrash() {
        // The last four bytes but two of the end record hold the directory's offset; 0xFF in its
        // top byte points far past the data, which trapped ZIPFoundation's in-memory reader.
        let bytes = Self.fixture("rnn_model.keras")
        let error = #expect(throws: CNNCalcError.self) {
            try KerasReader.network(from: Self.damagedArchive(at: bytes.count - 3, to: 0xFF), source: "m.keras")
        }
        #expect(error?.description == "m.keras is not a readable .keras archive (the ZIP directory is damaged or the file is truncated); save the model again with model.save('model.keras')")
    }

    @Test func archiveWithoutConfigIsRefused() throws {
        // A ZIP archive holding only metadata.json (stored, no compression), built byte by byte.
        let archive = try #require(Self.zipWithOneFile(named: "metadata.json", contents: Data("{}".utf8)))
        let error = #expect(throws: CNNCalcError.self) {
            try KerasReader.network(from: archive, source: "m.keras")
        }
        #expect(error?.kind == .input)
        #expect(error?.description == "m.keras is a ZIP archive without config.json, so not a .keras model; save the model with model.save('model.keras'), or give the JSON of model.to_json()")
    }

    @Test func errorsInsideAnArchiveNameConfigJSON() throws {
        var bytes = Self.fixture("plain_cnn.json")
        bytes = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"Conv2D\"", with: "\"Conv2DX\"").utf8)
        let archive = try #require(Self.zipWithOneFile(named: "config.json", contents: bytes))
        let error = #expect(throws: CNNCalcError.self) {
            try KerasReader.network(from: archive, source: "m.keras")
        }
        #expect(error?.description == "m.keras/config.json: config.layers[1].class_name: conv2d: unknown layer class 'Conv2DX'; did you mean 'Conv2D'?")
    }

    @Test func shapeErrorsOfTheAnalysisPointAtTheLayer() throws {
        // A 5-wide kernel over 4 steps does not fit.
        let bytes = Data("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
             {"class_name": "InputLayer", "config": {"name": "x", "batch_shape": [null, 4, 2]}},
             {"class_name": "Conv1D", "config": {"name": "c", "filters": 3, "kernel_size": 5}}]}}
            """.utf8)
        let network = try KerasReader.network(from: bytes, source: "m.json")
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(error?.kind == .shape)
        #expect(error?.description.hasPrefix("m.json: config.layers[1]: c: ") == true)
    }

    /// A minimal ZIP archive with one stored file, as the ZIP specification lays it out.
    static func zipWithOneFile(named name: String, contents: Data) -> Data? {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        let nameBytes = Array(name.utf8)
        let crc = crc32(Array(contents))
        let size = UInt32(contents.count)
        var local: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        local += le32(crc) + le32(size) + le32(size) + le16(nameBytes.count) + le16(0) + nameBytes + Array(contents)
        var central: [UInt8] = [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        central += le32(crc) + le32(size) + le32(size) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0)
        central += le32(0) + le32(0) + nameBytes
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1)
            + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
        return Data(local + central + end)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
