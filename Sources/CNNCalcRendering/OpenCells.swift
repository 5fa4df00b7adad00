import CNNCalcAnalysis
import CNNCalcCore

/// Counts that may depend on open sizes, as the text reports write them.
enum OpenCells {
    /// A per-example count times the batch, as a table cell: `460.8K`, `12.3K·seq_len`, or `?`
    /// when unknown (or uncostable).
    static func cell(_ value: OpenValue?, batch: Int) -> String {
        guard let value else { return "?" }
        switch value.scaled(by: batch) {
        case .exact(let polynomial):
            return polynomial.constant.map(NumberFormatting.humanized) ?? polynomial.text(.short)
        case .unknown:
            return "?"
        }
    }
}
