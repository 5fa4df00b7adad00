import CNNCalc
import CNNCalcTestSupport
import Testing

/// Every zoo model against torchvision (or PyTorch, for the models written as PyTorch modules in
/// the script): at its default, with another input and number of classes, without its head, and
/// at another width where the family has one.
///
/// The rows of a zoo network are named after torchvision's module paths (see ``Zoo``), so a row
/// whose name is a leaf module's path, with ` (call N)` for the N-th call of a module run more
/// than once, must have the shape the module returned in that call; rows that are no module
/// (`add`, `cat`, `flatten`) are the forward's own operations and are checked through the
/// modules after them. Every call of every leaf module must have its row.
@Suite struct ZooFrameworkTests {
    static let cases = ZooFixtures.torchvision.cases

    @Test(arguments: cases)
    func parametersAndBuffersEqualPyTorchs(_ fixture: ZooFixtureCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try fixture.network())
        #expect(report.totals.parameters == fixture.parameters, "sum(p.numel() for p in model.parameters())")
        #expect(report.totals.trainable == fixture.trainable)
        #expect(report.totals.state == fixture.buffers, "sum(b.numel() for b in model.buffers())")
    }

    @Test(arguments: cases)
    func everyModuleCallHasItsRowAndShape(_ fixture: ZooFixtureCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try fixture.network())
        let calls = fixture.callsByPath
        var matched: [String: Int] = [:]
        for layer in report.layers {
            let (path, call) = ZooFixtures.moduleCall(of: layer.name)
            guard let shapes = calls[path] else { continue }
            guard call <= shapes.count else {
                Issue.record("\(layer.name): torchvision calls \(path) only \(shapes.count) times")
                continue
            }
            #expect(layer.outputShape.dimensions(in: .channelsFirst) == shapes[call - 1], "\(layer.name)")
            matched[path, default: 0] += 1
        }
        let missing = calls.filter { matched[$0.key] != $0.value.count }.map(\.key).sorted()
        #expect(missing.isEmpty, "module calls without a row: \(missing.prefix(10))")
    }

    /// `--macs torchinfo` must agree with torchinfo's "Total mult-adds" within 1%; written layer by
    /// layer as torchvision writes the modules, every model agrees exactly.
    @Test(arguments: cases)
    func torchinfoMultAddsEqualTorchinfos(_ fixture: ZooFixtureCase) throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try fixture.network())
        let multAdds = try report.torchinfoMultAdds()
        let difference = abs(Double(multAdds - fixture.multAdds)) / Double(fixture.multAdds)
        #expect(difference <= 0.01, "CNNCalc \(multAdds), torchinfo \(fixture.multAdds)")
        #expect(multAdds == fixture.multAdds)
    }

    @Test(arguments: cases.filter { $0.options.case == "default" })
    func defaultInputIsTheFrameworks(_ fixture: ZooFixtureCase) throws {
        let model = try Zoo.entry(named: fixture.model)
        #expect(model.defaultInput.dimensions(in: .channelsFirst) == fixture.options.input)
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(try Zoo.model(fixture.model))
        #expect(report.totals.parameters == fixture.parameters)
    }
}
