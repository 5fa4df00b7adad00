#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore

/// A decoded ONNX file, ready to become an ``ONNXModel`` at any sizes its inputs leave open.
///
/// The file is decoded once; each ``model(symbolSizes:)`` maps the graph again with the given
/// numbers, which costs a small part of a read. A model exported with a `dim_param` other than the
/// batch (`dynamic_axes={"input": {0: "batch", 1: "seq"}}`) lists it in ``openSizes``, and
/// `OpenSizeAnalysis` analyses it with the size kept open:
///
///     let document = try ONNXReader.document(atPath: "encoder.onnx")
///     document.openSizes.map(\.name)          // ["seq"]
///     let report = try OpenSizeAnalysis.report(openSizes: document.openSizes) { sizes throws(CNNCalcError) in
///         try document.model(symbolSizes: sizes).network
///     }
///
/// The batch (each input's first axis) is not an open size: it is kept out of every shape, as in
/// every CNNCalc report, and sized by the analysis' batch size.
public struct ONNXDocument: Sendable {
    /// The file's name in messages.
    public let source: String
    /// The named sizes (`dim_param`) of the graph inputs' axes after the batch, in the order the
    /// inputs list them: each needs a number, from `--dim` or from `OpenSizeAnalysis`.
    public let openSizes: [OpenSize]
    /// The names the inputs give their batch axis (`batch`), in the order the inputs list them.
    public let batchSymbols: [String]

    private let graph: Onnxlite_GraphProto
    private let stored: StoredValues

    init(graph: Onnxlite_GraphProto, stored: StoredValues, source: String) {
        self.graph = graph
        self.stored = stored
        self.source = source
        let initializers = Set(graph.initializer.map(\.name))
        var batch: [String] = []
        var later: [(name: String, origin: String)] = []
        for info in graph.input where !initializers.contains(info.name) {
            guard case .tensorType(let tensor)? = info.type.value else { continue }
            for (axis, dim) in tensor.shape.dim.enumerated() {
                guard case .dimParam(let symbol)? = dim.value, !symbol.isEmpty else { continue }
                if axis == 0 {
                    if !batch.contains(symbol) { batch.append(symbol) }
                } else if !later.contains(where: { $0.name == symbol }) {
                    later.append((symbol, "axis \(axis) of the input '\(info.name)'"))
                }
            }
        }
        batchSymbols = batch
        // A symbol that is some input's batch stays the batch; the mapper says so if it also sizes a later axis.
        openSizes = later.filter { !batch.contains($0.name) }.map { OpenSize(name: $0.name, origin: $0.origin) }
    }

    /// The model with the given number for named sizes (`dim_param`); a size in ``openSizes`` left
    /// without one is an error naming it.
    ///
    /// - Throws: ``CNNCalcError``, as ``ONNXReader/model(atPath:symbolSizes:)``.
    public func model(symbolSizes: [String: Int] = [:]) throws(CNNCalcError) -> ONNXModel {
        if let (symbol, size) = symbolSizes.sorted(by: { $0.key < $1.key }).first(where: { $0.value < 1 }) {
            throw CNNCalcError(.badArgument, "the size \(size) given for '\(symbol)' is not positive",
                               fix: "give each named size a whole number of at least 1")
        }
        var mapper = ONNXGraphMapper(graph: graph, source: source, stored: stored, symbolSizes: symbolSizes)
        return try mapper.model()
    }
}
