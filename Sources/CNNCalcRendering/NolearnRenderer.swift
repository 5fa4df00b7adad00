import CNNCalcAnalysis
import CNNCalcCore

/// The report in the layout of nolearn's layer information (`PrintLayerInfo`), with a
/// parameters column, so that it can be laid beside what nolearn printed:
///
///     # Neural Network with 217706 learnable parameters
///
///     ## Layer information
///
///       #  name        size        parameters
///     ---  ----------  --------  ------------
///       0  input0      1x28x28              0
///       1  conv2d1     32x24x24           832
///
/// The first line counts the trainable parameters, as nolearn does; the parameters column
/// counts every tensor of the layer (Lasagne's `get_params()`), and sizes are channels first.
/// The table is laid out as Python's `tabulate` lays out its "simple" format.
public struct NolearnRenderer: Sendable {
    /// Creates a nolearn-style renderer.
    public init() {}

    /// The report as nolearn prints it.
    public func render(_ report: NetworkReport) -> String {
        let rows = report.layers.enumerated().map { index, layer in
            [
                String(index), layer.name,
                report.openSizes.map { $0.shapeText($0.outputShape(ofLayer: index), layout: .channelsFirst) }
                    ?? layer.outputShape.dimensions(in: .channelsFirst).map(String.init).joined(separator: "x"),
                String(layer.parameterCount),
            ]
        }
        let table = Self.tabulate(header: ["#", "name", "size", "parameters"], rows: rows)
        return "# Neural Network with \(report.totals.trainable) learnable parameters\n\n## Layer information\n\n\(table)\n\n"
    }

    /// Python `tabulate(rows, headers, tablefmt="simple")`: a column of numbers is aligned right,
    /// any other to the left; each column is as wide as its widest cell, and at least its header
    /// plus 2; columns are separated by two spaces, and dashes underline the header.
    static func tabulate(header: [String], rows: [[String]]) -> String {
        let columns = header.indices
        let isNumeric = columns.map { column in
            !rows.isEmpty && rows.allSatisfy { Int($0[column]) != nil }
        }
        let widths = columns.map { column in
            max(header[column].count + 2, rows.map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            columns.map { column in
                let padding = String(repeating: " ", count: max(0, widths[column] - cells[column].count))
                return isNumeric[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ")
        }
        var lines = [line(header), columns.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
