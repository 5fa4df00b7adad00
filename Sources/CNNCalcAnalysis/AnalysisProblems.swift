import CNNCalcCore

/// Every problem an analysis found in a network, in the order of its layers.
///
/// ``Analyzer/analyzeCollectingProblems(_:)`` throws it when a network does not fit together.
/// Each problem is a ``CNNCalcError`` naming its layer, its location, what arrives, what the
/// layer expects and the fix. A layer whose output cannot be known stops the layers after it
/// from being checked, and they are not listed as problems of their own.
public struct AnalysisProblems: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, at least one, in the order the analysis met them.
    public let errors: [CNNCalcError]

    /// Creates the list; `errors` must not be empty.
    public init(_ errors: [CNNCalcError]) {
        precondition(!errors.isEmpty, "a list of analysis problems has at least one problem")
        self.errors = errors
    }

    /// One line per problem.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
