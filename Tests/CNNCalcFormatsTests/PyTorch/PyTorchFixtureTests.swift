import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// What PyTorch says about one printed model (`Tests/Fixtures/pytorch-text/expected.json`, written by
/// `Scripts/generate_pytorch_text_fixtures.py` with torch 2.13.0 and torchvision 0.28.0).
struct PrintedModelExpectation: Decodable, Sendable {
    struct Module: Decodable, Sendable {
        var path: String
        var type: String
        var leaf: Bool
        /// The output shape of each call, batch excluded.
        var outputs: [[Int]]
    }

    struct Problem: Decodable, Sendable {
        var module: String
        var argument: String
        var declared: Int
        var arriving: Int
    }

    var input: [Int]
    var parameters: Int
    var trainable: Int
    var buffers: Int
    var modules: [Module]
    var error: String?
    var problems: [Problem]
}

struct PrintedModelExpectations: Decodable, Sendable {
    var models: [String: PrintedModelExpectation]
}

/// One printed model and what PyTorch says about it.
struct PrintedModelFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var expected: PrintedModelExpectation
    var testDescription: String { name }

    static let all: [PrintedModelFixture] = Fixtures.decode(PrintedModelExpectations.self, from: "pytorch-text/expected.json")
        .models.map { PrintedModelFixture(name: $0.key, expected: $0.value) }.sorted { $0.name < $1.name }
    static let fitting = all.filter { $0.expected.error == nil }
    static let failing = all.filter { $0.expected.error != nil }

    var text: String {
        get throws {
            try String(contentsOf: Fixtures.directory.appendingPathComponent("pytorch-text/\(name).txt"), encoding: .utf8)
        }
    }

    func model() throws -> PyTorchModel {
        try PyTorchTextReader.model(from: try text, source: "\(name).txt", inputSizes: expected.input)
    }
}

@Suite struct PyTorchFixtureTests {
    static let analyzer = Analyzer(options: AnalysisOptions(convention: .pytorch))

    @Test func everyModelIsTested() {
        #expect(PrintedModelFixture.all.count == 17)
        #expect(PrintedModelFixture.failing.map(\.name) == ["kernel_too_big", "two_wrong", "wrong_conv", "wrong_linear"])
    }

    @Test(arguments: PrintedModelFixture.fitting)
    func parametersAndBuffersArePyTorchs(_ fixture: PrintedModelFixture) throws {
        let model = try fixture.model()
        #expect(model.network.sourceConvention == .pytorch)
        let report = try Self.analyzer.analyze(model.network)
        #expect(report.totals.parameters == fixture.expected.parameters)
        #expect(report.totals.trainable == fixture.expected.trainable)
        #expect(report.totals.nonTrainable == 0)
        #expect(report.totals.state == fixture.expected.buffers)
    }

    /// Every row is a module PyTorch ran, with the output shape of that call (`path (call 2)` is
    /// the second), except the rows the reading adds: `<block>.add`, `<block>.multiply` and `flatten`.
    @Test(arguments: PrintedModelFixture.fitting)
    func everyRowHasTheShapeOfItsModulesCall(_ fixture: PrintedModelFixture) throws {
        let report = try Self.analyzer.analyze(try fixture.model().network)
        let modules = Dictionary(uniqueKeysWithValues: fixture.expected.modules.map { ($0.path, $0) })
        #expect(report.layers[0].outputShape.dimensions(in: .channelsFirst) == fixture.expected.input)
        for (index, row) in report.layers.enumerated().dropFirst() {
            let (path, call) = Self.pathAndCall(row.name)
            let shape = row.outputShape.dimensions(in: .channelsFirst)
            if let merge = [".add", ".multiply"].first(where: path.hasSuffix) {
                // A block's sum or product has the shape of the block's output.
                let block = try #require(modules[String(path.dropLast(merge.count))], "\(row.name) is in no module")
                #expect([shape] == block.outputs, "\(fixture.name): \(row.name)")
                continue
            }
            if case .flatten = row.layer.kind, modules[path] == nil {
                #expect(shape == [try row.inputShapes[0].elementCount()], "\(row.name)")
                continue
            }
            guard let module = modules[path] else {
                Issue.record("\(fixture.name): the row \(row.name) is no module of the model")
                continue
            }
            #expect(module.outputs.count >= call, "\(row.name) is call \(call) of \(module.outputs.count)")
            if module.outputs.count >= call {
                #expect(shape == module.outputs[call - 1], "\(fixture.name): \(row.name) (\(module.type))")
            }
        }
    }

    /// Every leaf module PyTorch ran has a row for each call, unless it is part of a row of its
    /// parent (the out_proj of MultiheadAttention, the layers inside TransformerEncoderLayer).
    @Test(arguments: PrintedModelFixture.fitting)
    func everyModuleCallHasARow(_ fixture: PrintedModelFixture) throws {
        let report = try Self.analyzer.analyze(try fixture.model().network)
        var calls: [String: Int] = [:]
        for row in report.layers { calls[Self.pathAndCall(row.name).path, default: 0] += 1 }
        for module in fixture.expected.modules where module.leaf && !module.outputs.isEmpty {
            if let count = calls[module.path] {
                #expect(count == module.outputs.count, "\(fixture.name): \(module.path) runs \(module.outputs.count) times")
            } else {
                let parent = calls.keys.contains { module.path.hasPrefix($0 + ".") }
                #expect(parent, "\(fixture.name): \(module.path) (\(module.type)) has no row")
            }
        }
    }

    /// A model whose forward fails in PyTorch gets every problem, each with PyTorch's numbers, and
    /// the counts of its declarations.
    @Test(arguments: PrintedModelFixture.failing)
    func modelsThatDoNotFitGetEveryProblem(_ fixture: PrintedModelFixture) throws {
        let network = try fixture.model().network
        let problems = #expect(throws: AnalysisProblems.self) { try Self.analyzer.analyzeCollectingProblems(network) }
        let errors = problems?.errors ?? []
        let pytorch = fixture.expected.error ?? ""
        if fixture.expected.problems.isEmpty {
            // kernel_too_big: "Calculated padded input size per channel: (12 x 12). Kernel size: (15 x 15). ..."
            #expect(pytorch.contains("(12 x 12). Kernel size: (15 x 15)"))
            #expect(errors.map(\.description) == [
                "\(fixture.name).txt:5:12: conv2: kernel 15x15 does not fit the 12x12 input (padding 0); use padding=same or a kernel of at most 12"
            ])
            #expect(problems?.totals == nil)
            return
        }
        #expect(errors.count == fixture.expected.problems.count)
        for (error, problem) in zip(errors, fixture.expected.problems) {
            #expect(error.layerName == problem.module)
            #expect(error.kind == .shape)
            #expect(error.problem.hasSuffix("declared \(problem.argument)=\(problem.declared)"))
            #expect(error.fix == "set \(problem.argument)=\(problem.arriving)")
        }
        // PyTorch's own message for the first problem names the same two numbers.
        let first = fixture.expected.problems[0]
        if first.argument == "in_features" {
            #expect(pytorch.contains("(1x\(first.arriving) and \(first.declared)x"))
        } else {
            #expect(pytorch.contains("to have \(first.declared) channels, but got \(first.arriving) channels"))
        }
        #expect(problems?.totals?.parameters == fixture.expected.parameters)
        #expect(problems?.totals?.trainable == fixture.expected.trainable)
        #expect(problems?.totals?.state == fixture.expected.buffers)
    }

    @Test func wrongLinearSaysWhereTheCountComesFrom() throws {
        let fixture = try #require(PrintedModelFixture.all.first { $0.name == "wrong_linear" })
        let problems = #expect(throws: AnalysisProblems.self) { try Self.analyzer.analyzeCollectingProblems(try fixture.model().network) }
        #expect(problems?.errors.map(\.description) == [
            "wrong_linear.txt:8:17: fc1: receives 32*5*5 = 800 features (the 32x5x5 output of dropout), declared in_features=512; set in_features=800"
        ])
    }

    static func pathAndCall(_ name: String) -> (path: String, call: Int) {
        guard name.hasSuffix(")"), let open = name.range(of: " (call ", options: .backwards),
              let call = Int(name[open.upperBound...].dropLast()) else { return (name, 1) }
        return (String(name[..<open.lowerBound]), call)
    }
}

/// The same torchvision models, read from their printed text, against torchinfo's "Total mult-adds"
/// (`Tests/Fixtures/torchvision/summary.json`, written by `Scripts/export_torchvision_models.py`
/// with torchinfo 1.8.0 for an input of 1x3x224x224).
@Suite struct PyTorchTorchinfoTests {
    struct Summary: Decodable {
        struct Model: Decodable {
            var totalParams: Int
            var totalMultAdds: Int
        }
        var models: [String: Model]
    }

    @Test(arguments: ["resnet18", "resnet50", "vgg16", "alexnet", "mobilenet_v3_small", "efficientnet_b0"])
    func multAddsAreTorchinfos(_ name: String) throws {
        let summary = try #require(Fixtures.decode(Summary.self, from: "torchvision/summary.json").models[name])
        let fixture = try #require(PrintedModelFixture.all.first { $0.name == name })
        let report = try PyTorchFixtureTests.analyzer.analyze(try fixture.model().network)
        #expect(report.totals.parameters == summary.totalParams)
        #expect(try report.torchinfoMultAdds() == summary.totalMultAdds)
    }
}
