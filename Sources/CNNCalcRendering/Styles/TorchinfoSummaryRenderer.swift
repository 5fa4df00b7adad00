import CNNCalcAnalysis
import CNNCalcCore

/// The report laid out as torchinfo 1.8's `summary(model, input_size=...)` prints it, so that
/// the two can be held side by side:
///
///     ==========================================================================================
///     Layer (type:depth-idx)                   Output Shape              Param #
///     ==========================================================================================
///     Network                                  [1, 10]                   --
///     ├─Conv2d: 1-1                            [1, 32, 24, 24]           832
///     ...
///     ==========================================================================================
///     Total params: 217,706
///     Trainable params: 217,706
///     Non-trainable params: 0
///     Total mult-adds (M): 1.61
///     ==========================================================================================
///     Input size (MB): 0.00
///     Forward/backward pass size (MB): 0.18
///     Params size (MB): 0.87
///     Estimated Total Size (MB): 1.05
///     ==========================================================================================
///
/// As torchinfo does: a first row for the whole network (named `Network`, as a file gives no
/// class name), then one row per layer that PyTorch writes as a module, all at depth 1 where
/// torchinfo nests a model's modules under their containers (the input,
/// merges and reshapes are functions in `forward`, which torchinfo does not see); shapes with the
/// batch first, channels first; `--` for no parameters and `(n)` for only frozen ones;
/// mult-adds as torchinfo counts them (see ``TorchinfoRule``); sizes in MB of 10^6 bytes in the
/// report's number format, the forward/backward pass counting twice the outputs of the layers
/// that have parameters. torchinfo writes `Units.MEGABYTES` for `M` on Python 3.12 and later.
/// With sizes left open, what depends on them is `?`.
public struct TorchinfoSummaryRenderer: Sendable {
    /// The layout (``RenderOptions/layout``, default channels first) and number format of the summary.
    public var options: RenderOptions

    /// Creates a torchinfo-style renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as torchinfo prints it.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? .channelsFirst
        let batch = report.options.batchSize
        var rows: [(title: String, depth: Int, shape: String, params: String)] = []
        for (index, layer) in report.layers.enumerated() {
            let rank = (layer.inputShapes.first ?? layer.outputShape).spatialRank
            guard let type = FrameworkTypeNames.pytorch(layer.layer.kind, rank: rank) else { continue }
            let params = layer.parameterCount == 0 ? "--"
                : layer.trainableCount == 0 ? "(\(NumberFormatting.grouped(layer.parameterCount)))"
                : NumberFormatting.grouped(layer.parameterCount)
            rows.append(("\(type): 1-\(rows.count + 1)", 1, shapeText(report, index: index, layout: layout), params))
        }
        rows.insert(("Network", 0, shapeText(report, index: report.layers.count - 1, layout: layout), "--"), at: 0)

        // torchinfo's name column: 40 wide, or the longest title plus 5 per depth level and 1,
        // rounded up to a multiple of 5.
        let longest = rows.map { $0.title.count + $0.depth * 5 + 1 }.max() ?? 0
        let nameWidth = longest >= 40 ? (longest + 4) / 5 * 5 : 40
        let columnWidth = 25
        func row(_ name: String, _ cells: [String]) -> String {
            String((name.padding(to: nameWidth) + " " + cells.map { $0.padding(to: columnWidth) + " " }.joined()).trailingSpacesRemoved)
        }
        let divider = String(repeating: "=", count: nameWidth + 2 * columnWidth)
        var lines = [divider, row("Layer (type:depth-idx)", ["Output Shape", "Param #"]), divider]
        lines += rows.map { row(($0.depth == 1 ? "├─" : "") + $0.title, [$0.shape, $0.params]) }
        let totals = report.totals
        let bytes = options.dataType.bytes
        // Sizes that depend on the input: with open sizes, a number only when it does not depend on them.
        func quantity(_ value: (NetworkReport) -> Int?) -> Int? {
            guard let open = report.openSizes else { return value(report) }
            return open.value(value)?.fixed
        }
        let inputBytes = quantity { run in
            run.layers.filter { if case .input = $0.layer.kind { true } else { false } }
                .reduce(Int?(0)) { add($0, multiply($1.outputElements, batch, bytes)) }
        }
        let bytesForPass = quantity { run in
            run.layers.filter { $0.parameterCount > 0 && FrameworkTypeNames.pytorch($0.layer.kind, rank: 0) != nil }
                .reduce(Int?(0)) { add($0, multiply($1.outputElements, batch, bytes, 2)) }
        }
        let parameterBytes = multiply(totals.parameters, bytes)
        let multAdds = quantity { try? $0.torchinfoMultAdds() }.map(Self.multAddsText)
            ?? (report.openSizes.map { " (M): ? (depends on \($0.sizes.map(\.name).joined(separator: ", ")))" } ?? ": too many to count")
        lines += [
            divider,
            "Total params: \(NumberFormatting.grouped(totals.parameters))",
            "Trainable params: \(NumberFormatting.grouped(totals.trainable))",
            "Non-trainable params: \(NumberFormatting.grouped(totals.nonTrainable))",
            "Total mult-adds" + multAdds,
            divider,
            "Input size (MB): \(Self.megabytes(inputBytes))",
            "Forward/backward pass size (MB): \(Self.megabytes(bytesForPass))",
            "Params size (MB): \(Self.megabytes(parameterBytes))",
            "Estimated Total Size (MB): \(Self.megabytes(add(add(inputBytes, bytesForPass), parameterBytes)))",
            divider,
        ]
        if options.color {
            lines[1] = ANSI.bold(lines[1])
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The output shape as torchinfo writes it: `[1, 32, 24, 24]`, the batch first; `?` for a size left open.
    private func shapeText(_ report: NetworkReport, index: Int, layout: Layout) -> String {
        let sizes: [String]
        if let open = report.openSizes {
            sizes = open.outputShape(ofLayer: index).sizes(in: layout).map { $0.fixed.map(String.init) ?? "?" }
        } else {
            sizes = report.layers[index].outputShape.dimensions(in: layout).map(String.init)
        }
        return "[" + ([String(report.options.batchSize)] + sizes).joined(separator: ", ") + "]"
    }

    /// torchinfo's `format_output_num` with automatic units: ` (M): 1.61`, ` (G): 4.09`, ` (M): 0`.
    static func multAddsText(_ count: Int) -> String {
        let (unit, value): (String, Double) = count >= 1_000_000_000_000 ? ("T", Double(count) / 1e12)
            : count >= 1_000_000_000 ? ("G", Double(count) / 1e9) : ("M", Double(count) / 1e6)
        let number = value == value.rounded() ? NumberFormatting.grouped(Int(value)) : PythonNumbers.groupedFixed2(value)
        return " (\(unit)): \(number)"
    }

    /// Bytes in MB of 10^6 with two decimals, as `f"{bytes / 1e6:0.2f}"`; `?` when too large to count.
    static func megabytes(_ bytes: Int?) -> String {
        bytes.map { PythonNumbers.fixed2(Double($0) / 1e6) } ?? "?"
    }

    private func multiply(_ values: Int...) -> Int? {
        var product = 1
        for value in values {
            guard let next = try? CheckedArithmetic.multiply(product, value, "") else { return nil }
            product = next
        }
        return product
    }

    private func add(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        return try? CheckedArithmetic.add(a, b, "")
    }
}
