import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `--format html`: goldens, the page read back with an XML parser, and self-containedness.
@Suite struct HTMLReportTests {
    @Test(arguments: ["example", "residual"])
    func htmlGolden(_ name: String) {
        expectGolden(HTMLRenderer().render(DiagramTests.report(name)), named: "\(name).html")
    }

    /// The page is well-formed XML with a row, a block, a bar and an explanation per layer.
    @Test(arguments: ["example", "residual", "residual_bn", "resnet50", "googlenet"])
    func pageReadsBackWithEveryPartPerLayer(_ name: String) throws {
        let report = DiagramTests.report(name)
        let text = HTMLRenderer().render(report)
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>"))
        let html = try XMLTree.parse(text)
        #expect(html.name == "html")
        let count = report.layers.count
        #expect(html.elements(named: "tr", className: "pick").count == 2 * count)  // the table and the charts
        let byID = html.elementsByID()
        for index in report.layers.indices {
            #expect(byID["row-\(index)"]?.name == "tr")
            #expect(byID["bar-\(index)"]?.name == "tr")
            #expect(byID["layer-\(index)"]?.name == "g")
            let explanation = try #require(byID["explain-\(index)"])
            #expect(explanation.text == ExplainRenderer.lines(for: report.layers[index], layout: report.inputLayout).joined(separator: "\n"))
        }
        let svg = try #require(html.elements(named: "svg").first)
        #expect(svg.elements(named: "g", className: "d-layer").count == count)
        #expect(svg.elements(named: "path", className: "d-edge").count == report.layers.map(\.inputNames.count).reduce(0, +))
        #expect(html.elements(named: "script").count == 1)
        #expect(html.elements(named: "script")[0].text.contains("data-ready"))
        // Ids are unique, so the script finds the one element it means.
        let ids = html.all.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    /// Nothing is loaded from anywhere: no source or link attributes, no URLs but the SVG namespace.
    @Test(arguments: ["example", "resnet50"])
    func pageNeedsNoNetwork(_ name: String) throws {
        let text = HTMLRenderer().render(DiagramTests.report(name))
        let html = try XMLTree.parse(text)
        for element in html.all {
            for attribute in ["src", "href", "xlink:href", "srcset", "action", "data"] {
                #expect(element.attributes[attribute] == nil, "<\(element.name) \(attribute)=...>")
            }
            #expect(!["link", "img", "iframe", "object", "embed", "base", "audio", "video"].contains(element.name))
        }
        let urls = text.components(separatedBy: "http").count - 1
        let namespaces = text.components(separatedBy: "\"http://www.w3.org/2000/svg\"").count - 1
        #expect(urls == namespaces)
        #expect(!text.contains("@import") && !text.contains("fetch(") && !text.contains("XMLHttpRequest"))
        #expect(text.components(separatedBy: "url(").count == text.components(separatedBy: "url(#d-arrow)").count)
    }

    @Test func pageShowsTheTotalsMemoryAndBars() throws {
        let report = DiagramTests.report("example")
        let html = try XMLTree.parse(HTMLRenderer().render(report))
        let totals = try #require(html.elements(named: "table", className: "totals").first)
        #expect(totals.textContent.contains("Total parameters:217,706"))
        let memory = try #require(html.elements(named: "table", className: "memory").first)
        #expect(memory.textContent.contains("870,824 B (850.4 KiB)"))
        #expect(memory.textContent.contains("Widest receptive field12x12 (maxpool2)"))
        // dense1 has the most parameters and conv2 the most MACs: their bars are full.
        let fills = html.elements(named: "span", className: "fill").map { $0.attributes["style"] ?? "" }
        #expect(fills.count == 2 * report.layers.count)
        #expect(fills[2 * 5] == "width: 100.0%")
        #expect(fills[2 * 3 + 1] == "width: 100.0%")
        #expect(fills[2 * 1] == "width: 0.4%")  // 832 of 205,056
    }

    @Test func namesAreEscapedInThePage() throws {
        let network = try Network {
            Input(height: 8, width: 8, channels: 1).named("a&b")
            Convolution(filters: 2, kernelSize: [3]).named("</pre><script>alert(1)</script>")
        }
        let report = try Analyzer().analyze(network)
        let html = try XMLTree.parse(HTMLRenderer().render(report))
        #expect(html.elements(named: "script").count == 1)
        #expect(html.element(id: "explain-1")?.text.hasPrefix("</pre><script>alert(1)</script>: conv <- a&b") == true)
        #expect(html.element(id: "row-1")?.children[1].text == "</pre><script>alert(1)</script>")
    }
}
