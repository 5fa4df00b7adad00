import CNNCalcAnalysis
import CNNCalcCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a diagram puts every layer and every connection: a layered graph drawing, top to bottom.
///
/// - Rows: a layer's row is its longest-path depth (inputs are row 0; a layer sits one row below
///   the deepest layer feeding it), so every connection points down.
/// - Columns: layers are placed in the report's order. A layer continues the column of the first
///   layer feeding it whose column nothing has continued yet and is free down to it; otherwise it
///   takes the first free cell to the right. A chain stays in one column and each branch of a
///   residual or inception block opens a column of its own beside it.
/// - Connections: one per input of a layer. A connection to the next row is one curve. A longer one
///   runs down a lane (a column whose cells it reserves, so that no block is drawn over it): the
///   producer's column when it is free, else the consumer's, else the first free column to the
///   right; connections from the same layer share their lanes. A column that holds only lanes is
///   narrow (DenseNet's many skips stay close together).
/// - Sizes: a block's width grows with log2 of its output's positions (height x width of a map,
///   the steps of a sequence, 1 for a vector) and its height with log2 of its channels or features.
///
/// All coordinates are whole pixels, so the drawing is the same on every machine.
public struct DiagramLayout: Hashable, Sendable {
    /// One layer's block.
    public struct Block: Hashable, Sendable {
        /// The layer's index in the report.
        public var index: Int
        /// Its row (longest-path depth) and column.
        public var row: Int, column: Int
        /// Its rectangle.
        public var x: Int, y: Int, width: Int, height: Int
    }

    /// One input connection: from a producer's block to one of the consumer's inputs.
    public struct Edge: Hashable, Sendable {
        /// The indices of the producing and consuming layers.
        public var from: Int, to: Int
        /// Which input of the consumer it is, from 0.
        public var input: Int
        /// The path, as SVG path data.
        public var path: String
        /// The column of the lane it runs down, when it spans more than one row.
        public var lane: Int?
    }

    /// The blocks, in the report's order.
    public let blocks: [Block]
    /// The connections, by consumer in the report's order, then by input.
    public let edges: [Edge]
    /// The size of the drawing, from `origin` on.
    public let width: Int, height: Int

    /// Horizontal space between two columns' blocks, where no lane runs.
    public static let columnGap = 40
    /// The width of a column that holds only lanes.
    public static let laneWidth = 24
    /// Vertical space between two rows, where the connections bend.
    public static let rowGap = 34
    /// The narrowest and widest block.
    public static let widthRange = 200...440
    /// The lowest and highest block.
    public static let heightRange = 52...96

    /// The block size for an output shape: log-scaled positions and channels.
    public static func blockSize(for shape: TensorShape) -> (width: Int, height: Int) {
        let positions: Double = switch shape {
        case .featureMap(let spatial, _): spatial.reduce(1.0) { $0 * Double($1) }
        case .sequence(let steps, _): Double(steps)
        case .vector: 1
        }
        let width = widthRange.lowerBound + Int((9 * log2(max(positions, 1))).rounded())
        let height = heightRange.lowerBound + Int((2.5 * log2(max(Double(shape.channels), 1))).rounded())
        return (min(width, widthRange.upperBound), min(height, heightRange.upperBound))
    }

    /// Lays out `report`'s layers, with the drawing's top left corner at `(originX, originY)`.
    public init(_ report: NetworkReport, originX: Int = 0, originY: Int = 0) {
        let layers = report.layers
        var indexByName: [String: Int] = [:]
        for (index, layer) in layers.enumerated() where indexByName[layer.name] == nil { indexByName[layer.name] = index }
        let inputs = layers.map { $0.inputNames.compactMap { indexByName[$0] } }
        var rows = Array(repeating: 0, count: layers.count)
        for index in layers.indices {
            rows[index] = inputs[index].filter { $0 < index }.map { rows[$0] + 1 }.max() ?? 0
        }
        var grid = Grid()
        var columns = Array(repeating: 0, count: layers.count)
        var continued = Array(repeating: false, count: layers.count)
        var lanes: [(from: Int, to: Int, input: Int, column: Int)] = []
        var laneColumns: [Int: [Int]] = [:]  // by producer
        for index in layers.indices {
            let row = rows[index]
            var column: Int?
            for producer in inputs[index] where producer < index && !continued[producer] {
                let candidate = columns[producer]
                let between = rows[producer] + 1...max(rows[producer] + 1, row - 1)
                if grid.isFree(candidate, rows: row...row, for: nil)
                    && (rows[producer] + 1 == row || grid.isFree(candidate, rows: between, for: producer)) {
                    column = candidate
                    continued[producer] = true
                    break
                }
            }
            if column == nil {
                var candidate = inputs[index].first.map { columns[$0] } ?? 0
                while !grid.isFree(candidate, rows: row...row, for: nil) { candidate += 1 }
                column = candidate
            }
            columns[index] = column!
            grid.occupy(column!, rows: row...row, by: .block)
            for (position, producer) in inputs[index].enumerated() where producer < index && rows[producer] + 1 < row {
                let span = rows[producer] + 1...row - 1
                var candidates = (laneColumns[producer] ?? []) + [columns[producer], column!]
                var next = max(columns[producer], column!) + 1
                while !candidates.contains(where: { grid.isFree($0, rows: span, for: producer) }) {
                    candidates.append(next)
                    next += 1
                }
                let lane = candidates.first { grid.isFree($0, rows: span, for: producer) }!
                grid.occupy(lane, rows: span, by: .lane(producer))
                lanes.append((producer, index, position, lane))
                if !(laneColumns[producer] ?? []).contains(lane) { laneColumns[producer, default: []].append(lane) }
            }
        }

        let sizes = layers.map { Self.blockSize(for: $0.outputShape) }
        let rowCount = (rows.max() ?? -1) + 1
        var rowHeights = Array(repeating: 0, count: rowCount)
        for index in layers.indices { rowHeights[rows[index]] = max(rowHeights[rows[index]], sizes[index].height) }
        var rowTops: [Int] = []
        var y = originY
        for height in rowHeights {
            rowTops.append(y)
            y += height + Self.rowGap
        }
        // A column with blocks is as wide as the widest block and a gap; one with only lanes is narrow.
        let columnCount = max(grid.columnCount, (columns.max() ?? -1) + 1)
        let blockColumnWidth = (sizes.map(\.width).max() ?? Self.widthRange.lowerBound) + Self.columnGap
        let withBlocks = Set(columns)
        var columnLefts: [Int] = []
        var left = originX
        for column in 0..<columnCount {
            columnLefts.append(left)
            left += withBlocks.contains(column) ? blockColumnWidth : Self.laneWidth
        }
        func centreX(_ column: Int) -> Int {
            columnLefts[column] + (withBlocks.contains(column) ? blockColumnWidth : Self.laneWidth) / 2
        }

        blocks = layers.indices.map { index in
            let (width, height) = sizes[index]
            let row = rows[index]
            return Block(
                index: index, row: row, column: columns[index],
                x: centreX(columns[index]) - width / 2, y: rowTops[row] + (rowHeights[row] - height) / 2,
                width: width, height: height)
        }
        let laneOf = Dictionary(lanes.map { ("\($0.to):\($0.input)", $0.column) }, uniquingKeysWith: { first, _ in first })
        var edges: [Edge] = []
        for index in layers.indices {
            let consumer = blocks[index]
            let count = inputs[index].count
            for (position, producer) in inputs[index].enumerated() where producer < index {
                let source = blocks[producer]
                let start = (x: source.x + source.width / 2, y: source.y + source.height)
                let end = (x: consumer.x + consumer.width * (position + 1) / (count + 1), y: consumer.y)
                let lane = laneOf["\(index):\(position)"]
                let path: String
                if let lane {
                    let laneX = centreX(lane)
                    let laneTop = rowTops[source.row + 1]
                    let laneBottom = rowTops[consumer.row - 1] + rowHeights[consumer.row - 1]
                    path = Self.curve(from: start, to: (laneX, laneTop))
                        + " L\(laneX),\(laneBottom)" + Self.curve(from: (laneX, laneBottom), to: end, move: false)
                } else {
                    path = Self.curve(from: start, to: end)
                }
                edges.append(Edge(from: producer, to: index, input: position, path: path, lane: lane))
            }
        }
        self.edges = edges
        width = left - originX
        height = max(y - originY - Self.rowGap, 0)
    }

    /// A cubic curve leaving `start` downwards and arriving at `end` from above.
    static func curve(from start: (x: Int, y: Int), to end: (x: Int, y: Int), move: Bool = true) -> String {
        let middle = (start.y + end.y) / 2
        let head = move ? "M\(start.x),\(start.y)" : ""
        if start.x == end.x { return head + " L\(end.x),\(end.y)" }
        return head + " C\(start.x),\(middle) \(end.x),\(middle) \(end.x),\(end.y)"
    }
}

/// The cells (column, row) a layout has used, for blocks and for lanes.
private struct Grid {
    enum Occupant: Hashable {
        case block
        case lane(Int)
    }

    struct Cell: Hashable {
        var column: Int, row: Int
    }

    private var cells: [Cell: Occupant] = [:]
    private(set) var columnCount = 0

    /// Whether `column` is free on every row of `rows`; lanes of `producer` count as free for it.
    func isFree(_ column: Int, rows: ClosedRange<Int>, for producer: Int?) -> Bool {
        guard column >= 0 else { return false }
        for row in rows {
            switch cells[Cell(column: column, row: row)] {
            case nil: continue
            case .lane(let owner) where producer != nil && owner == producer: continue
            default: return false
            }
        }
        return true
    }

    mutating func occupy(_ column: Int, rows: ClosedRange<Int>, by occupant: Occupant) {
        for row in rows { cells[Cell(column: column, row: row)] = occupant }
        columnCount = max(columnCount, column + 1)
    }
}
