import CNNCalc
import Testing

/// Shortcuts shared by the `.cnn` reader tests. Every text is read as the file `net.cnn`.
enum ReaderTesting {
    /// The source name the tests read from.
    static let source = "net.cnn"

    /// The declarations of `text`.
    static func declarations(_ text: String) throws(CNNCalcError) -> [LayerDeclaration] {
        try CNNTextReader.declarations(from: text, source: source)
    }

    /// The kind of the single layer that `statement` declares.
    static func kind(_ statement: String) throws -> LayerKind {
        let declarations = try declarations(statement)
        try #require(declarations.count == 1)
        return try #require(declarations.first).kind
    }

    /// The location `line:column` of `net.cnn`.
    static func location(_ line: Int, _ column: Int) -> CNNCalcCore.SourceLocation {
        CNNCalcCore.SourceLocation(source: source, line: line, column: column)
    }
}

extension LayerKind {
    /// The convolution this kind wraps, if it is one.
    var convolution: Convolution? {
        if case .convolution(let layer) = self { layer } else { nil }
    }

    /// The pooling this kind wraps, if it is one.
    var pooling: Pooling? {
        if case .pooling(let layer) = self { layer } else { nil }
    }

    /// The input this kind wraps, if it is one.
    var input: Input? {
        if case .input(let layer) = self { layer } else { nil }
    }

    /// The dense layer this kind wraps, if it is one.
    var dense: Dense? {
        if case .dense(let layer) = self { layer } else { nil }
    }
}
