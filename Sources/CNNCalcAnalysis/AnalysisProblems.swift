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
    /// The parameter and state counts summed over every layer, when every layer could be
    /// analysed: a layer whose declared input disagrees with what arrives is counted with the
    /// input it declares, so these are the counts the source's declarations hold whatever the
    /// data flow. `nil` when a layer was skipped or its learnables could not be counted. The
    /// costs in it are those of the declared inputs, which may never arrive.
    public let totals: Totals?

    /// Creates the list; `errors` must not be empty.
    public init(_ errors: [CNNCalcError], totals: Totals? = nil) {
        precondition(!errors.isEmpty, "a list of analysis problems has at least one problem")
        self.errors = errors
        self.totals = totals
    }

    /// One line per problem.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
