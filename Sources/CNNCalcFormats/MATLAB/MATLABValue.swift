import CNNCalcCore

/// A value of the MATLAB subset: numbers, text, cell arrays, layer arrays and layer graphs.
enum MATLABValue: Sendable {
    /// A numeric (or logical) array, `rows × columns`, its values row by row.
    case numbers(MATLABMatrix)
    /// A character vector `'same'` (`isString` false) or a string `"same"`.
    case text(String, isString: Bool)
    /// A cell array or a string array, flattened row by row.
    case list([MATLABValue])
    /// A layer array: layers in the order written, each fed by the one before when they become a network.
    case layers([MATLABLayer])
    /// A `layerGraph` or a `dlnetwork`: named layers and the connections between them.
    case graph(MATLABGraph)
    /// What a call that returns nothing gives (`analyzeNetwork(net)`).
    case nothing

    /// The value in a few words for a message: `20`, `[50 50 2]`, `'same'`, `a layer array of 6 layers`.
    var described: String {
        switch self {
        case .numbers(let matrix): matrix.described
        case .text(let text, _): MATLABToken.quote(text)
        case .list(let values): "a list of \(values.count) value\(values.count == 1 ? "" : "s")"
        case .layers(let layers): "a layer array of \(layers.count) layer\(layers.count == 1 ? "" : "s")"
        case .graph(let graph): "\(graph.isNetwork ? "a dlnetwork" : "a layer graph") of \(graph.layers.count) layer\(graph.layers.count == 1 ? "" : "s")"
        case .nothing: "nothing"
        }
    }

    /// The text of a character vector or a string, or `nil` for any other value.
    var text: String? {
        if case .text(let text, _) = self { return text }
        return nil
    }
}

/// A two-dimensional array of doubles, as MATLAB keeps numbers.
struct MATLABMatrix: Hashable, Sendable {
    /// The most values one array may hold: far beyond any size or padding vector.
    static let maximumCount = 1_000_000

    /// The number of rows.
    var rows: Int
    /// The number of columns.
    var columns: Int
    /// The values, row by row.
    var values: [Double]

    /// A 1×1 array.
    init(scalar: Double) {
        (rows, columns, values) = (1, 1, [scalar])
    }

    /// An array of `rows × columns` values given row by row.
    init(rows: Int, columns: Int, values: [Double]) {
        (self.rows, self.columns, self.values) = (rows, columns, values)
    }

    /// The empty array `[]`.
    static let empty = MATLABMatrix(rows: 0, columns: 0, values: [])

    /// Whether the array holds one value.
    var isScalar: Bool { values.count == 1 }

    /// Whether the array is a row or a column (or a single value).
    var isVector: Bool { rows == 1 || columns == 1 }

    /// `20`, `[50 50 2]` or `[1 2; 3 4]`, shortened past a dozen values.
    var described: String {
        if values.isEmpty { return "[]" }
        if isScalar { return Self.text(values[0]) }
        let shown = values.prefix(12)
        var rowTexts: [String] = []
        for row in 0..<rows {
            let start = row * columns
            guard start < shown.count else { break }
            rowTexts.append(shown[start..<min(start + columns, shown.count)].map(Self.text).joined(separator: " "))
        }
        return "[" + rowTexts.joined(separator: "; ") + (values.count > shown.count ? " ..." : "") + "]"
    }

    /// A number as MATLAB displays a short one: `20`, `0.5`, `1e-05`.
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
