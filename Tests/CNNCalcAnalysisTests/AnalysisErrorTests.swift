import CNNCalc
import Testing

@Suite struct AnalysisErrorTests {
    private func analyze(_ text: String, source: String = "net.cnn") throws(CNNCalcError) -> NetworkReport {
        try Analyzer().analyze(try CNNTextReader.network(from: text, source: source))
    }

    @Test func kernelThatDoesNotFitNamesTheLineAndLayer() {
        let text = "input 11x11x1\nconv 8 5\nmaxpool 2\nconv 16 5\n"
        let error = #expect(throws: CNNCalcError.self) { try analyze(text) }
        #expect(error?.kind == .shape)
        #expect(error?.description == "net.cnn:4:1: conv2: kernel 5x5 does not fit the 3x3 input (padding 0); use padding=same or a kernel of at most 3")
    }

    @Test func addWithMismatchedChannels() {
        let text = "input 8x8x3\na: conv 16 3 padding=same\nb: conv 32 3 padding=same inputs=input\nsum: add inputs=a,b\n"
        let error = #expect(throws: CNNCalcError.self) { try analyze(text) }
        #expect(error?.description == "net.cnn:4:1: sum: add needs inputs whose shapes broadcast; channel mismatch: input 1 has 16 channels and input 2 has 32, and neither is 1; make the branches end in the same shape, e.g. with a 1x1 conv of 16 filters on the shorter path")
    }

    @Test func overflowingCountIsAnError() {
        let error = #expect(throws: CNNCalcError.self) { try analyze("input 1000000x1000000x1000000; dense 100", source: "-e") }
        #expect(error?.kind == .overflow)
        #expect(error?.layerName == "dense1")
        #expect(error?.description.hasPrefix("-e:1:32: dense1: the MAC count is larger than") == true)
    }

    @Test func windowLayerOnAVector() {
        let error = #expect(throws: CNNCalcError.self) { try analyze("input 784\nconv 8 3\n") }
        #expect(error?.description == "net.cnn:2:1: conv1: conv needs a feature map, but its input is a vector of 784; place it before the flatten or dense layer, or start from an input with spatial axes")
    }

    @Test func unevenStrideWarns() throws {
        let report = try analyze("input 28x28x1\nconv 8 5 stride=2\n")
        #expect(report.layers[1].warnings.map(\.description) == [
            "stride 2 does not divide the input evenly: the last row and the last column are never covered by a window (input 28x28, window 5x5); use padding=same or adjust the input size"
        ])
        let padded = try analyze("input 31x9x1\nmaxpool 3 stride=3 padding=1:0x0\n")
        #expect(padded.layers[1].warnings.map(\.description) == [
            "stride 3 does not divide the input evenly: the last 2 rows are never covered by a window (input 31x9, window 3x3, padding 1+0x0+0); use padding=same or adjust the input size"
        ])
        #expect(try analyze("input 28x28x1\nconv 8 4 stride=2\n").layers[1].warnings.isEmpty)
    }
}
