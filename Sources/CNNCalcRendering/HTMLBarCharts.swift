import CNNCalcAnalysis
import CNNCalcCore

/// The bar charts of the HTML report: one row per layer with a bar for its parameters and one
/// for its MACs, each as long as its share of the largest layer's, in the colour of its
/// ``LayerCategory``. The bars are plain HTML (`<span class="fill" style="width: 38.5%">`),
/// so they need no script.
struct HTMLBarCharts {
    let report: NetworkReport

    /// The `<section id="charts">` of the page.
    func section() -> [String] {
        let batch = report.options.batchSize
        let parameters = report.layers.map { Optional($0.parameterCount) }
        let macs = report.layers.map { layer in layer.cost.flatMap { try? CheckedArithmetic.multiply($0.macs, batch, "") } }
        let largestParameters = parameters.compactMap { $0 }.max() ?? 0
        let largestMACs = macs.compactMap { $0 }.max() ?? 0
        var lines = [
            "<section id=\"charts\">",
            "<h2>Parameters and MACs per layer</h2>",
            "<p class=\"hint\">Each bar is the layer's share of the largest layer's count.</p>",
            "<div class=\"wide\">",
            "<table class=\"bars\">",
            "<thead><tr><th class=\"num\">#</th><th>name</th><th>parameters</th><th>MACs for batch \(batch)</th></tr></thead>",
            "<tbody>",
        ]
        for (index, layer) in report.layers.enumerated() {
            let category = LayerCategory(layer.layer.kind).rawValue
            lines.append(
                "<tr id=\"bar-\(index)\" class=\"pick\"><td class=\"num\">\(index)</td><td>\(XMLText.escaped(layer.name))</td>"
                    + "<td>\(bar(parameters[index], largest: largestParameters, category: category, grouped: true))</td>"
                    + "<td>\(bar(macs[index], largest: largestMACs, category: category, grouped: false))</td></tr>")
        }
        lines += ["</tbody>", "</table>", "</div>", "</section>"]
        return lines
    }

    /// One bar and its number; `?` with an empty track when the value is unknown.
    private func bar(_ value: Int?, largest: Int, category: String, grouped: Bool) -> String {
        guard let value else { return "<span class=\"track\"></span>?" }
        let share = largest > 0 ? Double(value) / Double(largest) * 100 : 0
        let width = NumberFormatting.fixed(share, fractionDigits: 1)
        let number = grouped ? NumberFormatting.grouped(value) : NumberFormatting.humanized(value)
        return "<span class=\"track\"><span class=\"fill k-\(category)\" style=\"width: \(width)%\"></span></span>\(number)"
    }
}
