#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcAnalysis
import CNNCalcCore

/// The report as JSON in the versioned ``ReportSchema``, keys sorted, so that output is stable.
public struct JSONRenderer: Sendable {
    /// Choices of layout.
    public var options: RenderOptions

    /// Creates a JSON renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as pretty-printed JSON, ending in a newline.
    public func render(_ report: NetworkReport) -> String {
        let schema = ReportSchema(report, layout: options.layout ?? report.inputLayout, options: options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(schema), as: UTF8.self) + "\n"
        } catch {
            // The schema holds only strings, integers and arrays, which always encode.
            preconditionFailure("the JSON report could not be encoded: \(error)")
        }
    }
}
