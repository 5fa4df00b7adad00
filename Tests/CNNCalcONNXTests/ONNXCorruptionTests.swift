import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Damaged files must end in a `CNNCalcError` or a report, never in a crash.
@Suite struct ONNXCorruptionTests {
    static let files = ["plain_cnn.onnx", "residual_bn.onnx", "lstm.onnx", "transformer.onnx",
                        "inferred/view_flatten_legacy.onnx", "inferred/lstm_state_dynamo.onnx", "inferred/encoder_legacy.onnx",
                        "inferred/operators_opset18.onnx"]

    /// Every 13th byte, then every 13th from a shifted start, set to one of a few values; and every prefix length in steps.
    static func variants(of bytes: Data) -> [Data] {
        var result: [Data] = []
        for (offset, value) in [(0, UInt8(0xFF)), (5, 0x00), (9, 0x80), (3, 0x08)] {
            var copy = bytes
            var index = offset
            while index < copy.count {
                copy[copy.startIndex + index] = value
                index += 13
            }
            result.append(copy)
        }
        for position in stride(from: 0, to: bytes.count, by: max(bytes.count / 40, 1)) {
            var copy = bytes
            copy[copy.startIndex + position] ^= 0x5A
            result.append(copy)
            result.append(bytes.prefix(position))
        }
        return result
    }

    @Test(arguments: files) func damagedBytesNeverCrash(_ file: String) throws {
        let bytes = try Data(contentsOf: Fixtures.directory.appendingPathComponent("onnx").appendingPathComponent(file))
        var errors = 0
        for variant in Self.variants(of: bytes) {
            do {
                let model = try ONNXReader.model(from: variant, source: file)
                _ = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
            } catch {
                errors += 1
                #expect(!error.description.isEmpty)
            }
        }
        // The truncated prefixes at least must fail.
        #expect(errors >= 20)
    }
}
