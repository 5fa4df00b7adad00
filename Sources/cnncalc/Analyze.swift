import ArgumentParser
import CNNCalc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Tells a Keras model file from a `.cnn` text.
enum KerasModelFile {
    /// Whether the file is a Keras model: by its extension (`.keras`, `.json`, and `.h5`, which
    /// the reader refuses with a remedy), else by its content (a ZIP archive, or JSON starting with `{`).
    static func isKerasModel(path: String, bytes: [UInt8]) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".keras") || lowered.hasSuffix(".json") || lowered.hasSuffix(".h5") { return true }
        if lowered.hasSuffix(".cnn") { return false }
        if KerasReader.isArchive(Data(bytes.prefix(4))) { return true }
        return bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }
}

/// Analyses a network from a `.cnn` file, an expression, or the built-in example.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a network: a .cnn file, a Keras (.keras, .json) or ONNX (.onnx) model, an expression (-e), or the built-in example.",
        discussion: """
            Examples:
              cnncalc net.cnn
              cnncalc -e 'input 28x28x1; conv 32 5; maxpool 2; dense 10'
              cnncalc net.cnn --explain
              cnncalc model.keras
              cnncalc net.cnn --format json
              cnncalc model.onnx         (counted as PyTorch does unless --convention says otherwise)
              cnncalc model.onnx --depth 2   (one row per module down to depth 2, as torchinfo's depth)
            """
    )

    @Argument(help: "A .cnn file, a Keras model (.keras, or the JSON of model.to_json()), an ONNX model (.onnx), or - for standard input. Without it (and without -e), the built-in example.")
    var file: String?

    @Option(name: [.customShort("e"), .long], help: "A network written inline, layers separated by ';'.")
    var expression: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if file != nil && expression != nil {
            throw ValidationError("give either a file or -e, not both")
        }
    }

    func run() throws {
        if let file, file.lowercased().hasSuffix(".onnx") {
            try runONNX(file)
            return
        }
        let text: String
        let source: String
        if let expression {
            (text, source) = (expression, "-e")
        } else if let file {
            let bytes = try InputFile.bytes(at: file)
            if KerasModelFile.isKerasModel(path: file, bytes: bytes) {
                let network = try KerasReader.network(from: Data(bytes), source: file == "-" ? "<stdin>" : file)
                print(try output.report(network), terminator: "")
                return
            }
            (text, source) = (try InputFile.text(of: bytes, path: file), file == "-" ? "<stdin>" : file)
        } else {
            (text, source) = (BuiltInExample.text, BuiltInExample.sourceName)
        }
        let network = try CNNTextReader.network(from: text, source: source)
        print(try output.report(network), terminator: "")
        if file == nil && expression == nil {
            printError("""

                This is the built-in example (the Lasagne MNIST network). Analyse your own network with
                  cnncalc net.cnn            a file, one layer per line
                  cnncalc -e 'input 28x28x1; conv 32 5; maxpool 2; dense 10'
                  cnncalc net.cnn --explain  the arithmetic behind every number
                  cnncalc conv --input 50x50x2 --filters 20 --kernel 5
                See cnncalc --help.
                """)
        }
    }

    /// Analyses an ONNX model; notes about the file go to standard error, after the report.
    private func runONNX(_ path: String) throws {
        let model = try ONNXReader.model(atPath: path)
        let report: String
        do {
            report = try output.report(model.network)
        } catch {
            // The analysis stopped at a shape CNNCalc cannot infer: the notes come before the error, which
            // names its own node; the notes name the others.
            printShapeNotes(model, except: (error as? CNNCalcError)?.layerName)
            throw error
        }
        print(report, terminator: "")
        for (name, nodes) in model.opaqueOperators {
            let shown = nodes.prefix(3).joined(separator: ", ") + (nodes.count > 3 ? ", ..." : "")
            printError("note: \(name) has no CNNCalc layer kind (\(nodes.count) node\(nodes.count == 1 ? "" : "s"): \(shown)); its shape is the file's or inferred from its inputs, its parameters are its stored tensors")
        }
        printShapeNotes(model)
        if !model.constants.isEmpty {
            printError("note: \(model.constants.count) non-weight initializer\(model.constants.count == 1 ? "" : "s") (integer constants) not counted as parameters")
        }
    }

    /// The nodes whose shape CNNCalc cannot infer, and the declared shapes that contradict the inferred ones.
    private func printShapeNotes(_ model: ONNXModel, except skipped: String? = nil) {
        let text = { (dims: [ONNXDimension]) in dims.map(\.description).joined(separator: " x ") }
        for node in model.uninferredNodes where node.node != skipped {
            printError("note: CNNCalc cannot infer the output shape of node '\(node.node)' (\(node.operatorName)): \(node.reason)")
        }
        for conflict in model.shapeConflicts {
            printError("note: the file declares \(text(conflict.declared)) for '\(conflict.tensor)' (node '\(conflict.node)'), but its inputs give \(text(conflict.inferred)); the report uses the file's shape")
        }
    }
}
