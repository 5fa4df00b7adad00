import CNNCalcAnalysis
import CNNCalcCore

/// The network as a diagram in SVG 1.1: one block per layer, laid out by ``DiagramLayout``,
/// coloured by ``LayerCategory`` and labelled with its name, type, output shape, parameters and
/// MACs; one arrow per input connection; a title line and a legend above. No script, no external
/// resources: the file opens in any browser and embeds in an HTML page.
///
/// Every block is a `<g class="d-layer" id="layer-N">` (N its index in the report) holding a
/// `<title>` with the layer's full description (a browser's tooltip), and every connection a
/// `<path class="d-edge">`.
public struct SVGRenderer: Sendable {
    /// Choices of layout and number format.
    public var options: RenderOptions

    /// Creates an SVG renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// Space around the drawing.
    static let margin = 20
    /// The narrowest drawing, so that the legend has room.
    static let minimumWidth = 760

    /// The report as a standalone SVG file.
    public func render(_ report: NetworkReport) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(report)
    }

    /// The `<svg>` element alone, to put inside an HTML page.
    public func element(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        let categories = LayerCategory.allCases.filter { category in
            report.layers.contains { LayerCategory($0.layer.kind) == category }
        }
        let margin = Self.margin
        var header: [String] = []
        header.append(text(title(report), x: margin, y: margin + 14, className: "d-title"))
        var legendY = margin + 40
        var legendX = margin
        let graph = DiagramLayout(report, originX: margin, originY: 0)
        let totalWidth = max(graph.width + 2 * margin, Self.minimumWidth)
        for category in categories {
            let itemWidth = 34 + category.title.count * 66 / 10
            if legendX + itemWidth > totalWidth - margin && legendX > margin {
                legendX = margin
                legendY += 22
            }
            header.append(
                "<rect class=\"d-\(category.rawValue)\" x=\"\(legendX)\" y=\"\(legendY - 11)\" width=\"14\" height=\"14\" rx=\"2\"/>")
            header.append(text(category.title, x: legendX + 20, y: legendY, className: "d-legend"))
            legendX += itemWidth
        }
        legendY += 22
        header.append(text(
            "Block width: log2 of the output's positions; height: log2 of its channels. Arrows run from a layer to the layers it reads.",
            x: margin, y: legendY, className: "d-note"))
        let graphTop = legendY + 24
        let totalHeight = graphTop + graph.height + margin

        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(totalWidth)\" height=\"\(totalHeight)\" viewBox=\"0 0 \(totalWidth) \(totalHeight)\" class=\"d-diagram\">",
            "<title>\(XMLText.escaped(title(report)))</title>",
            "<style type=\"text/css\"><![CDATA[",
            Self.styleSheet(categories),
            "]]></style>",
            "<defs><marker id=\"d-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" class=\"d-arrowhead\"/></marker></defs>",
            "<rect class=\"d-background\" x=\"0\" y=\"0\" width=\"\(totalWidth)\" height=\"\(totalHeight)\"/>",
        ]
        lines += header
        lines.append("<g transform=\"translate(0,\(graphTop))\">")
        for edge in graph.edges {
            lines.append("<path class=\"d-edge\" d=\"\(edge.path)\"/>")
        }
        for block in graph.blocks {
            lines.append(blockElement(block, layer: report.layers[block.index], report: report, layout: layout))
        }
        lines.append("</g>")
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The title line: layers, parameters, MACs and the batch.
    func title(_ report: NetworkReport) -> String {
        let totals = report.totals
        let partial = totals.uncostedLayers.isEmpty ? "" : " (partial)"
        return "\(report.layers.count) layers, \(NumberFormatting.grouped(totals.parameters)) parameters, "
            + "\(NumberFormatting.humanized(totals.cost.macs)) MACs\(partial) for batch \(report.options.batchSize)"
    }

    /// The three label lines of a layer: name, type and shape, parameters and MACs.
    static func labels(_ layer: LayerReport, report: NetworkReport, layout: Layout) -> [String] {
        let type = LayerTypeText.text(for: layer.layer.kind, axes: layer.axes, rank: layer.outputShape.spatialRank)
        var counts = "\(NumberFormatting.grouped(layer.parameterCount)) params"
        if let macs = layer.cost.flatMap({ try? CheckedArithmetic.multiply($0.macs, report.options.batchSize, "") }) {
            if macs > 0 { counts += " · \(NumberFormatting.humanized(macs)) MACs" }
        } else {
            counts += " · MACs unknown"
        }
        return [layer.name, "\(type) · \(layer.outputShape.text(in: layout))", counts]
    }

    private func blockElement(_ block: DiagramLayout.Block, layer: LayerReport, report: NetworkReport, layout: Layout) -> String {
        let category = LayerCategory(layer.layer.kind)
        let labels = Self.labels(layer, report: report, layout: layout)
        var tooltip = labels
        tooltip.insert("\(layer.layer.kind.kindName) (\(category.title))", at: 1)
        if !layer.inputNames.isEmpty { tooltip.append("reads " + layer.inputNames.joined(separator: ", ")) }
        var parts = [
            "<g class=\"d-layer\" id=\"layer-\(block.index)\">",
            "<title>\(XMLText.escaped(tooltip.joined(separator: "\n")))</title>",
            "<rect class=\"d-\(category.rawValue)\" x=\"\(block.x)\" y=\"\(block.y)\" width=\"\(block.width)\" height=\"\(block.height)\" rx=\"5\"/>",
        ]
        let firstBaseline = block.y + (block.height - 42) / 2 + 12
        let nameLimit = (block.width - 16) * 10 / 72
        let textLimit = (block.width - 16) * 10 / 64
        for (line, label) in labels.enumerated() {
            let limit = line == 0 ? nameLimit : textLimit
            parts.append(text(
                XMLText.truncated(label, to: limit), x: block.x + 8, y: firstBaseline + 14 * line,
                className: line == 0 ? "d-name" : "d-label"))
        }
        parts.append("</g>")
        return parts.joined()
    }

    private func text(_ content: String, x: Int, y: Int, className: String) -> String {
        "<text class=\"\(className)\" x=\"\(x)\" y=\"\(y)\">\(XMLText.escaped(content))</text>"
    }

    /// The diagram's style sheet; every class starts with `d-`, so that it can share a page.
    static func styleSheet(_ categories: [LayerCategory]) -> String {
        var rules = [
            ".d-background { fill: #ffffff; }",
            ".d-diagram text { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; font-size: 11px; fill: #1f1f1f; }",
            ".d-diagram .d-title { font-size: 15px; font-weight: bold; }",
            ".d-diagram .d-name { font-weight: bold; }",
            ".d-diagram .d-note { fill: #555555; }",
            ".d-edge { fill: none; stroke: #5a5a5a; stroke-width: 1.3; marker-end: url(#d-arrow); }",
            ".d-arrowhead { fill: #5a5a5a; }",
        ]
        for category in categories {
            rules.append(".d-\(category.rawValue) { fill: \(category.fill); stroke: \(category.stroke); stroke-width: 1.2; }")
        }
        return rules.joined(separator: "\n")
    }
}
