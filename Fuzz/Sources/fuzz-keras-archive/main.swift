import CNNCalc
import FuzzSupport

/// libFuzzer's entry point: the Keras reader, on a `.keras` archive (a ZIP file holding config.json), then the analysis of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    if let network = try? KerasReader.network(fromArchive: FuzzInput.data(bytes, count), source: "fuzz.keras") { FuzzInput.analyse(network) }
    return 0
}
