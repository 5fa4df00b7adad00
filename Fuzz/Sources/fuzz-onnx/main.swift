import CNNCalc
import FuzzSupport

/// libFuzzer's entry point: the ONNX reader, on a model's serialized bytes, then the analysis of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    if let model = try? ONNXReader.model(from: FuzzInput.data(bytes, count), source: "fuzz.onnx") { FuzzInput.analyse(model.network) }
    return 0
}
