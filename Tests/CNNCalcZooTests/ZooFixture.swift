import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// One case of `Tests/Fixtures/zoo/torchvision.json`: a zoo model built by its framework with
/// these options, and what the framework reported (see `Scripts/generate_zoo_fixtures.py`).
struct ZooFixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Options: Decodable, Sendable {
        var `case`: String
        var input: [Int]
        var classes: Int?
        var includesTop: Bool
        var width: Double?
    }

    /// A call of a leaf module: its path and output shape without the batch axis, channels first.
    struct Call: Decodable, Sendable {
        var path: String
        var shape: [Int]

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            path = try container.decode(String.self)
            shape = try container.decode([Int].self)
        }
    }

    var model: String
    var options: Options
    var builder: String
    var parameters: Int
    var trainable: Int
    var buffers: Int
    var multAdds: Int
    /// The MACs of every convolution and matrix product PyTorch ran (the Vision Transformer only).
    var operationMACs: Int?
    var layers: [Call]

    var testDescription: String { "\(model), \(options.case): \(builder)" }

    /// The input as a shape, read channels first as the script writes it.
    var input: TensorShape {
        get throws {
            .featureMap(spatial: try SpatialSizes(options.input.dropFirst()), channels: options.input[0])
        }
    }

    /// The zoo's network for this case.
    func network() throws -> Network {
        try Zoo.model(model, input: try input, classes: options.classes, includesTop: options.includesTop, width: options.width)
    }

    /// Every output shape of a module's calls, by module path, in call order.
    var callsByPath: [String: [[Int]]] {
        var result: [String: [[Int]]] = [:]
        for call in layers { result[call.path, default: []].append(call.shape) }
        return result
    }
}

/// The framework numbers of the zoo.
enum ZooFixtures {
    struct Document: Decodable {
        var versions: [String: String]
        var cases: [ZooFixtureCase]
    }

    static let torchvision = Fixtures.decode(Document.self, from: "zoo/torchvision.json")

    /// A row's module path and call: `layer1.0.relu (call 3)` is the third call of `layer1.0.relu`.
    static func moduleCall(of rowName: String) -> (path: String, call: Int) {
        guard rowName.hasSuffix(")"), let open = rowName.range(of: " (call ", options: .backwards),
              let call = Int(rowName[open.upperBound..<rowName.index(before: rowName.endIndex)]) else {
            return (rowName, 1)
        }
        return (String(rowName[..<open.lowerBound]), call)
    }
}
