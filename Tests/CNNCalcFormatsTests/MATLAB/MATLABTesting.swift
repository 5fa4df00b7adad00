@testable import CNNCalcFormats
import CNNCalc
import Testing

/// Shortcuts shared by the MATLAB reader tests. Every text is read as the file `net.m`.
enum MATLABTesting {
    /// The source name the tests read from.
    static let source = "net.m"

    /// The network `text` defines.
    static func network(_ text: String) throws(CNNCalcError) -> Network {
        try MATLABReader.network(from: text, source: source)
    }

    /// The report of `text`, counted as MATLAB counts (the source's own convention).
    static func report(_ text: String) throws -> NetworkReport {
        let network = try network(text)
        return try Analyzer(options: AnalysisOptions(convention: network.sourceConvention ?? .keras)).analyze(network)
    }

    /// The variables after running `text`.
    static func variables(_ text: String) throws(CNNCalcError) -> [String: MATLABValue] {
        var interpreter = MATLABInterpreter()
        for statement in try MATLABParser.statements(try MATLABLexer.tokens(in: text, source: source)) {
            try interpreter.run(statement)
        }
        return interpreter.variables
    }

    /// The numbers of variable `name` after running `text`, row by row, with the array's size.
    static func numbers(_ name: String, in text: String) throws -> (rows: Int, columns: Int, values: [Double]) {
        let value = try #require(try variables(text)[name])
        guard case .numbers(let matrix) = value else {
            Issue.record("\(name) is \(value.described), not numbers")
            return (0, 0, [])
        }
        return (matrix.rows, matrix.columns, matrix.values)
    }

    /// The location `line:column` of `net.m`.
    static func location(_ line: Int, _ column: Int) -> CNNCalcCore.SourceLocation {
        CNNCalcCore.SourceLocation(source: source, line: line, column: column)
    }

    /// The learnables of layer `name` as `Name size` texts, as analyzeNetwork lists them, states included unless `states` is false.
    static func learnables(_ report: NetworkReport, _ name: String, states: Bool = true) -> [String] {
        let learnables = report.layers.first { $0.name == name }?.learnables ?? []
        return learnables.filter { states || $0.role != .state }.map { "\($0.name) \(Convention.matlab.shapeText($0.shape))" }
    }
}
