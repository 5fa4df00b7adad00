import CNNCalcCore

/// The stand-in numbers an analysis with open sizes builds its networks with, and how it
/// reads a count from the networks' reports.
///
/// **The stand-ins.** Open size `j` of `K` at level `l` stands in as
/// ```
/// M * (1 + l*K + j),   M = 20,160 = 2^6 * 3^2 * 5 * 7
/// ```
/// so `seq` alone is 20,160, 40,320, 60,480 and 80,640, and of two sizes the first is 20,160,
/// 60,480, ... and the second 40,320, 80,640, ...: never equal to each other in one network.
/// They are chosen so that
/// - no layer fails where the real model would not: every stride, pooling and block size
///   product up to 64 (and 3, 5, 7, 9) divides them, so reshapes with `-1`, space-to-depth and
///   the skip connections of a network that downsamples 64 times and upsamples back all work;
/// - they stay clear of the sizes models use: larger than any kernel or padding, so every
///   size that depends on them is in the regular, linear regime of its formula; a size that does
///   not depend on them keeps one value in every network, so it can never be taken for one;
/// - the counts stay within 64 bits for 1-D and 2-D models (a 2-D map of 161,280 x 161,280 and
///   its convolutions); a 3-D model with several open axes can exceed them, and is then told
///   to give sizes.
///
/// **The networks.** The counts of CNNCalc's layers are sums of products of sizes, so with
/// `K <= 3` open sizes a count is found as a polynomial of degree at most 2 in each (attention
/// is quadratic in its length) from the `3^K` networks of levels 0, 1 and 2; with 4 to 6 open
/// sizes, of degree at most 1 from `2^K`; with more, a count that changes is only said to
/// depend on them. Three more networks check every polynomial found:
/// - every size at level `degree + 1` (a point the fit did not use);
/// - every size at level 0 plus 1, and at level 1 minus 1: odd sizes, 1 and -1 modulo every small
///   number, where a size rounded by a stride (`ceil(seq/2)`, `2*floor(seq/2)`) differs from the
///   polynomial the even stand-ins suggest.
///
/// A count is written as a polynomial only when it matches all of them; otherwise it is unknown.
/// When the model cannot be built at the odd sizes (a reshape that needs an even length), the
/// check cannot be made, and every count that depends on an open size is unknown.
struct StandInPlan: Hashable, Sendable {
    /// The base of every stand-in.
    static let base = 20_160

    /// The open sizes, in order.
    let names: [String]
    /// The highest power of each size a fit looks for.
    let degree: Int
    /// The networks to build: the size of every open size in each.
    let runs: [[String: Int]]
    /// For each grid point (levels of each size, row-major), its index in ``runs``.
    let grid: [Int]
    /// The index in ``runs`` where only size `j` is at level 1 (the others at 0).
    let singleSteps: [Int]
    /// The indices in ``runs`` of the check networks.
    let checks: [Int]

    init(names: [String]) {
        self.names = names
        let count = names.count
        degree = count <= 3 ? 2 : (count <= 6 ? 1 : 0)
        var runs: [[String: Int]] = []
        var grid: [Int] = []
        let levels = degree + 1
        var pointCount = 1
        for _ in 0..<count { pointCount *= levels }
        for point in 0..<pointCount {
            var remainder = point
            var levelsOfPoint = [Int](repeating: 0, count: count)
            for index in (0..<count).reversed() {
                levelsOfPoint[index] = remainder % levels
                remainder /= levels
            }
            grid.append(runs.count)
            runs.append(Self.assignment(names, levels: levelsOfPoint))
        }
        var singleSteps: [Int] = []
        for index in 0..<count {
            var levelsOfPoint = [Int](repeating: 0, count: count)
            levelsOfPoint[index] = 1
            let assignment = Self.assignment(names, levels: levelsOfPoint)
            if let existing = runs.firstIndex(of: assignment) {
                singleSteps.append(existing)
            } else {
                singleSteps.append(runs.count)
                runs.append(assignment)
            }
        }
        var checks: [Int] = []
        let far = Self.assignment(names, levels: [Int](repeating: levels, count: count))
        let odd = Self.assignment(names, levels: [Int](repeating: 0, count: count)).mapValues { $0 + 1 }
        let odd2 = Self.assignment(names, levels: [Int](repeating: 1, count: count)).mapValues { $0 - 1 }
        for assignment in [far, odd, odd2] {
            checks.append(runs.count)
            runs.append(assignment)
        }
        self.runs = runs
        self.grid = grid
        self.singleSteps = singleSteps
        self.checks = checks
    }

    /// The stand-in of size `index` at `level`.
    func standIn(_ index: Int, level: Int) -> Int {
        Self.base * (1 + level * names.count + index)
    }

    private static func assignment(_ names: [String], levels: [Int]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            result[name] = base * (1 + levels[index] * names.count + index)
        }
        return result
    }

    /// Whether run `index` is a check, which may fail without failing the analysis.
    func isCheck(_ index: Int) -> Bool { checks.contains(index) }

    /// What a count with `values` is, one value per run (`nil` where the run could not be made,
    /// which only a check may be, or where the count could not be counted): a polynomial that every
    /// run confirms, or unknown.
    ///
    /// - Parameter ran: for each run, whether its network was built and analysed.
    /// - Returns: `nil` when the count is unknown in the first run (the layer's cost is unknown
    ///   whatever the sizes).
    func value(of values: [Int?], ran: [Bool]) -> OpenValue? {
        guard let first = values[grid[0]] else { return nil }
        let depends = dependencies(values)
        var available: [Int] = []
        for (index, value) in values.enumerated() where ran[index] {
            guard let value else { return .unknown(dependsOn: depends) }
            available.append(value)
        }
        // A count the stand-ins do not change is fixed: every size formula is monotonic in every
        // size, so one that keeps its value from 20,160 to 80,640 keeps it for every large size.
        if available.allSatisfy({ $0 == first }) {
            return .exact(SizePolynomial(constant: first))
        }
        guard degree > 0, available.count == values.count else { return .unknown(dependsOn: depends) }
        let gridValues = grid.compactMap { values[$0] }
        let nodes = names.indices.map { index in (0...degree).map { standIn(index, level: $0) } }
        guard let polynomial = PolynomialFit.interpolate(gridValues, nodes: nodes, names: names, degree: degree),
              runs.indices.allSatisfy({ polynomial.value(for: runs[$0]) == values[$0] }) else {
            return .unknown(dependsOn: depends)
        }
        return .exact(polynomial)
    }

    /// The open sizes whose change alone changes the count; all of them when none does alone.
    private func dependencies(_ values: [Int?]) -> [String] {
        let base = values[grid[0]]
        let changed = names.indices.filter { values[singleSteps[$0]] != base }.map { names[$0] }
        return changed.isEmpty ? names : changed
    }
}
