import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// The HTML and SVG reports in headless Chromium: the page's script runs without an error, a
/// layer opened by its address shows its arithmetic, and the screenshots show the diagram.
///
/// Skipped, with a message, where Chromium is not installed; CI installs it and sets
/// `CNNCALC_REQUIRE_CHROMIUM=1`, so there they always run.
@Suite(.enabled(if: Chromium.isAvailable, Chromium.unavailableReason))
struct BrowserRenderingTests {
    /// Writes `text` to a new file named `name` and returns its URL.
    static func file(_ name: String, _ text: String) throws -> URL {
        let url = try Chromium.temporaryFolder().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func scriptErrorsAreDetected() throws {
        // The check itself: a page whose script fails never gets the marker, and the console says why.
        let page = try Self.file("broken.html", """
            <!DOCTYPE html><html><body><p>broken</p><script>
            undefinedFunction(); document.body.setAttribute("data-ready", "1");
            </script></body></html>
            """)
        let output = try Chromium.dumpDOM(of: page)
        #expect(output.stdout.contains("<p>broken</p>"))
        #expect(!output.stdout.contains("data-ready=\"1\""))
        #expect(output.stderr.contains("Uncaught ReferenceError"))
    }

    @Test(arguments: ["example", "resnet50"])
    func pageScriptRunsAndShowsTheArithmeticOfTheLayerAsked(_ name: String) throws {
        let report = DiagramTests.report(name)
        let page = try Self.file("\(name).html", HTMLRenderer().render(report))
        let output = try Chromium.dumpDOM(of: page, fragment: "layer-1")
        #expect(output.stdout.contains("<body data-ready=\"1\">"), "the page's script did not finish")
        #expect(!output.stderr.contains("Uncaught"), "\(output.stderr.split(separator: "\n").filter { $0.contains("Uncaught") })")
        let layer = report.layers[1]
        #expect(output.stdout.contains("<h2 id=\"explain-title\">1: \(layer.name)</h2>"))
        let firstLine = XMLText.escaped(ExplainRenderer.lines(for: layer, layout: report.inputLayout)[0])
        #expect(output.stdout.contains("<pre id=\"explain-text\">\(firstLine)\n"))
        #expect(output.stdout.contains("<tr id=\"row-1\" class=\"pick picked\""))
    }

    @Test func pageScreenshotShowsTheTablesAndTheDiagram() throws {
        let page = try Self.file("example.html", HTMLRenderer().render(RenderingTests.example))
        let image = try Chromium.screenshot(of: page, width: 1280, height: 1600)
        #expect(image.width == 1280 && image.height == 1600)
        #expect(image.distinctColorCount > 50, "the page looks blank")
        for category in [LayerCategory.input, .convolution, .pooling, .dense] {
            #expect(image.count(of: category.fill) > 500, "no \(category.title) blocks or bars in the screenshot")
        }
    }

    @Test(arguments: ["example", "residual"])
    func svgRendersWithTheColoursOfItsLayers(_ name: String) throws {
        let report = DiagramTests.report(name)
        let text = SVGRenderer().render(report)
        let file = try Self.file("\(name).svg", text)
        // Chromium reports a file it cannot parse in a <parsererror> element of the DOM.
        let dom = try Chromium.dumpDOM(of: file).stdout
        #expect(dom.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!dom.contains("parsererror"))
        #expect(dom.components(separatedBy: "<g class=\"d-layer\"").count - 1 == report.layers.count)
        let svg = try XMLTree.parse(text)
        let width = Int(svg.attributes["width"]!)!, height = Int(svg.attributes["height"]!)!
        let image = try Chromium.screenshot(of: file, width: width, height: min(height, 1400))
        #expect(image.distinctColorCount > 20, "the picture looks blank")
        for category in Set(report.layers.map { LayerCategory($0.layer.kind) }) {
            // Each block is at least 200x52 pixels, most of it its fill.
            #expect(image.count(of: category.fill) > 4_000, "no \(category.title) block in the picture")
        }
        #expect(image.count(of: "#ffffff") > image.width * image.height / 4)
    }

    @Test func pngDecoderReadsAScreenshotOfOneColour() throws {
        let page = try Self.file("plain.html", "<!DOCTYPE html><html><body style=\"margin:0;background:#3a7bd5\"></body></html>")
        let image = try Chromium.screenshot(of: page, width: 320, height: 200)
        #expect(image.width == 320 && image.height == 200)
        #expect(image.count(of: "#3a7bd5", tolerance: 0) == 320 * 200)
        #expect(image.distinctColorCount == 1)
    }
}

/// Where CI asks for the browser tests, they must not be skipped.
@Test func chromiumIsInstalledWhereRequired() {
    #expect(!Chromium.isRequired || Chromium.isAvailable, "CNNCALC_REQUIRE_CHROMIUM=1 but Chromium was not found")
}
