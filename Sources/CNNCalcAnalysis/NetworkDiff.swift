import CNNCalcCore

/// Two analysed networks laid side by side, layer by layer: which layers correspond, and
/// where their shapes and counts differ (a paper's table against an implementation).
///
/// Layers are paired by an alignment that keeps both orders (as `diff` pairs lines): a pair
/// costs nothing when the two layers have the same type, output size and parameters, 1 when
/// they have the same type but other numbers, and 2 otherwise; a layer left unpaired costs 1.
/// The alignment with the least total cost wins; among equal ones, pairs come first.
/// Output shapes are compared by their sizes in channels-first order, so a channels-last
/// network and a channels-first one still match.
public struct NetworkDiff: Sendable {
    /// One row of the comparison.
    public enum Row: Hashable, Sendable {
        /// Layers at these indices of the two reports, paired.
        case paired(left: Int, right: Int)
        /// A layer only the left network has.
        case leftOnly(Int)
        /// A layer only the right network has.
        case rightOnly(Int)
    }

    /// What differs in a pair of layers.
    public struct Differences: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The layer types differ.
        public static let type = Differences(rawValue: 1)
        /// The output shapes differ.
        public static let shape = Differences(rawValue: 2)
        /// The parameter counts differ.
        public static let parameters = Differences(rawValue: 4)
    }

    /// The larger side's layer count up to which the full alignment is computed; beyond it layers
    /// are paired by position (the alignment's table would grow with the product of the sizes).
    public static let largestAligned = 4_000

    /// The left report.
    public let left: NetworkReport
    /// The right report.
    public let right: NetworkReport
    /// The rows, in order.
    public let rows: [Row]
    /// Whether the layers were paired by position only, the networks being too large to align.
    public let isPairedByPosition: Bool

    /// Compares `left` with `right`.
    public init(_ left: NetworkReport, _ right: NetworkReport) {
        self.left = left
        self.right = right
        let n = left.layers.count, m = right.layers.count
        if max(n, m) > Self.largestAligned {
            isPairedByPosition = true
            rows = (0..<max(n, m)).map { index in
                index < n && index < m ? .paired(left: index, right: index) : index < n ? .leftOnly(index) : .rightOnly(index)
            }
            return
        }
        isPairedByPosition = false
        let leftKeys = left.layers.map(Self.key), rightKeys = right.layers.map(Self.key)
        func pairCost(_ i: Int, _ j: Int) -> Int {
            if leftKeys[i] == rightKeys[j] { return 0 }
            return leftKeys[i].type == rightKeys[j].type ? 1 : 2
        }
        // cost[i][j]: the cheapest alignment of the layers from i and from j to the ends.
        var cost = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n, through: 0, by: -1) {
            for j in stride(from: m, through: 0, by: -1) {
                if i == n { cost[i][j] = m - j; continue }
                if j == m { cost[i][j] = n - i; continue }
                cost[i][j] = min(pairCost(i, j) + cost[i + 1][j + 1], 1 + cost[i + 1][j], 1 + cost[i][j + 1])
            }
        }
        var rows: [Row] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && cost[i][j] == pairCost(i, j) + cost[i + 1][j + 1] {
                rows.append(.paired(left: i, right: j))
                i += 1
                j += 1
            } else if i < n && (j == m || cost[i][j] == 1 + cost[i + 1][j]) {
                rows.append(.leftOnly(i))
                i += 1
            } else {
                rows.append(.rightOnly(j))
                j += 1
            }
        }
        self.rows = rows
    }

    private struct Key: Hashable {
        var type: String
        var sizes: [Int]
        var parameters: Int
    }

    private static func key(_ layer: LayerReport) -> Key {
        Key(type: layer.layer.kind.kindName, sizes: layer.outputShape.dimensions(in: .channelsFirst), parameters: layer.parameterCount)
    }

    /// What differs between layer `left` of the left report and `right` of the right one.
    public func differences(left: Int, right: Int) -> Differences {
        let a = Self.key(self.left.layers[left]), b = Self.key(self.right.layers[right])
        var result: Differences = []
        if a.type != b.type { result.insert(.type) }
        if a.sizes != b.sizes { result.insert(.shape) }
        if a.parameters != b.parameters { result.insert(.parameters) }
        return result
    }

    /// Whether the two networks agree everywhere: every layer paired, with nothing different.
    public var isIdentical: Bool {
        rows.allSatisfy { row in
            if case .paired(let i, let j) = row { return differences(left: i, right: j).isEmpty }
            return false
        }
    }
}
