import CNNCalc
import CNNCalcTestSupport
import Testing

/// One case of `Tests/Fixtures/zoo/keras.json`: a `keras/` zoo model built by Keras Applications
/// with these options, and what Keras reported (see `Scripts/generate_zoo_keras_fixtures.py`).
struct ZooKerasCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Options: Decodable, Sendable {
        var `case`: String
        var input: [Int]
        var classes: Int?
        var includesTop: Bool
        var width: Double?
    }

    /// A layer of `model.layers`: its name, output shape without the batch axis (channels last)
    /// and `count_params()`.
    struct Row: Decodable, Sendable {
        var name: String
        var shape: [Int]
        var parameters: Int

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            name = try container.decode(String.self)
            shape = try container.decode([Int].self)
            parameters = try container.decode(Int.self)
        }
    }

    var model: String
    var options: Options
    var builder: String
    var parameters: Int
    var trainable: Int
    var nonTrainable: Int
    var layers: [Row]

    var testDescription: String { "\(model), \(options.case): \(builder)" }

    /// The input as a shape, read channels last as Keras writes it.
    var input: TensorShape {
        get throws {
            .featureMap(spatial: try SpatialSizes(options.input.dropLast()), channels: options.input[options.input.count - 1])
        }
    }

    /// The zoo's network for this case.
    func network() throws -> Network {
        try Zoo.model(model, input: try input, classes: options.classes, includesTop: options.includesTop, width: options.width)
    }
}

extension ZooFixtures {
    struct KerasDocument: Decodable {
        var versions: [String: String]
        var cases: [ZooKerasCase]
    }

    static let keras = Fixtures.decode(KerasDocument.self, from: "zoo/keras.json")
}
