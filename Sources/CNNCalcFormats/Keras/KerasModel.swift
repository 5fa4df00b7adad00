#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore

/// A Keras model's architecture, read once, and the sizes it leaves open.
///
/// A model may leave axes open: `keras.Input(shape=(None,))` for token ids of any length,
/// `(None, None, 3)` for images of any size. Each such axis is an ``OpenSize`` named
/// `input:axis`, the input's name and the axis counted with the batch as 0, as Keras counts axes
/// (`tokens:1`; `image:1` and `image:2`), shown as `None` in reports as `model.summary()` shows
/// it. A `Lambda` whose `output_shape` has `None` opens sizes too (`lambda:1`).
///
///     let model = try KerasReader.model(from: data, source: "model.keras")
///     model.openSizes.map(\.name)                       // ["tokens:1"]
///     let network = try model.network(sizes: ["tokens:1": 50])
///
/// `OpenSizeAnalysis.report(openSizes:network:)` keeps the sizes open instead.
public struct KerasModel: Sendable {
    /// The file name as the user gave it (`model.keras/config.json` inside an archive).
    public let source: String
    /// The sizes the model leaves open, in the order the model lists them.
    public let openSizes: [OpenSize]
    /// The model's JSON.
    private let json: Data

    /// Reads `json`, listing its open sizes.
    init(json: Data, source: String) throws(CNNCalcError) {
        self.json = json
        self.source = source
        openSizes = try KerasReader.build(json: json, source: source, sizes: [:], discovering: true).openSizes
    }

    /// The network with the given number for each open size (by ``OpenSize/name``).
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for an open size without a number, naming
    ///   it; the reader's other errors.
    public func network(sizes: [String: Int] = [:]) throws(CNNCalcError) -> Network {
        try KerasReader.build(json: json, source: source, sizes: sizes, discovering: false).network
    }
}
