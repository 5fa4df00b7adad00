import CNNCalcAnalysis
import CNNCalcCore

/// The report laid out as Keras 3's `model.summary()` prints a functional model, so that the two
/// can be held side by side:
///
///     Model: "functional"
///     ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
///     ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
///     ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
///     │ input (InputLayer)                   │ (None, 28, 28, 1)           │               0 │
///     ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
///     │ conv1 (Conv2D)                       │ (None, 24, 24, 32)          │             832 │
///     └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
///      Total params: 217,706 (850.41 KB)
///      Trainable params: 217,706 (850.41 KB)
///      Non-trainable params: 0 (0.00 B)
///
/// As Keras does: one row per layer, the input included; the batch axis as `None`; a
/// "Connected to" column (`a1_relu[0][0]`) unless every layer reads only the one before it;
/// lines 88 characters wide (108 with "Connected to"), or the width less 4 when that is
/// narrower, shared between the columns as rich shares them, cells wrapped at spaces and a
/// word too long for its column cut short with `…`; sizes in units of 1024 bytes.
/// A shared layer has one row, connected to the inputs of every call (`left[0][0], right[0][0]`),
/// its later calls' outputs named `shared[1][0]`. Shapes are in the input's layout, as Keras
/// writes them for a model of that `data_format`, unless ``RenderOptions/layout`` says otherwise;
/// rows come in the network's order, where Keras orders a branching model's layers by depth.
/// CNNCalc keeps no model name, nor whether a model was `Sequential` (whose summary has no input
/// row) or nested (one row per inner model in Keras, one per inner layer here).
public struct KerasSummaryRenderer: Sendable {
    /// The layout (``RenderOptions/layout``), width, colour and number format of the summary.
    public var options: RenderOptions

    /// Creates a Keras-style renderer.
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The report as `model.summary()` prints it.
    public func render(_ report: NetworkReport) -> String {
        let layout = options.layout ?? report.inputLayout
        let connected = !Self.isSequential(report)
        let lineLength = min(connected ? 108 : 88, options.width.map { $0 - 4 } ?? .max)
        let positions = connected ? [0.3, 0.56, 0.74, 1.0] : [0.45, 0.80, 1.0]
        var header = ["Layer (type)", "Output Shape", "Param #"]
        var alignment: [BoxTable.Alignment] = [.left, .left, .right]
        if connected {
            header.append("Connected to")
            alignment.append(.left)
        }
        // A layer applied again (a shared layer's later call) is no row of its own: Keras lists the
        // layer once, with every call's inputs, and names the output of call k `name[k-1][0]`.
        var callIndex: [String: Int] = [:]
        var reference: [String: String] = [:]
        var callsInputs: [String: [String]] = [:]
        for layer in report.layers {
            if let base = layer.layer.sharesLearnablesWith {
                let call = (callIndex[base] ?? 0) + 1
                callIndex[base] = call
                reference[layer.name] = "\(base)[\(call)][0]"
            }
        }
        for layer in report.layers {
            let base = layer.layer.sharesLearnablesWith ?? layer.name
            callsInputs[base, default: []] += layer.inputNames.map { reference[$0] ?? "\($0)[0][0]" }
        }
        let rows = report.layers.indices.filter { report.layers[$0].layer.sharesLearnablesWith == nil }.map { index in
            let layer = report.layers[index]
            let rank = (layer.inputShapes.first ?? layer.outputShape).spatialRank
            var row = [
                "\(layer.name) (\(FrameworkTypeNames.keras(layer.layer.kind, rank: rank)))",
                shapeText(report, index: index, layout: layout),
                NumberFormatting.grouped(layer.parameterCount),
            ]
            if connected {
                let inputs = callsInputs[layer.name] ?? []
                row.append(inputs.isEmpty ? "-" : inputs.joined(separator: ", "))
            }
            return row
        }
        let columns = header.indices.map { BoxTable.Column(header: header[$0], alignment: alignment[$0], wraps: true) }
        let table = BoxTable(columns: columns, rows: rows, rulesBetweenRows: true, color: options.color, cutsLongWords: true)
        let widths = Self.columnWidths(lineLength: lineLength, positions: positions)
        var lines = [bold("Model: \"functional\"")]
        lines += table.lines(contentWidths: widths)
        let bytes = options.dataType.bytes
        let totals = report.totals
        for (label, count) in [("Total params: ", totals.parameters), ("Trainable params: ", totals.trainable),
                               ("Non-trainable params: ", totals.nonTrainable)] {
            let size = (try? CheckedArithmetic.multiply(count, bytes, "")).map(Self.readableSize) ?? "?"
            lines.append(bold(" " + label) + NumberFormatting.grouped(count) + " (\(size))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func bold(_ text: String) -> String { options.color ? ANSI.bold(text) : text }

    /// The output shape as Keras writes it: `(None, 24, 24, 32)`, `None` for sizes left open too.
    private func shapeText(_ report: NetworkReport, index: Int, layout: Layout) -> String {
        let sizes: [String]
        if let open = report.openSizes {
            sizes = open.outputShape(ofLayer: index).sizes(in: layout).map { $0.fixed.map(String.init) ?? "None" }
        } else {
            sizes = report.layers[index].outputShape.dimensions(in: layout).map(String.init)
        }
        return "(" + (["None"] + sizes).joined(separator: ", ") + ")"
    }

    /// Whether Keras would lay the model out as a sequence: one input, and every other layer
    /// reading exactly the layer before it.
    static func isSequential(_ report: NetworkReport) -> Bool {
        report.layers.indices.allSatisfy { index in
            index == 0 ? report.layers[0].inputNames.isEmpty : report.layers[index].inputNames == [report.layers[index - 1].name]
        }
    }

    /// The widths of the cells' text, as rich shares `lineLength` between columns that Keras
    /// sizes by `positions`: each column asks for its share plus 2 of padding, and what the
    /// borders leave too little is taken evenly from every column (Python's `round`, ties to even).
    static func columnWidths(lineLength: Int, positions: [Double]) -> [Int] {
        var requested: [Int] = []
        var current = 0
        for position in positions {
            let width = Int(position * Double(lineLength)) - current
            requested.append(max(width, 1) + 2)
            current += width
        }
        let available = lineLength - (positions.count + 1)
        var excess = requested.reduce(0, +) - available
        var result = requested
        if excess > 0 {
            var ratioLeft = requested.count
            for index in result.indices {
                let share = min(result[index], Int((Double(excess) / Double(ratioLeft)).rounded(.toNearestOrEven)))
                result[index] -= share
                excess -= share
                ratioLeft -= 1
            }
        }
        return result.map { max($0 - 2, 1) }
    }

    /// Keras's `readable_memory_size`: bytes in B, KB, MB, ... of 1024, with two decimals.
    static func readableSize(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if value / 1024 < 1 { return "\(PythonNumbers.fixed2(value)) \(unit)" }
            value /= 1024
        }
        return "\(PythonNumbers.fixed2(value)) PB"
    }
}
