import CNNCalc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a network from any source `cnncalc` knows, telling the format from the path and the
/// content: `zoo:NAME` for a model of the zoo, `.onnx`, a Keras model, the text of PyTorch's
/// `print(model)` (which needs `input`), MATLAB layer code, Lasagne or nolearn Python, or `.cnn`.
enum NetworkFile {
    /// The network at `path`.
    static func network(at path: String, input: InputSizeArgument?) throws -> Network {
        if path.hasPrefix("zoo:") {
            let name = String(path.dropFirst(4))
            let model = try Zoo.entry(named: name)
            return try model.network(try Zoo.configuration(of: model, input: input?.shape(in: model.inputLayout)))
        }
        if path.lowercased().hasSuffix(".onnx") {
            try InputFile.checkModelFile(at: path)
            return try ONNXReader.model(atPath: path).network
        }
        let bytes = try InputFile.bytes(at: path)
        let source = path == "-" ? "<stdin>" : path
        if KerasModelFile.isKerasModel(path: path, bytes: bytes) {
            return try KerasReader.network(from: Data(bytes), source: source)
        }
        let text = try InputFile.text(of: bytes, path: path)
        if PyTorchTextReader.looksLikeModuleText(text) {
            return try PyTorchTextReader.model(from: text, source: source, inputSizes: input?.sizes).network
        }
        if MATLABText.isMATLAB(text, path: path) { return try MATLABReader.network(from: text, source: source) }
        if LasagneSource.isLasagne(path: path, text: text) { return try LasagneReader.network(from: text, source: source) }
        return try CNNTextReader.network(from: text, source: source)
    }
}
