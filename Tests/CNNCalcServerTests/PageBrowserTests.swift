import CNNCalc
import CNNCalcServer
import CNNCalcTestSupport
import Foundation
import Testing

/// The page in headless Chromium, served by the real server: it loads, a change typed into the
/// editor one keystroke at a time re-analyses the network, and the screenshot shows the page.
///
/// Skipped where Chromium is not installed; CI installs it and sets `CNNCALC_REQUIRE_CHROMIUM=1`.
@Suite(.serialized, .enabled(if: Chromium.isAvailable, Chromium.unavailableReason))
struct PageBrowserTests {
    static let example = ServerExamples.examples[0]

    /// The value of the attribute `name` of the page's body in `dom`.
    static func bodyAttribute(_ name: String, in dom: String) -> String? {
        guard let body = dom.range(of: "<body"), let end = dom[body.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = dom[body.upperBound..<end]
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The page's address with the example typed over: `replaced` becomes `typed`.
    static func demo(_ running: RunningServer, replacing replaced: String, with typed: String) -> URL {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        return running.url("/?example=\(example.name)&replace=\(encode(replaced))&with=\(encode(typed))")
    }

    /// Runs the browser on a thread of its own, leaving the cooperative pool's threads free while it waits.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func report(_ text: String) throws -> NetworkReport {
        try Analyzer(options: AnalysisOptions(convention: example.convention ?? .keras)).analyze(
            try CNNTextReader.network(from: text, source: example.name))
    }

    @Test func typingAChangeChangesTheTotalAndEveryShapeDownstream() async throws {
        let running = try RunningServer()
        defer { running.stop() }
        let (replaced, typed) = ("conv2d1: conv 32 5x5", "conv2d1: conv 32 3x3")
        #expect(Self.example.text.contains(replaced))
        let address = Self.demo(running, replacing: replaced, with: typed)
        let output = try await Self.offPool { try Chromium.dumpDOM(of: address, virtualTime: 30_000) }
        let dom = output.stdout
        #expect(!output.stderr.contains("Uncaught"), "\(output.stderr.split(separator: "\n").filter { $0.contains("Uncaught") })")
        #expect(Self.bodyAttribute("data-demo", in: dom) == "done", "\(dom.prefix(3000))")
        let before = try Self.report(Self.example.text)
        let after = try Self.report(Self.example.text.replacingOccurrences(of: replaced, with: typed))
        #expect(Self.bodyAttribute("data-first-total", in: dom) == String(before.totals.parameters))
        #expect(Self.bodyAttribute("data-total", in: dom) == String(after.totals.parameters))
        #expect(before.totals.parameters != after.totals.parameters)
        #expect(dom.contains("<b id=\"total-parameters\">\(NumberFormatting.grouped(after.totals.parameters))</b>"))
        // Every shape from the changed layer on is the new one.
        for (index, layer) in after.layers.enumerated() {
            let shape = layer.outputShape.text(in: .channelsFirst).replacingOccurrences(of: " ", with: "")
            #expect(dom.contains("\"><td>\(index)</td><td>\(layer.name)</td><td>\(layer.layer.kind.kindName)</td><td>\(shape)</td>"), "\(layer.name)")
        }
        // One request for the page's first analysis, a few more for the keystrokes: the debounce waits for a pause.
        let keystrokes = Int(Self.bodyAttribute("data-keystrokes", in: dom) ?? "") ?? 0
        let requests = Int(Self.bodyAttribute("data-requests", in: dom) ?? "") ?? 0
        #expect(keystrokes == typed.count + 1)
        #expect(requests >= 2 && requests <= 3, "\(requests) requests for \(keystrokes) keystrokes")
        // The arithmetic of the first layer is shown.
        #expect(dom.contains("<pre id=\"explain\">\(XMLText.escaped(ExplainRenderer.lines(for: after.layers[0], layout: .channelsFirst)[0]))"))
    }

    @Test func aProblemIsShownAtItsLineAndTheTextIsKept() async throws {
        let running = try RunningServer()
        defer { running.stop() }
        let (replaced, typed) = ("conv2d2: conv 32 3x3", "conv2d2: conv 32 30x30")
        let changed = Self.example.text.replacingOccurrences(of: replaced, with: typed)
        var expected: [CNNCalcError] = []
        do { _ = try Analyzer().analyzeCollectingProblems(try CNNTextReader.network(from: changed, source: Self.example.name)) }
        catch let problems as AnalysisProblems { expected = problems.errors }
        let line = try #require(expected.first?.location?.line)
        let address = Self.demo(running, replacing: replaced, with: typed)
        let output = try await Self.offPool { try Chromium.dumpDOM(of: address, virtualTime: 30_000) }
        let dom = output.stdout
        #expect(Self.bodyAttribute("data-demo", in: dom) == "done")
        #expect(Self.bodyAttribute("data-problems", in: dom) == String(expected.count))
        #expect(dom.contains("<li data-line=\"\(line)\">\(XMLText.escaped(expected[0].description))</li>"))
        #expect(dom.contains("<span class=\"bad\">\(line)</span>"))
        // The text typed stays in the editor.
        let kept = Self.bodyAttribute("data-editor", in: dom).map { text in
            [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")].reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
        #expect(kept == changed)
    }

    @Test func screenshotShowsTheEditorTheTableAndTheDiagram() async throws {
        let running = try RunningServer()
        defer { running.stop() }
        let address = running.url("/?example=residual.cnn")
        let image = try await Self.offPool { try Chromium.screenshot(of: address, width: 1280, height: 2400, virtualTime: 20_000) }
        #expect(image.width == 1280 && image.height == 2400)
        #expect(image.distinctColorCount > 50, "the page looks blank")
        for category in [LayerCategory.input, .convolution, .dense] {
            #expect(image.count(of: category.fill) > 500, "no \(category.title) block in the screenshot")
        }
    }
}
