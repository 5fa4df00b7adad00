import CNNCalc
import FuzzSupport

/// libFuzzer's entry point: the MATLAB layer-code reader, then the analysis of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = FuzzInput.text(bytes, count) else { return 0 }
    if let network = try? MATLABReader.network(from: text, source: "fuzz.m") { FuzzInput.analyse(network) }
    return 0
}
