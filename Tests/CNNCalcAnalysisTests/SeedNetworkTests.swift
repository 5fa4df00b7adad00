import CNNCalc
import Testing

/// The two questions CNNCalc grew from, with the numbers their accepted answers give.
@Suite struct SeedNetworkTests {
    struct Row: Sendable {
        var shape: String
        var parameters: Int
        var formula: String
    }

    // Stack Overflow 42786717: the Lasagne/nolearn MNIST network, total 217,706.
    static let lasagneRows: [Row] = [
        Row(shape: "1x28x28", parameters: 0, formula: ""),
        Row(shape: "32x24x24", parameters: 832, formula: "(5*5*1+1)*32"),
        Row(shape: "32x12x12", parameters: 0, formula: ""),
        Row(shape: "32x10x10", parameters: 9248, formula: "(3*3*32+1)*32"),
        Row(shape: "32x5x5", parameters: 0, formula: ""),
        Row(shape: "256", parameters: 205_056, formula: "(32*5*5+1)*256"),
        Row(shape: "10", parameters: 2570, formula: "(256+1)*10"),
    ]

    @Test func lasagneMNISTExample() throws {
        let network = try CNNTextReader.network(from: BuiltInExample.text, source: BuiltInExample.sourceName)
        let report = try Analyzer().analyze(network)
        #expect(report.layers.count == Self.lasagneRows.count)
        for (layer, row) in zip(report.layers, Self.lasagneRows) {
            #expect(layer.outputShape.text(in: .channelsFirst) == row.shape, "\(layer.name)")
            #expect(layer.parameterCount == row.parameters, "\(layer.name)")
            #expect(layer.derivation(layout: .channelsFirst).parameterFormula == row.formula, "\(layer.name)")
        }
        #expect(report.totals.parameters == 217_706)
        #expect(report.totals.trainable == 217_706)
        #expect(report.totals.nonTrainable == 0)
    }

    @Test func lasagneMNISTWrittenInline() throws {
        let text = "input 28x28x1; conv 32 5; maxpool 2; conv 32 3; maxpool 2; dense 256; dense 10"
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
        #expect(report.layers.map { $0.outputShape.text(in: .channelsFirst) } == Self.lasagneRows.map(\.shape))
        #expect(report.totals.parameters == 217_706)
        // Written channels last, the dense formula multiplies in that order.
        #expect(report.layers[5].derivation(layout: .channelsLast).parameterFormula == "(5*5*32+1)*256")
    }

    // Data Science SE 65392: the MATLAB asker's [50 50 2] input with 20 filters of 5x5.
    @Test func matlabFirstLayers() throws {
        let text = "input 50x50x2; conv 20 5; conv 40 5"
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
        #expect(report.layers[1].outputShape.text(in: .channelsLast) == "46x46x20")
        #expect(report.layers[1].parameterCount == 1020)
        #expect(report.layers[1].derivation(layout: .channelsLast).parameterFormula == "(5*5*2+1)*20")
        #expect(report.layers[2].parameterCount == 20_040)
        #expect(report.layers[2].derivation(layout: .channelsLast).parameterFormula == "(5*5*20+1)*40")
    }

    @Test func matlabFirstLayerWithoutBias() throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: "input 50x50x2; conv 20 5 bias=false", source: "-e"))
        #expect(report.layers[1].parameterCount == 1000)
        #expect(report.layers[1].derivation(layout: .channelsLast).parameterFormula == "5*5*2*20")
    }
}
