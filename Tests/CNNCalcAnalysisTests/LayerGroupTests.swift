import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

@Suite struct LayerGroupTests {
    static func onnxReport(_ name: String) throws -> NetworkReport {
        let model = try ONNXReader.model(atPath: Fixtures.directory.appendingPathComponent("onnx/\(name)").path)
        return try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
    }

    /// Every layer is in exactly one group, in order, and the groups sum to the totals.
    static func expectGroupsSumToTotals(_ report: NetworkReport, depth: Int) {
        let groups = report.groups(depth: depth)
        #expect(groups.flatMap { Array($0.layerIndices) } == Array(report.layers.indices), "depth \(depth)")
        #expect(groups.reduce(0) { $0 + $1.parameterCount } == report.totals.parameters, "depth \(depth)")
        #expect(groups.reduce(0) { $0 + $1.trainableCount } == report.totals.trainable, "depth \(depth)")
        #expect(groups.reduce(0) { $0 + $1.nonTrainableCount } == report.totals.nonTrainable, "depth \(depth)")
        #expect(groups.reduce(0) { $0 + $1.stateCount } == report.totals.state, "depth \(depth)")
        if report.totals.uncostedLayers.isEmpty {
            #expect(groups.reduce(0) { $0 + ($1.cost?.macs ?? -1) } * report.options.batchSize == report.totals.cost.macs)
            #expect(groups.reduce(0) { $0 + ($1.cost?.flops ?? -1) } * report.options.batchSize == report.totals.cost.flops)
        }
        for group in groups {
            #expect(group.outputShape == report.layers[group.layerIndices.upperBound - 1].outputShape)
        }
    }

    @Test(arguments: 0...5) func residualONNXGroupsSumToTheTotals(depth: Int) throws {
        Self.expectGroupsSumToTotals(try Self.onnxReport("residual_bn.onnx"), depth: depth)
    }

    @Test(arguments: ["plain_cnn.onnx", "depthwise.onnx", "lstm.onnx", "transformer.onnx"])
    func otherONNXGroupsSumToTheTotals(file: String) throws {
        let report = try Self.onnxReport(file)
        for depth in 0...3 { Self.expectGroupsSumToTotals(report, depth: depth) }
    }

    @Test func residualONNXGroupsIntoItsModules() throws {
        let report = try Self.onnxReport("residual_bn.onnx")
        let depth1 = report.groups(depth: 1)
        #expect(depth1.map(\.name) == ["input", "/stem", "/bn", "/Relu", "/block1", "/block2", "/pool", "/Flatten", "/fc"])
        #expect(depth1.map(\.isModule) == [true, true, true, false, true, true, true, false, true])
        let block1 = try #require(depth1.first { $0.name == "/block1" })
        #expect(block1.layerIndices == 4..<11)
        // conv1 and conv2: 3*3*16*16 each; bn1 and bn2: 2*16 each.
        #expect(block1.parameterCount == 2 * 2_304 + 2 * 32)
        #expect(block1.stateCount == 2 * (16 + 16 + 1))
        let depth2 = report.groups(depth: 2).map(\.name)
        #expect(depth2.contains("/block2/shortcut"))
        #expect(depth2.contains("/stem/Conv"))
        #expect(report.groups(depth: 0).map(\.name) == [LayerGroup.wholeNetworkName])
    }

    @Test func kerasNestedModelGroupsItsInnerModel() throws {
        let url = Fixtures.directory.appendingPathComponent("keras/nested_model.keras")
        let network = try KerasReader.network(from: try Data(contentsOf: url), source: url.lastPathComponent)
        let report = try Analyzer().analyze(network)
        let names = report.groups(depth: 1).map(\.name)
        #expect(names.contains("block"))
        #expect(!names.contains { $0.hasPrefix("block/") })
        for depth in 0...2 { Self.expectGroupsSumToTotals(report, depth: depth) }
    }

    /// torch.fx names such as `layer1_0_conv1` are not split: at depth 1 every layer is its own row.
    @Test func torchvisionUnderscoreNamesStayOneLayerPerGroup() throws {
        let url = Fixtures.directory.appendingPathComponent("torchvision/resnet18.cnn")
        let network = try CNNTextReader.network(from: try String(contentsOf: url, encoding: .utf8), source: "resnet18.cnn")
        let report = try Analyzer().analyze(network)
        let groups = report.groups(depth: 1)
        #expect(groups.map(\.name) == report.layers.map(\.name))
        #expect(groups.map(\.parameterCount) == report.layers.map(\.parameterCount))
        #expect(report.groups(depth: 2).allSatisfy { !$0.isModule })
        Self.expectGroupsSumToTotals(report, depth: 1)
    }

    /// A `.cnn` file naming its layers with PyTorch module paths is grouped like an ONNX export.
    @Test func dottedNamesGroupByModulePath() throws {
        let text = """
            input 8x8x3
            layer1.0.conv1: conv 4 3 padding=same
            layer1.0.relu: relu
            layer1.1.conv1: conv 4 3 padding=same
            head: globalavgpool
            fc: dense 2
            """
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "dotted.cnn"))
        #expect(report.groups(depth: 1).map(\.name) == ["input", "layer1", "head", "fc"])
        #expect(report.groups(depth: 2).map(\.name) == ["input", "layer1.0", "layer1.1", "head", "fc"])
        #expect(report.groups(depth: 2).map(\.isModule) == [false, true, true, false, false])
        let layer1 = report.groups(depth: 1)[1]
        // layer1.0.conv1 and layer1.1.conv1; the relu has none.
        #expect(layer1.parameterCount == (3 * 3 * 3 + 1) * 4 + (3 * 3 * 4 + 1) * 4)
        #expect(layer1.cost == (try Cost.zero.adding(report.layers[1].cost ?? .zero)
            .adding(report.layers[2].cost ?? .zero).adding(report.layers[3].cost ?? .zero)))
        for depth in 0...3 { Self.expectGroupsSumToTotals(report, depth: depth) }
    }

    @Test func aGroupWithAnUncostedLayerHasNoCost() throws {
        let input = Layer(name: "input", kind: .input(Input(.vector(features: 8))))
        let mystery = Layer(name: "block.mystery", kind: .activation(Activation(.relu)))
        let relu = Layer(name: "block.relu", kind: .activation(Activation(.relu)))
        let reports = [
            try LayerReport(layer: input, inputNames: [], inputShapes: [], outputShape: .vector(features: 8),
                            learnables: [], axes: [], cost: .zero, receptiveField: .local([])),
            try LayerReport(layer: mystery, inputNames: ["input"], inputShapes: [.vector(features: 8)],
                            outputShape: .vector(features: 8), learnables: [], axes: [], cost: nil, receptiveField: .local([])),
            try LayerReport(layer: relu, inputNames: ["block.mystery"], inputShapes: [.vector(features: 8)],
                            outputShape: .vector(features: 8), learnables: [], axes: [], cost: .flops(8), receptiveField: .local([])),
        ]
        let report = try NetworkReport(layers: reports, inputLayout: .channelsLast)
        let groups = report.groups(depth: 1)
        #expect(groups.map(\.name) == ["input", "block"])
        #expect(groups[0].cost == .zero)
        #expect(groups[1].cost == nil)
    }
}
