import CNNCalc
import FuzzSupport

/// libFuzzer's entry point: the Keras reader, on the JSON of `model.to_json()`, then the analysis of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    if let network = try? KerasReader.network(fromJSON: FuzzInput.data(bytes, count), source: "fuzz.json") { FuzzInput.analyse(network) }
    return 0
}
