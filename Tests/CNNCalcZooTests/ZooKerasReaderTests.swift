import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// The `keras/` zoo models beside the same Keras Applications saved as `.keras` files and read
/// by CNNCalc's Keras reader (`Tests/Fixtures/keras/applications`): the same rows, shapes and counts.
@Suite struct ZooKerasReaderTests {
    /// Inception v3 is left out: the file's automatic names (`conv2d_5`) count the layers its
    /// session built before, so they are not the fresh session's the zoo writes.
    static let pairs = [
        ("keras/resnet50", "resnet50"), ("keras/mobilenetv2", "mobilenet_v2"), ("keras/densenet121", "densenet121"),
    ]

    @Test(arguments: pairs)
    func zooModelEqualsTheSavedApplication(_ zooName: String, _ file: String) throws {
        let path = "keras/applications/\(file).keras"
        let saved = try KerasReader.network(
            from: try Data(contentsOf: Fixtures.directory.appendingPathComponent(path)), source: path)
        let analyzer = Analyzer(options: AnalysisOptions(convention: .keras))
        let fromFile = try analyzer.analyze(saved)
        let fromZoo = try analyzer.analyze(try Zoo.model(zooName))
        #expect(fromZoo.totals == fromFile.totals)
        #expect(fromZoo.layers.count == fromFile.layers.count)
        let rows = Dictionary(uniqueKeysWithValues: fromFile.layers.map { (Self.sessionFree($0.name), $0) })
        for layer in fromZoo.layers {
            guard let row = rows[layer.name] else {
                Issue.record("\(layer.name) is not a layer of \(path)")
                continue
            }
            #expect(layer.outputShape == row.outputShape, "\(layer.name)")
            #expect(layer.parameterCount == row.parameterCount, "\(layer.name)")
            #expect(layer.cost == row.cost, "\(layer.name)")
        }
    }

    /// A layer name without the counter Keras appends to an automatic name in a session that
    /// built other models first: `input_layer_11` is `input_layer`, `global_average_pooling2d_1`
    /// is `global_average_pooling2d`.
    static func sessionFree(_ name: String) -> String {
        for automatic in ["input_layer", "global_average_pooling2d"] where name.hasPrefix(automatic + "_") {
            if name.dropFirst(automatic.count + 1).allSatisfy(\.isNumber) { return automatic }
        }
        return name
    }
}
