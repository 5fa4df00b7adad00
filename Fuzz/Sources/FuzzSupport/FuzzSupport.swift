import CNNCalc
import Foundation

/// What the fuzz targets share: turning libFuzzer's bytes into a reader's input, and analysing
/// whatever network the reader accepted. A reader may refuse any input with a `CNNCalcError`;
/// anything else (a trap, a sanitizer report, a hang past libFuzzer's `-timeout`, a leak) is a finding.
public enum FuzzInput {
    /// The bytes libFuzzer gives, as `Data`.
    public static func data(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Data {
        Data(bytes: bytes, count: count)
    }

    /// The bytes as text, or nil when they are not UTF-8 (the command line refuses those before any reader sees them).
    public static func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String? {
        String(validating: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Analyses `network` as Keras and as PyTorch count, at a batch of 2, and renders the arithmetic
    /// (`--explain`) and the table: the work `cnncalc` does after the reader.
    public static func analyse(_ network: Network) {
        if let report = try? Analyzer(options: AnalysisOptions(convention: .keras, batchSize: 2)).analyze(network) {
            _ = ExplainRenderer().render(report)
        }
        if let report = try? Analyzer(options: AnalysisOptions(convention: .pytorch, batchSize: 2)).analyze(network) {
            _ = TableRenderer().render(report)
        }
    }
}
