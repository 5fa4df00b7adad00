import CNNCalc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a network from any source `cnncalc` knows: `zoo:NAME` for a model of the zoo, else
/// the file, its format told from its path and content by ``NetworkSource``.
enum NetworkFile {
    /// The network at `path`.
    static func network(at path: String, input: InputSizeArgument?) throws -> Network {
        if path.hasPrefix("zoo:") {
            let name = String(path.dropFirst(4))
            let model = try Zoo.entry(named: name)
            return try model.network(try Zoo.configuration(of: model, input: try input?.shape(in: model.inputLayout)))
        }
        if path.lowercased().hasSuffix(".onnx") {
            try InputFile.checkModelFile(at: path)
            return try ONNXReader.model(atPath: path).network
        }
        let bytes = try InputFile.bytes(at: path)
        if !NetworkSource.isKerasModel(name: path, bytes: bytes) {
            // Checked here so that the error names standard input as the command line does.
            _ = try InputFile.text(of: bytes, path: path)
        }
        return try NetworkSource.read(bytes, name: path == "-" ? "<stdin>" : path, inputSizes: input?.sizes).network()
    }
}
