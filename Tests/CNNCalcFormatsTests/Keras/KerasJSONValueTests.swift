import CNNCalc
import Foundation
import Testing

/// How the Keras reader reads JSON's values: numbers with and without a fraction, booleans,
/// strings and nulls where a size belongs, each refused with what was found.
@Suite struct KerasJSONValueTests {
    /// A Sequential model of an 8-wide input and a Dense layer whose `units` is `units`, as JSON text.
    static func model(units: String) -> Data {
        let json = #"{"class_name": "Sequential", "config": {"name": "m", "layers": [{"class_name": "InputLayer", "name": "x", "#
            + #""config": {"name": "x", "batch_shape": [null, 8]}}, {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": \#(units)}}]}}"#
        return Data(json.utf8)
    }

    /// `3` and `3.0` are the same whole number; `3e0` too.
    @Test(arguments: ["3", "3.0", "3e0", "3.000"])
    func wholeNumbersAreSizesHoweverWritten(units: String) throws {
        let report = try Analyzer().analyze(try KerasReader.network(from: Self.model(units: units), source: "m.json"))
        #expect(report.totals.parameters == (8 + 1) * 3)
    }

    @Test(arguments: [
        ("2.5", "expected an integer, found 2.5"),
        ("1e20", "expected an integer, found 1e+20"),
        ("1e300", "expected an integer, found 1e+300"),
        ("true", "expected an integer, found true"),
        (#""3""#, #"expected an integer, found "3""#),
        ("[3]", "expected an integer, found a list"),
        (#"{"n": 3}"#, "expected an integer, found an object"),
        ("-2", "expected a positive integer, found -2"),
    ])
    func otherValuesAreRefusedWithWhatWasFound(units: String, problem: String) throws {
        do {
            _ = try Analyzer().analyze(try KerasReader.network(from: Self.model(units: units), source: "m.json"))
            Issue.record("no error for units \(units)")
        } catch {
            #expect(error.description == "m.json: config.layers[1].config.units: d: \(problem)")
        }
    }

    @Test func nullIsAMissingValue() throws {
        do {
            _ = try KerasReader.network(from: Self.model(units: "null"), source: "m.json")
            Issue.record("no error for units null")
        } catch {
            #expect(error.description.contains("the key 'units' is missing"))
        }
    }
}
