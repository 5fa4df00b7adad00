#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a network from the bytes of a file and its name, telling the format from the name's
/// extension and the content, without touching the disk: an ONNX model (`.onnx`), a Keras model
/// (`.keras`, `.json`, a ZIP archive or JSON text), the text of PyTorch's `print(model)` (which
/// needs the input's sizes), MATLAB layer code (`.m`), Lasagne or nolearn Python (`.py`), or `.cnn`.
///
/// The command line reads a file's bytes and hands them here; the web server hands the bytes of
/// an upload, with the upload's name used only to choose the reader and to name it in errors.
///
///     let model = try NetworkSource.read(Array("input 28x28x1; conv 32 5".utf8), name: "net.cnn")
///     model.format                                  // .cnn
///     let network = try model.network()
public enum NetworkSource {
    /// The formats ``read(_:name:inputSizes:)`` tells apart.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        /// The `.cnn` text format.
        case cnn
        /// An ONNX model.
        case onnx
        /// A Keras model: a `.keras` archive or the JSON of `model.to_json()`.
        case keras
        /// The text PyTorch prints for `print(model)`.
        case pytorchText = "pytorch-text"
        /// MATLAB layer code.
        case matlab
        /// Lasagne or nolearn Python.
        case lasagne
    }

    /// A network read from a source: its format, the sizes it leaves open, and notes on what the
    /// reading assumed or could not do, in the words the command prints after `note:`.
    public struct Model: Sendable {
        /// The format the source was read as.
        public let format: Format
        /// The sizes the source leaves open (a Keras `None`, a `.cnn` `?`); empty for the other formats.
        public let openSizes: [OpenSize]
        /// The convention of the framework the source comes from, when it says one.
        public let sourceConvention: Convention?
        /// What the reader assumed, or could not infer, one sentence each.
        public let notes: [String]
        /// Builds the network with a number for every open size.
        private let build: @Sendable (_ sizes: [String: Int]) throws(CNNCalcError) -> Network

        init(
            format: Format, openSizes: [OpenSize] = [], sourceConvention: Convention?, notes: [String] = [],
            build: @escaping @Sendable (_ sizes: [String: Int]) throws(CNNCalcError) -> Network
        ) {
            self.format = format
            self.openSizes = openSizes
            self.sourceConvention = sourceConvention
            self.notes = notes
            self.build = build
        }

        /// The network with the given number for each open size (by ``OpenSize/name``).
        public func network(sizes: [String: Int] = [:]) throws(CNNCalcError) -> Network {
            try build(sizes)
        }
    }

    /// Reads `bytes`, named `name` (a file name, used only to choose the reader and in errors).
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - name: the file's name; its extension chooses the reader when it is one CNNCalc knows.
    ///   - inputSizes: one example's input, channels first, for the text of `print(model)`,
    ///     which does not state it.
    /// - Throws: ``CNNCalcError``: `.input` for bytes that are not a model and not UTF-8 text;
    ///   the reader's errors, located in `name`.
    public static func read(_ bytes: [UInt8], name: String, inputSizes: [Int]? = nil) throws(CNNCalcError) -> Model {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".onnx") {
            let model = try ONNXReader.model(from: Data(bytes), source: name)
            let network = model.network
            return Model(format: .onnx, sourceConvention: network.sourceConvention, notes: onnxNotes(model)) { _ throws(CNNCalcError) in network }
        }
        if isKerasModel(name: name, bytes: bytes) {
            let model = try KerasReader.model(from: Data(bytes), source: name)
            return Model(format: .keras, openSizes: model.openSizes, sourceConvention: .keras) { sizes throws(CNNCalcError) in
                try model.network(sizes: sizes)
            }
        }
        let text = try text(of: bytes, name: name)
        if PyTorchTextReader.looksLikeModuleText(text) {
            let model = try PyTorchTextReader.model(from: text, source: name, inputSizes: inputSizes)
            let network = model.network
            return Model(format: .pytorchText, sourceConvention: network.sourceConvention, notes: model.assumptions) { _ throws(CNNCalcError) in network }
        }
        if isMATLAB(text, name: name) {
            let network = try MATLABReader.network(from: text, source: name)
            return Model(format: .matlab, sourceConvention: network.sourceConvention) { _ throws(CNNCalcError) in network }
        }
        if isLasagne(text, name: name) {
            let network = try LasagneReader.network(from: text, source: name)
            return Model(format: .lasagne, sourceConvention: network.sourceConvention) { _ throws(CNNCalcError) in network }
        }
        let model = try CNNTextReader.model(from: text, source: name)
        return Model(format: .cnn, openSizes: model.openSizes, sourceConvention: nil) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }
    }

    /// `bytes` as UTF-8 text, refusing binary files; `name` names them in the error.
    public static func text(of bytes: [UInt8], name: String) throws(CNNCalcError) -> String {
        if bytes.contains(0) {
            throw CNNCalcError(.input, "\(name) is not a text file (it contains NUL bytes)", fix: "give a .cnn text file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CNNCalcError(.input, "\(name) is not valid UTF-8 text", fix: "save the file as UTF-8")
        }
        return text
    }

    /// Whether a file is a Keras model: by its extension (`.keras`, `.json`, and `.h5`, which the
    /// reader refuses with a remedy), else by its content (a ZIP archive, or JSON starting with `{`).
    public static func isKerasModel(name: String, bytes: [UInt8]) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".keras") || lowered.hasSuffix(".json") || lowered.hasSuffix(".h5") { return true }
        if lowered.hasSuffix(".cnn") { return false }
        if KerasReader.isArchive(Data(bytes.prefix(4))) { return true }
        return bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }

    /// Whether `text`, named `name` (`nil` for an expression), is MATLAB: by the extension `.m`,
    /// else, unless the extension is `.cnn`, by its content (see ``MATLABReader/looksLikeMATLAB(_:)``).
    public static func isMATLAB(_ text: String, name: String?) -> Bool {
        let lowered = name?.lowercased() ?? ""
        if lowered.hasSuffix(".m") { return true }
        if lowered.hasSuffix(".cnn") { return false }
        return MATLABReader.looksLikeMATLAB(text)
    }

    /// Whether `text`, named `name` (`nil` for an expression), is Python for Lasagne or nolearn:
    /// a `.py` file, or, unless the extension is `.cnn`, a text that calls Lasagne layers.
    public static func isLasagne(_ text: String, name: String?) -> Bool {
        if let name, name.lowercased().hasSuffix(".py") { return true }
        if let name, name.lowercased().hasSuffix(".cnn") { return false }
        return LasagneReader.looksLikeLasagne(text)
    }

    /// What `cnncalc` prints after an ONNX model's report: the operators without a layer kind,
    /// the shapes it cannot infer, the declared shapes that disagree, the constants left uncounted.
    public static func onnxNotes(_ model: ONNXModel) -> [String] {
        var notes: [String] = []
        for (name, nodes) in model.opaqueOperators {
            let shown = nodes.prefix(3).joined(separator: ", ") + (nodes.count > 3 ? ", ..." : "")
            notes.append("\(name) has no CNNCalc layer kind (\(nodes.count) node\(nodes.count == 1 ? "" : "s"): \(shown)); its shape is the file's or inferred from its inputs, its parameters are its stored tensors")
        }
        let text = { (dims: [ONNXDimension]) in dims.map(\.description).joined(separator: " x ") }
        for node in model.uninferredNodes {
            notes.append("CNNCalc cannot infer the output shape of node '\(node.node)' (\(node.operatorName)): \(node.reason)")
        }
        for conflict in model.shapeConflicts {
            notes.append("the file declares \(text(conflict.declared)) for '\(conflict.tensor)' (node '\(conflict.node)'), but its inputs give \(text(conflict.inferred)); the report uses the file's shape")
        }
        if !model.constants.isEmpty {
            notes.append("\(model.constants.count) non-weight initializer\(model.constants.count == 1 ? "" : "s") (integer constants) not counted as parameters")
        }
        return notes
    }
}
