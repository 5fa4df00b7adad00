import CNNCalcAnalysis
import CNNCalcCore

/// The report as one self-contained HTML page: the layer table with the totals, the memory
/// estimate, the ``SVGRenderer`` diagram, bar charts of parameters and MACs per layer, and each
/// layer's ``ExplainRenderer`` arithmetic, shown in a side panel when the layer is clicked or
/// hovered in the table, the diagram or the charts.
///
/// Style sheet and script are inline and nothing is loaded from anywhere, so the file works
/// offline and can be mailed. It is also well-formed XML (void elements closed, script and style
/// in CDATA sections), so an XML parser reads it back. Rows, blocks and bars of layer N have the
/// ids `row-N`, `layer-N` and `bar-N`; its explanation is `<pre id="explain-N">`.
public struct HTMLRenderer: Sendable {
    /// Choices of layout and number format.
    public var options: RenderOptions

    /// Creates an HTML renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The columns of the page's layer table.
    static let columns: [ReportColumn] = [.shape, .params, .macs, .flops, .memory, .rf, .formula]

    /// The report as an HTML page.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        var options = options
        options.layout = layout
        let categories = LayerCategory.allCases.filter { category in
            report.layers.contains { LayerCategory($0.layer.kind) == category }
        }
        let svg = SVGRenderer(options: options)
        var page = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<meta name=\"generator\" content=\"cnncalc\"/>",
            "<title>CNNCalc report: \(XMLText.escaped(svg.title(report)))</title>",
            "<style>/*<![CDATA[*/",
            HTMLPageAssets.styleSheet(categories),
            "/*]]>*/</style>",
            "</head>",
            "<body>",
            "<main>",
            "<h1>CNNCalc report</h1>",
            "<p>\(XMLText.escaped("\(svg.title(report)). Shapes per example, written \(layout.rawValue) (\(layout.phrase)). Click or hover over a layer in the table, the diagram or the charts to see its arithmetic."))</p>",
        ]
        page += summary(report, options: options)
        page += memory(report)
        page.append("<section id=\"diagram\">")
        page.append("<h2>Diagram</h2>")
        page.append("<div class=\"scroll\">")
        page.append(svg.element(report).trimmingSuffix("\n"))
        page.append("</div>")
        page.append("</section>")
        page += HTMLBarCharts(report: report).section()
        page.append("</main>")
        page.append("<aside>")
        page.append("<h2 id=\"explain-title\">The arithmetic</h2>")
        page.append("<pre id=\"explain-text\">Click or hover over a layer to see how its output size, parameters, cost and receptive field are computed.</pre>")
        page.append("</aside>")
        page.append("<div id=\"explanations\" hidden=\"hidden\">")
        for (index, layer) in report.layers.enumerated() {
            let text = ExplainRenderer.lines(for: layer, layout: layout).joined(separator: "\n")
            page.append("<pre id=\"explain-\(index)\" title=\"\(XMLText.escaped("\(index): \(layer.name)"))\">\(XMLText.escaped(text))</pre>")
        }
        page.append("</div>")
        page.append("<script>//<![CDATA[")
        page.append(HTMLPageAssets.script)
        page.append("//]]></script>")
        page.append("</body>")
        page.append("</html>")
        return page.joined(separator: "\n") + "\n"
    }

    /// The layer table, the totals and the notes.
    private func summary(_ report: NetworkReport, options: RenderOptions) -> [String] {
        let cells = ReportCells(report: report, options: options)
        let columns = Self.columns
        var lines = ["<section id=\"summary\">", "<h2>Layers</h2>", "<div class=\"wide\">", "<table class=\"layers\">"]
        let headers = ["#", "name", "type"].map { "<th>\($0)</th>" }
            + columns.map { "<th\($0.isNumeric ? " class=\"num\"" : "")>\(XMLText.escaped($0.header(options: options)))</th>" }
        lines.append("<thead><tr>" + headers.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for (index, layer) in report.layers.enumerated() {
            let type = LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank)
            var row = "<tr id=\"row-\(index)\" class=\"pick\" tabindex=\"0\"><td class=\"num\">\(index)</td>"
            row += "<td>\(XMLText.escaped(layer.name))</td><td>\(XMLText.escaped(type))</td>"
            for column in columns {
                row += "<td\(column.isNumeric ? " class=\"num\"" : "")>\(XMLText.escaped(cells.cell(column, layer: index).human))</td>"
            }
            lines.append(row + "</tr>")
        }
        lines += ["</tbody>", "</table>", "</div>"]
        let footer = ReportFooter(report: report, options: options)
        lines.append("<h3>Totals</h3>")
        lines.append("<table class=\"totals\">")
        for (label, value) in footer.totalEntries() {
            lines.append("<tr><th>\(XMLText.escaped(label))</th><td class=\"num\">\(XMLText.escaped(value))</td></tr>")
        }
        lines.append("</table>")
        let notes = footer.notes().filter { !$0.hasPrefix("Memory") && !$0.hasPrefix("  ") }
        lines.append("<p class=\"hint\">\(XMLText.escaped(notes.joined(separator: " ")))</p>")
        let warnings = report.layers.flatMap { layer in layer.warnings.map { "\(layer.name): \($0)" } }
        if !warnings.isEmpty {
            lines.append("<h3>Warnings</h3>")
            lines.append("<ul>" + warnings.map { "<li>\(XMLText.escaped($0))</li>" }.joined() + "</ul>")
        }
        lines.append("</section>")
        return lines
    }

    /// The memory estimate and the network's receptive field.
    private func memory(_ report: NetworkReport) -> [String] {
        var lines = ["<section id=\"memory\">", "<h2>Memory and receptive field</h2>", "<table class=\"memory\">"]
        func row(_ label: String, _ value: String) {
            lines.append("<tr><th>\(XMLText.escaped(label))</th><td class=\"num\">\(XMLText.escaped(value))</td></tr>")
        }
        if let memory = try? MemoryEstimate(report, dataType: options.dataType, optimizer: options.optimizer) {
            row("Weights and state", NumberFormatting.bytes(memory.weightBytes))
            row("Gradients", NumberFormatting.bytes(memory.gradientBytes))
            row("Optimizer state (\(memory.optimizer.rawValue))", NumberFormatting.bytes(memory.optimizerBytes))
            row("Activations (every layer's output)", NumberFormatting.bytes(memory.activationBytes))
            row("Training, at least", NumberFormatting.bytes(memory.trainingBytes))
        } else {
            row("Memory", "too large to count in 64 bits")
        }
        if let field = report.widestReceptiveField {
            let sizes = field.axes.map { String($0.size) }.joined(separator: "x")
            row("Widest receptive field", "\(sizes) (\(report.layers[field.layerIndex].name))")
        }
        lines.append("</table>")
        lines.append("<p class=\"hint\">\(XMLText.escaped("For batch \(report.options.batchSize) in \(options.dataType.rawValue). These are lower bounds: a framework adds workspace, allocator slack and its own runtime."))</p>")
        lines.append("</section>")
        return lines
    }
}

extension String {
    /// The string without `suffix` at its end, when it ends with it.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
