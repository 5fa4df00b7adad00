import CNNCalcTestSupport
import Foundation
import Testing

/// `--format markdown|csv|latex|svg|html` and `--columns` from the command line.
extension CommandLineTests {
    @Test(arguments: [("markdown", "| 1 | conv1 | conv 5x5 | 32x24x24 | 832 |"), ("csv", "1,conv1,conv 5x5,input,32x24x24,832,832,"),
                      ("latex", "1 & conv1 & conv 5x5 & 32$\\times$24$\\times$24 & 832 &")])
    func otherFormats(_ format: String, _ row: String) throws {
        let result = try run(["--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains(row))
    }

    @Test func columnsAreChecked() throws {
        let wrong = try run(["--columns", "shape,colour"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("--columns"))
        let withJSON = try run(["--columns", "shape", "--format", "json"])
        #expect(withJSON.status == 2)
        let chosen = try run(["-e", "input 8x8x1; conv 4 3", "--columns", "params,trainable"])
        #expect(chosen.stdout.contains("#  name   type      parameters  trainable"))
    }

    @Test func svgAndHTMLFormats() throws {
        let svg = try run(["--format", "svg"])
        #expect(svg.status == 0)
        let diagram = try XMLTree.parse(svg.stdout)
        #expect(diagram.elements(named: "g", className: "d-layer").count == 7)
        let html = try run(["-e", "input 8x8x3; a: conv 4 3 padding=same; b: conv 4 1 inputs=input; sum: add inputs=a,b", "--format", "html"])
        #expect(html.status == 0)
        let page = try XMLTree.parse(html.stdout)
        #expect(page.element(id: "explain-3")?.text.hasPrefix("sum: add <- a, b") == true)
        #expect(page.elements(named: "path", className: "d-edge").count == 4)
        for format in ["svg", "html"] {
            let grouped = try run(["--format", format, "--depth", "1"])
            #expect(grouped.status == 2)
            #expect(grouped.stderr.contains("--depth"))
            let columns = try run(["--format", format, "--columns", "shape"])
            #expect(columns.status == 2)
            #expect(columns.stderr.contains("--format json, svg or html"))
            #expect(try run(["--format", format, "--explain"]).status == 2)
        }
    }
}
