#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore
import SwiftProtobuf

/// Reads an ONNX model (`.onnx`) into a CNNCalc ``Network``, without reading its weights.
///
/// The file is memory-mapped and decoded with a copy of the ONNX schema in which every tensor's
/// data fields are reserved, so a 100 MB model decodes in about a millisecond and its weight
/// bytes are never copied; weights stored in external data files are never opened. Each tensor
/// is known by its dims, which is all CNNCalc needs to count parameters.
///
///     let model = try ONNXReader.model(atPath: "resnet18.onnx")
///     let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
///
/// The graph's inputs (those that are not initializers) become input layers, the first axis of
/// each being the batch. Nodes become layers named after the node: the operators CNNCalc has a layer
/// kind for (convolutions, dense, pooling, normalizations, activations, merges) map onto it, and the
/// others become ``OpaqueOperator`` layers whose output shape is the one the file declares in
/// `value_info`, or else the one CNNCalc infers from the node's inputs by the operator's ONNX rule,
/// folding the small integer computations PyTorch writes for sizes (`Shape`, `Gather`, `Concat`, ...).
/// The values those need (a `Reshape`'s target, a `Resize`'s scales) are read from the file's small
/// integer and floating-point tensors, and only from those.
///
/// Named sizes (`dim_param`) stay symbolic: the batch is kept out of each shape, and a size merged with
/// it (`2*batch` after a reshape) counts as for a batch of one. `symbolSizes` gives named sizes a fixed
/// size: with `["height": 224, "width": 224]`, an input of `batch x 3 x height x width` reads as `3x224x224`.
public enum ONNXReader {
    /// Reads the model at `path`.
    ///
    /// - Parameters:
    ///   - path: the model file.
    ///   - symbolSizes: sizes for named dims (`dim_param`), used wherever the symbol appears, as fixed sizes.
    /// - Throws: ``CNNCalcError`` of kind `.input` when the file cannot be read or is not a valid
    ///   ONNX model, `.graph` for a cycle or a node input nothing produces, `.badArgument` for an
    ///   input with a symbolic size other than the batch that `symbolSizes` does not give, or for a
    ///   size in `symbolSizes` below 1.
    public static func model(atPath path: String, symbolSizes: [String: Int] = [:]) throws(CNNCalcError) -> ONNXModel {
        try document(atPath: path).model(symbolSizes: symbolSizes)
    }

    /// Reads a model from its serialized bytes; `source` names it in errors.
    ///
    /// - Throws: ``CNNCalcError``, as ``model(atPath:symbolSizes:)``.
    public static func model(from data: Data, source: String, symbolSizes: [String: Int] = [:]) throws(CNNCalcError) -> ONNXModel {
        try document(from: data, source: source).model(symbolSizes: symbolSizes)
    }

    /// Decodes the file at `path` once, for models at several sizes (see ``ONNXDocument``).
    ///
    /// - Throws: ``CNNCalcError`` of kind `.input` when the file cannot be read or is not a valid ONNX model.
    public static func document(atPath path: String) throws(CNNCalcError) -> ONNXDocument {
        // A FIFO would block the mapping and a device never ends: only a regular file is read. (`stat`
        // rather than FileManager's attributes, which look up the owner's name in the user database.)
        var status = stat()
        let found = stat(path, &status) == 0
        if found {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw CNNCalcError(.input, "\(path) is a directory", fix: "give an .onnx file inside it")
            default: throw CNNCalcError(.input, "\(path) is not a regular file", fix: "give an .onnx file saved by onnx.save or torch.onnx.export")
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CNNCalcError(.input, "\(path) \(found ? "cannot be read" : "does not exist")",
                               fix: found ? "check its permissions" : "check the path")
        }
        return try document(from: data, source: path)
    }

    /// Decodes a model's serialized bytes once; `source` names it in errors.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.input` when the bytes are not a valid ONNX model.
    public static func document(from data: Data, source: String) throws(CNNCalcError) -> ONNXDocument {
        var options = BinaryDecodingOptions()
        // The reserved data fields would otherwise be copied into unknownFields.
        options.discardUnknownFields = true
        let proto: Onnxlite_ModelProto
        do {
            proto = try Onnxlite_ModelProto(serializedBytes: data, options: options)
        } catch {
            throw invalid(source, reason(error))
        }
        guard proto.hasGraph, !proto.graph.node.isEmpty || !proto.graph.input.isEmpty else {
            throw invalid(source, "no graph")
        }
        let stored: StoredValues
        do {
            stored = try StoredValues(model: data)
        } catch {
            throw invalid(source, "malformed: \(error.problem) at byte \(error.offset)")
        }
        return ONNXDocument(graph: proto.graph, stored: stored, source: source)
    }

    private static func invalid(_ source: String, _ reason: String) -> CNNCalcError {
        CNNCalcError(.input, "\(source) is not a valid ONNX model (protobuf: \(reason))",
                     fix: "check that the file is complete and was saved by onnx.save or torch.onnx.export")
    }

    /// The short reason of a protobuf decoding failure; the library's own text never reaches the user.
    private static func reason(_ error: any Error) -> String {
        guard let decoding = error as? BinaryDecodingError else { return "unreadable" }
        switch decoding {
        case .truncated: return "truncated"
        case .malformedProtobuf: return "malformed"
        case .invalidUTF8: return "invalid UTF-8 in a string"
        case .messageDepthLimit: return "nested too deeply"
        default: return "malformed"
        }
    }
}
