import CNNCalc
import FuzzSupport

/// libFuzzer's entry point: the reader of PyTorch's `print(model)` text, with a 2-D and a 1-D input, then the analysis of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = FuzzInput.text(bytes, count) else { return 0 }
    for sizes in [[3, 32, 32], [8, 64]] {
        if let model = try? PyTorchTextReader.model(from: text, source: "fuzz.txt", inputSizes: sizes) { FuzzInput.analyse(model.network) }
    }
    return 0
}
