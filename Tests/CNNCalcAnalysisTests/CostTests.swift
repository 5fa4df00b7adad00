import CNNCalc
import Testing

@Suite struct CostTests {
    private func report(_ text: String, _ options: AnalysisOptions = AnalysisOptions()) throws -> NetworkReport {
        try Analyzer(options: options).analyze(try CNNTextReader.network(from: text, source: "-e"))
    }

    // The Stack Overflow 42786717 network: 460,800 + 921,600 + 204,800 + 2,560 MACs without bias.
    @Test func lasagneExampleMACs() throws {
        let report = try report(BuiltInExample.text)
        #expect(report.layers.map { $0.cost?.macs } == [0, 460_800, 0, 921_600, 0, 204_800, 2_560])
        #expect(report.totals.cost.macs == 1_589_760)
        #expect(report.totals.uncostedLayers.isEmpty)
    }

    // torchinfo counts parameters x output positions for convolutions: 832*576 + 9,248*100 + 205,056 + 2,570.
    @Test func lasagneExampleTorchinfoMultAdds() throws {
        let report = try report(BuiltInExample.text)
        #expect(try report.torchinfoMultAdds() == 1_611_658)
        let batched = try self.report(BuiltInExample.text, AnalysisOptions(batchSize: 7))
        #expect(try batched.torchinfoMultAdds() == 7 * 1_611_658)
        #expect(batched.totals.cost.macs == 7 * 1_589_760)
    }

    // FLOPs: two per MAC, plus one per output value for a bias, a window per pooled output,
    // one per value for an activation and three for softmax.
    @Test(arguments: [
        ("input 28x28x1; conv 32 5", 2 * 460_800 + 24 * 24 * 32),
        ("input 28x28x1; conv 32 5 bias=false", 2 * 460_800),
        ("input 28x28x1; conv 32 5 bias=false activation=relu", 2 * 460_800 + 24 * 24 * 32),
        ("input 24x24x32; maxpool 2", 12 * 12 * 32 * 4),
        ("input 24x24x32; globalavgpool", 24 * 24 * 32),
        ("input 256; dense 10 activation=softmax", 2 * 2_560 + 10 + 30),
        ("input 8x8x4; batchnorm", 2 * 256),
        ("input 8x8x4; relu", 256),
        ("input 8x8x4; flatten", 0),
    ])
    func flops(_ text: String, _ expected: Int) throws {
        #expect(try report(text).totals.cost.flops == expected)
    }

    @Test func denseOnTheLastAxisCountsEveryPosition() throws {
        let report = try report("input 5x5x32; dense 256 flatten=false")
        #expect(report.layers[1].cost?.macs == 25 * 32 * 256)
    }

    @Test func memoryFollowsTheStatedAssumptions() throws {
        let report = try report("input 8x8x4; conv 8 3; bn: batchnorm", AnalysisOptions(convention: .pytorch, batchSize: 2))
        // Parameters (3*3*4+1)*8 + 2*8 = 312; buffers 2*8 + 1 = 17; outputs 256 + 288 + 288 per example.
        let memory = try MemoryEstimate(report, dataType: .fp16, optimizer: .adam)
        #expect(memory.weightBytes == (312 + 17) * 2)
        #expect(memory.gradientBytes == 312 * 2)
        #expect(memory.optimizerBytes == 312 * 2 * 2)
        #expect(memory.activationBytes == (256 + 288 + 288) * 2 * 2)
        #expect(memory.trainingBytes == memory.weightBytes + memory.gradientBytes + memory.optimizerBytes + memory.activationBytes)
    }
}
