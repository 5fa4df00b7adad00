import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Keras files built to hurt a reader: a ZIP bomb, JSON and models nested past any real model,
/// absurd sizes. Each gives one error, at once and in little memory.
@Suite struct KerasHostileInputTests {
    static let bomb = Fixtures.directory.appendingPathComponent("hostile/keras_bomb.keras")

    func readError(_ data: Data, source: String = "m.json") -> CNNCalcError? {
        do {
            _ = try Analyzer().analyze(try KerasReader.network(from: data, source: source))
            return nil
        } catch {
            return error
        }
    }

    @Test func zipBombIsRefusedByTheSizeItsHeaderStates() throws {
        let error = try #require(readError(try Data(contentsOf: Self.bomb), source: "bomb.keras"))
        #expect(error.description == "bomb.keras: config.json unpacks to more than the 67108864-byte limit; check that this is the model you meant")
    }

    @Test func zipBombThatUnderstatesItsSizeStopsInflating() throws {
        // The same archive with config.json's size written as 1,000 bytes, in the directory and the local header.
        var bytes = [UInt8](try Data(contentsOf: Self.bomb))
        let understated: [UInt8] = [0xE8, 0x03, 0x00, 0x00]
        var patched = 0
        for index in 0..<(bytes.count - 46) where bytes[index..<(index + 4)] == [0x50, 0x4B, 0x01, 0x02] {
            let nameLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
            guard String(decoding: bytes[(index + 46)..<(index + 46 + nameLength)], as: UTF8.self) == "config.json" else { continue }
            bytes.replaceSubrange((index + 24)..<(index + 28), with: understated)
            let local = Int(bytes[index + 42]) | Int(bytes[index + 43]) << 8 | Int(bytes[index + 44]) << 16 | Int(bytes[index + 45]) << 24
            bytes.replaceSubrange((local + 22)..<(local + 26), with: understated)
            patched += 1
        }
        #expect(patched == 1)
        let error = try #require(readError(Data(bytes), source: "bomb.keras"))
        #expect(error.description == "bomb.keras: config.json cannot be unpacked (the archive is damaged); save the model again with model.save('model.keras')")
    }

    /// JSONDecoder refuses nesting past 512 levels, so no reader ever recurses deeper.
    @Test(arguments: [1_000, 100_000])
    func deeplyNestedJSONIsOneError(depth: Int) throws {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(readError(Data(text.utf8)))
        #expect(error.description == "m.json: the JSON text: the file is not valid JSON (it may be truncated); export the model again with model.to_json() or model.save('model.keras')")
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let objectError = try #require(readError(Data(objects.utf8)))
        #expect(objectError.description == "m.json: the JSON text: the file is not valid JSON (it may be truncated); export the model again with model.to_json() or model.save('model.keras')")
    }

    /// `depth` Sequential models, each holding the next; the innermost holds a Dense layer.
    static func nestedModels(_ depth: Int) -> Data {
        var inner = #"{"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2}}"#
        for level in 0..<depth {
            inner = """
                {"class_name": "Sequential", "name": "s\(level)", "config": {"name": "s\(level)", "layers": [\
                {"class_name": "InputLayer", "name": "i\(level)", "config": {"name": "i\(level)", "batch_shape": [null, 4]}}, \(inner)]}}
                """
        }
        return Data(inner.utf8)
    }

    @Test func modelsNestedWithinTheLimitAreRead() throws {
        let network = try KerasReader.network(from: Self.nestedModels(10), source: "m.json")
        let report = try Analyzer().analyze(network)
        #expect(report.totals.parameters == 10)
    }

    @Test func modelsNestedPastTheLimitAreOneError() throws {
        let error = try #require(readError(Self.nestedModels(100)))
        // The 65th model, s35 (the outermost is s99), is one too many.
        let path = (0..<65).map { _ in "config.layers[1]" }.joined(separator: ".")
        #expect(error.description == "m.json: \(path): s34: models are nested more than 64 deep; "
            + "CNNCalc follows nested models to a depth of 64; flatten the model")
    }

    @Test(arguments: [
        ("4611686018427387904", "m.json: config.layers[0]: x: the output 4611686018427387904x4 has an axis of 4611686018427387904, larger than 1,099,511,627,776 (2^40), the largest size CNNCalc counts; check the sizes for a typo; no real network is this large"),
        ("0", "m.json: config.layers[0].config.batch_shape[1]: x: expected a positive integer, found 0"),
        ("-3", "m.json: config.layers[0].config.batch_shape[1]: x: expected a positive integer, found -3"),
    ])
    func inputSizeOutOfRangeIsOneError(size: String, expected: String) throws {
        let json = #"{"class_name": "Sequential", "config": {"name": "m", "layers": [{"class_name": "InputLayer", "name": "x", "#
            + #""config": {"name": "x", "batch_shape": [null, \#(size), 4]}}, {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2}}]}}"#
        let error = try #require(readError(Data(json.utf8)))
        #expect(error.description == expected)
    }

    @Test func parameterCountBeyondSixtyFourBitsIsOneError() throws {
        let json = #"{"class_name": "Sequential", "config": {"name": "m", "layers": [{"class_name": "InputLayer", "name": "x", "#
            + #""config": {"name": "x", "batch_shape": [null, 1000000000000]}}, {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 1000000000000}}]}}"#
        let error = try #require(readError(Data(json.utf8)))
        #expect(error.description == "m.json: config.layers[1]: d: the MAC count is larger than 9,223,372,036,854,775,807 and cannot be counted in 64 bits; check the sizes for a typo; no real network is this large")
    }
}
