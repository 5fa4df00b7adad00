import CNNCalc
import CNNCalcServer
import CNNCalcTestSupport
import Foundation
import Testing

/// The service without a socket: requests built in memory, answers checked against the library's
/// own analysis of the same source with the same options.
@Suite struct ServiceTests {
    /// The tests run in parallel on a busy machine: the limits here are generous, the limits
    /// themselves have tests of their own.
    static let service = CNNCalcService(configuration: ServerConfiguration(analysisTimeout: .seconds(600), concurrentAnalyses: 4))

    /// The answer to `method target` with `body`.
    static func ask(
        _ method: String, _ target: String, body: String = "", accept: String = "application/json", service: CNNCalcService = service
    ) async throws -> ServerResponse {
        try await ask(method, target, bytes: Array(body.utf8), accept: accept, service: service)
    }

    static func ask(
        _ method: String, _ target: String, bytes: [UInt8], accept: String = "application/json", service: CNNCalcService = service
    ) async throws -> ServerResponse {
        let request = try ServerRequest(method: method, target: target, headers: ["Accept": accept], body: bytes)
        return await service.respond(to: request)
    }

    /// The report `cnncalc --format json` prints for `network` with these options.
    static func commandReport(_ network: Network, convention: Convention, batch: Int = 1, render: RenderOptions = RenderOptions()) throws -> JSONValue {
        let report = try Analyzer(options: AnalysisOptions(convention: convention, batchSize: batch)).analyzeCollectingProblems(network)
        return try JSONValue.parse(JSONRenderer(options: render).render(report))
    }

    @Test func pageIsServedWholeWithNothingFromElsewhere() async throws {
        let response = try await Self.ask("GET", "/", accept: "text/html")
        #expect(response.status == 200)
        #expect(response.header("content-type") == "text/html; charset=utf-8")
        #expect(response.text.contains("<textarea id=\"editor\""))
        // Nothing is loaded from another origin: no absolute address anywhere in the page.
        #expect(!response.text.contains("http://") && !response.text.contains("https://"))
        #expect(response.header("content-security-policy")?.contains("default-src 'self'") == true)
    }

    @Test func examplesListTheSeedsAndEveryZooModel() async throws {
        let response = try await Self.ask("GET", "/api/examples")
        #expect(response.status == 200)
        let menu = try JSONValue.parse(response.text)
        #expect(menu["examples"]?.arrayValue?.count == ServerExamples.examples.count)
        #expect(menu["zoo"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == Zoo.names)
    }

    /// The seeds in `.cnn` are the zoo's seeds, which the zoo's tests check against Lasagne and MATLAB.
    @Test(arguments: ServerExamples.examples.filter { $0.zooModel != nil })
    func seedExampleIsItsZooModel(_ example: ServerExamples.Example) async throws {
        let zoo = try Zoo.model(try #require(example.zooModel))
        let convention = try #require(example.convention)
        let target = "/api/analyze?name=\(example.name)&convention=\(convention.rawValue)"
        let response = try await Self.ask("POST", target, body: example.text)
        #expect(response.status == 200)
        let answer = try JSONValue.parse(response.text)
        let expected = try Self.commandReport(zoo, convention: convention)
        let served = try #require(answer["report"])
        let expectedLayers = try #require(expected["layers"]?.arrayValue), servedLayers = try #require(served["layers"]?.arrayValue)
        #expect(servedLayers.count == expectedLayers.count)
        for (mine, theirs) in zip(servedLayers, expectedLayers) {
            for key in ["name", "type", "outputShape", "parameters", "trainable", "nonTrainable", "macs", "flops", "learnables"] {
                #expect(mine[key] == theirs[key], "\(example.name): \(mine["name"]?.stringValue ?? "?").\(key)")
            }
        }
        #expect(served["totals"] == expected["totals"])
    }

    @Test(arguments: [
        ("", Convention.keras, 1, RenderOptions()),
        ("&convention=pytorch&layout=chw", .pytorch, 1, RenderOptions(layout: .channelsFirst)),
        ("&convention=lasagne&dtype=fp16&batch=8&optimizer=sgd", .lasagne, 8, RenderOptions(dataType: .fp16, optimizer: .sgd)),
        ("&macs=torchinfo&convention=matlab", .matlab, 1, RenderOptions(macs: .torchinfo)),
    ])
    func analysisIsTheReportTheCommandPrints(_ query: String, _ convention: Convention, _ batch: Int, _ render: RenderOptions) async throws {
        let example = try #require(ServerExamples.examples.first { $0.name == "residual.cnn" })
        let response = try await Self.ask("POST", "/api/analyze?name=residual.cnn" + query, body: example.text)
        #expect(response.status == 200)
        let answer = try JSONValue.parse(response.text)
        let network = try CNNTextReader.network(from: example.text, source: "residual.cnn")
        #expect(answer["report"] == (try Self.commandReport(network, convention: convention, batch: batch, render: render)))
        let report = try Analyzer(options: AnalysisOptions(convention: convention, batchSize: batch)).analyze(network)
        #expect(answer["table"]?.stringValue == TableRenderer(options: render).render(report))
        let explain = ExplainRenderer(options: render).layers(of: report).map { JSONValue.string($0.joined(separator: "\n")) }
        #expect(answer["explain"]?.arrayValue == explain)
        #expect(answer["svg"]?.stringValue == SVGRenderer(options: render).render(report))
        #expect(answer["source"] == .object(["name": .string("residual.cnn"), "format": .string("cnn")]))
    }

    @Test func changingAKernelChangesEveryShapeDownstream() async throws {
        let text = "input 28x28x1\nconv 32 5\nmaxpool 2\ndense 10\n"
        let before = try JSONValue.parse(try await Self.ask("POST", "/api/analyze?name=net.cnn", body: text).text)
        let changed = text.replacingOccurrences(of: "conv 32 5", with: "conv 32 3")
        let after = try JSONValue.parse(try await Self.ask("POST", "/api/analyze?name=net.cnn", body: changed).text)
        let expected = try Analyzer().analyze(try CNNTextReader.network(from: changed, source: "net.cnn"))
        let shapes = after["report"]?["layers"]?.arrayValue?.map { $0["outputShape"] }
        #expect(shapes == expected.layers.map { layer in .array(layer.outputShape.dimensions(in: .channelsLast).map { .integer($0) }) })
        #expect(after["report"]?["totals"]?["parameters"]?.intValue == expected.totals.parameters)
        #expect(before["report"]?["totals"]?["parameters"] != after["report"]?["totals"]?["parameters"])
    }

    /// Problems come back with their line, column and layer, as the command prints them.
    @Test(arguments: [
        "input 28x28x1\nconv 32 5\nconv 32 50\ndense 10\n",
        "input 28x28x1\nconv 32 5 filters=3\n",
        "input 28x28x1\nconvolve 32 5\n",
        "conv 32 5\n",
        "input 28x28x1\nsum: add inputs=input,nowhere\n",
    ])
    func problemsComeBackAtTheirLine(_ text: String) async throws {
        let response = try await Self.ask("POST", "/api/analyze?name=net.cnn", body: text)
        #expect(response.status == 422)
        let answer = try JSONValue.parse(response.text)
        let errors = try #require(answer["errors"]?.arrayValue)
        var expected: [CNNCalcError] = []
        do {
            _ = try Analyzer().analyzeCollectingProblems(try CNNTextReader.network(from: text, source: "net.cnn"))
            Issue.record("the library accepts \(text)")
        } catch let problems as AnalysisProblems {
            expected = problems.errors
        } catch let error as CNNCalcError {
            expected = [error]
        }
        #expect(errors.map { $0["message"]?.stringValue } == expected.map(\.description))
        #expect(errors.map { $0["line"]?.intValue } == expected.map { $0.location?.line })
        #expect(errors.map { $0["column"]?.intValue } == expected.map { $0.location?.column })
        #expect(errors.map { $0["layer"]?.stringValue } == expected.map(\.layerName))
        #expect(errors.allSatisfy { $0["line"]?.intValue != nil })
    }

    @Test func openSizesAreKeptOpenOrGivenNumbers() async throws {
        let example = try #require(ServerExamples.examples.first { $0.name == "attention.cnn" })
        let open = try JSONValue.parse(try await Self.ask("POST", "/api/analyze?name=attention.cnn", body: example.text).text)
        #expect(open["report"]?["openSizes"]?.arrayValue?.count == 1)
        #expect(open["svg"] == .null)
        let model = try CNNTextReader.model(from: example.text, source: "attention.cnn")
        let expected = try OpenSizeAnalysis.report(openSizes: model.openSizes) { sizes throws(CNNCalcError) in try model.network(sizes: sizes) }
        #expect(open["report"] == (try JSONValue.parse(JSONRenderer().render(expected))))
        let bound = try await Self.ask("POST", "/api/analyze?name=attention.cnn&dim=seq%3D128", body: example.text)
        #expect(bound.status == 200)
        let numbers = try JSONValue.parse(bound.text)
        #expect(numbers["svg"]?.stringValue?.contains("<svg") == true)
        #expect(numbers["report"]?["totals"]?["macs"]?.intValue == (try Analyzer().analyze(try model.network(sizes: ["seq": 128]))).totals.cost.macs)
        let unknown = try await Self.ask("POST", "/api/analyze?name=attention.cnn&dim=sequence%3D128", body: example.text)
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("seq"))
    }

    @Test func zooModelWithItsKnobs() async throws {
        let response = try await Self.ask("GET", "/api/zoo/resnet18?input=3x64x64&classes=10&batch=4")
        #expect(response.status == 200)
        let answer = try JSONValue.parse(response.text)
        let network = try Zoo.model("resnet18", input: .featureMap(spatial: [64, 64], channels: 3), classes: 10)
        #expect(answer["report"] == (try Self.commandReport(network, convention: .pytorch, batch: 4)))
        #expect(answer["source"]?["name"]?.stringValue == "zoo:resnet18")
        let seed = try await Self.ask("GET", "/api/zoo/seed/lasagne")
        #expect(seed.status == 200)
        let missing = try await Self.ask("GET", "/api/zoo/resnet19")
        #expect(missing.status == 404)
        #expect(missing.text.contains("resnet18"))
        let knob = try await Self.ask("GET", "/api/zoo/seed/matlab?width=0.5")
        #expect(knob.status == 422)
    }

    /// Every format the command reads, sent as the bytes of an upload, gives the command's report.
    @Test(arguments: [
        ("onnx/plain_cnn.onnx", ""), ("keras/residual_net.keras", ""), ("matlab/small_cnn.m", ""),
        ("pytorch-text/mnist_cnn.txt", "&input=1x28x28"), ("lasagne/nolearn_mnist.py", ""), ("keras/plain_cnn.json", ""),
    ])
    func uploadedFileIsReadFromItsBytes(_ fixture: String, _ query: String) async throws {
        let url = Fixtures.directory.appendingPathComponent(fixture)
        let bytes = [UInt8](try Data(contentsOf: url))
        let name = url.lastPathComponent
        let response = try await Self.ask("POST", "/api/analyze?name=\(name)\(query)", bytes: bytes)
        #expect(response.status == 200, "\(response.text.prefix(500))")
        let answer = try JSONValue.parse(response.text)
        let model = try NetworkSource.read(bytes, name: name, inputSizes: query.isEmpty ? nil : [1, 28, 28])
        let network = try model.network()
        #expect(answer["report"] == (try Self.commandReport(network, convention: model.sourceConvention ?? .keras)))
        #expect(answer["source"]?["format"]?.stringValue == model.format.rawValue)
    }

    /// The name picks the reader and names the source; it is never opened.
    @Test func nameIsNeverAPath() async throws {
        let response = try await Self.ask("POST", "/api/analyze?name=%2Fetc%2Fhostname", body: "input 28x28x1; dense 10")
        #expect(response.status == 200)
        let answer = try JSONValue.parse(response.text)
        #expect(answer["source"]?["name"]?.stringValue == "hostname")
        #expect(answer["report"]?["layers"]?.arrayValue?.count == 2)
        let located = try await Self.ask("POST", "/api/analyze?name=..%2F..%2Fnet.cnn", body: "input 28x28x1\nconv 32 50\n")
        #expect(try JSONValue.parse(located.text)["errors"]?.arrayValue?.first?["source"]?.stringValue == "net.cnn")
    }

    @Test(arguments: [
        ("GET", "/nowhere", 404, "nothing at /nowhere"),
        ("GET", "/api/analyze", 405, "GET is not allowed on /api/analyze"),
        ("POST", "/api/analyze?nmae=x.cnn", 400, "unknown parameter 'nmae'"),
        ("POST", "/api/analyze?batch=0", 400, "batch must be"),
        ("POST", "/api/analyze?convention=caffe", 400, "convention is one of keras, pytorch, matlab, lasagne"),
        ("POST", "/api/analyze?input=3x0", 400, "input is 1 to 4 positive sizes"),
        ("POST", "/api/analyze?name=..", 400, "name must be a file name"),
        ("POST", "/api/analyze?batch=2&batch=3", 400, "given twice"),
        ("POST", "/api/analyze?name=net.cnn&input=3x28x28", 400, "input is for a model printed by PyTorch"),
        ("DELETE", "/", 405, "DELETE is not allowed on /"),
    ])
    func malformedRequestsGetAStatusAndAMessage(_ method: String, _ target: String, _ status: Int, _ message: String) async throws {
        let response = try await Self.ask(method, target, body: "input 28x28x1; dense 10")
        #expect(response.status == status)
        let answer = try JSONValue.parse(response.text)
        #expect(answer["errors"]?.arrayValue?.first?["message"]?.stringValue?.contains(message) == true, "\(response.text)")
        if status == 405 { #expect(response.header("allow") != nil) }
    }

    @Test func badPercentEncodingIsRefused() throws {
        #expect(throws: ServerError.self) { try ServerRequest(method: "GET", target: "/api/zoo/x?input=%zz") }
        #expect(throws: ServerError.self) { try ServerRequest(method: "GET", target: "/api/zoo/%ff%fe") }
    }

    @Test(arguments: [
        ([UInt8](repeating: 0x41, count: 64), "model.onnx"), ([0, 1, 2, 3, 255, 254], "net.cnn"), ([0xC3, 0x28], "net.cnn"),
        (Array("PK\u{3}\u{4}not a zip".utf8), "model.keras"), (Array("{\"class_name\": 3".utf8), "model.json"), ([], "net.cnn"),
    ])
    func malformedFilesGetAMessageNotACrash(_ bytes: [UInt8], _ name: String) async throws {
        let response = try await Self.ask("POST", "/api/analyze?name=\(name)", bytes: bytes)
        #expect(response.status == 422)
        let message = try JSONValue.parse(response.text)["errors"]?.arrayValue?.first?["message"]?.stringValue
        #expect(message?.contains(name) == true, "\(response.text)")
    }

    @Test func bodyOverTheLimitIsRefused() async throws {
        let small = CNNCalcService(configuration: ServerConfiguration(maximumBodyBytes: 1_000))
        let text = "input 28x28x1\n" + String(repeating: "# a comment to fill the body\n", count: 50)
        let refused = try await Self.ask("POST", "/api/analyze?name=net.cnn", body: text, service: small)
        #expect(refused.status == 413)
        #expect(refused.text.contains("the server reads at most 1000 bytes"))
        #expect(refused.header("connection") == "close")
        let page = try await Self.ask("POST", "/api/analyze?name=net.cnn", body: text, accept: "text/html,*/*", service: small)
        #expect(page.status == 413)
        #expect(page.header("content-type") == "text/html; charset=utf-8")
        #expect(page.text.contains("<h1>413: the request body is"))
        let fits = try await Self.ask("POST", "/api/analyze?name=net.cnn", body: "input 28x28x1; dense 10", service: small)
        #expect(fits.status == 200)
    }

    @Test func analysisPastItsTimeIsAnswered() async throws {
        let hasty = CNNCalcService(configuration: ServerConfiguration(analysisTimeout: .milliseconds(1)))
        // resnet152: hundreds of layers, far more than a millisecond to analyse and render. (How
        // soon the answer comes depends on how busy the test process is, so it is not timed here.)
        let response = try await Self.ask("GET", "/api/zoo/resnet152", service: hasty)
        #expect(response.status == 503)
        #expect(response.text.contains("the analysis took longer than 1 ms, the server's limit"))
    }
}

extension ServerExamples.Example: CustomTestStringConvertible {
    public var testDescription: String { name }
}
