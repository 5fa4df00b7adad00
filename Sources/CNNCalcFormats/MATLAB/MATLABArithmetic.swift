import CNNCalcCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MATLAB's arithmetic on numeric arrays, the part layer definitions use: `+ - * / ^` and their
/// elementwise forms between arrays of the same size or an array and a number, unary signs,
/// ranges `a:b` and `a:step:b`, and concatenation `[a b; c d]`.
///
/// Matrix products and divisions of two arrays are refused (no layer size needs them). Every
/// result must be a finite number, and no array may hold more than
/// ``MATLABMatrix/maximumCount`` values.
enum MATLABArithmetic {
    /// `left operation right`, with `location` the operator's.
    static func binary(
        _ operation: String, _ left: MATLABMatrix, _ right: MATLABMatrix, at location: SourceLocation
    ) throws(CNNCalcError) -> MATLABMatrix {
        let isElementwise = operation.hasPrefix(".") || operation == "+" || operation == "-"
        if !isElementwise && !left.isScalar && !right.isScalar && !(operation == "/" && right.isScalar) {
            let what = operation == "*" ? "a matrix product" : operation == "/" ? "a matrix division" : "a matrix power"
            throw CNNCalcError(
                .badArgument, "'\(operation)' between \(left.described) and \(right.described) is \(what), which CNNCalc does not compute",
                fix: "use '.\(operation)' for elementwise arithmetic, or a number on one side", location: location)
        }
        if operation == "^" && !(left.isScalar && right.isScalar) {
            throw CNNCalcError(
                .badArgument, "'^' of an array is a matrix power, which CNNCalc does not compute",
                fix: "use '.^' for elementwise powers", location: location)
        }
        let function: (Double, Double) -> Double = switch operation {
        case "+": (+)
        case "-": (-)
        case "*", ".*": (*)
        case "/", "./": (/)
        default: { pow($0, $1) }
        }
        let (rows, columns): (Int, Int)
        if left.isScalar {
            (rows, columns) = (right.rows, right.columns)
        } else if right.isScalar || (left.rows == right.rows && left.columns == right.columns) {
            (rows, columns) = (left.rows, left.columns)
        } else {
            throw CNNCalcError(
                .badArgument, "'\(operation)' needs arrays of the same size, but \(left.described) is \(left.rows)×\(left.columns) and \(right.described) is \(right.rows)×\(right.columns)",
                fix: "make the sizes agree, or use a number on one side", location: location)
        }
        var values: [Double] = []
        values.reserveCapacity(rows * columns)
        for index in 0..<(rows * columns) {
            let value = function(left.isScalar ? left.values[0] : left.values[index], right.isScalar ? right.values[0] : right.values[index])
            guard value.isFinite else {
                throw CNNCalcError(
                    .badArgument, "\(left.described) \(operation) \(right.described) is not a finite number",
                    fix: "check for a division by zero or a number too large", location: location)
            }
            values.append(value)
        }
        return MATLABMatrix(rows: rows, columns: columns, values: values)
    }

    /// `-value` or `+value`.
    static func negated(_ value: MATLABMatrix, _ operation: String) -> MATLABMatrix {
        guard operation == "-" else { return value }
        return MATLABMatrix(rows: value.rows, columns: value.columns, values: value.values.map { -$0 })
    }

    /// `first:step:last` as a row.
    static func range(
        first: MATLABMatrix, step: MATLABMatrix?, last: MATLABMatrix, at location: SourceLocation
    ) throws(CNNCalcError) -> MATLABMatrix {
        guard first.isScalar, last.isScalar, step?.isScalar ?? true else {
            throw CNNCalcError(.badArgument, "the ends and step of a range must be numbers", fix: "write e.g. 1:3", location: location)
        }
        let (start, end, increment) = (first.values[0], last.values[0], step?.values[0] ?? 1)
        guard increment != 0, (end - start) / increment >= 0 else { return MATLABMatrix(rows: 1, columns: 0, values: []) }
        let count = ((end - start) / increment).rounded(.down) + 1
        guard count <= Double(MATLABMatrix.maximumCount) else {
            throw CNNCalcError(
                .badArgument, "the range has \(MATLABMatrix.text(count)) values, more than \(MATLABMatrix.maximumCount)",
                fix: "check its ends for a typo", location: location)
        }
        let values = (0..<Int(count)).map { start + Double($0) * increment }
        return MATLABMatrix(rows: 1, columns: values.count, values: values)
    }

    /// `[a b; c d]`: each row joined side by side, then the rows stacked; empty arrays are skipped.
    static func concatenate(_ rows: [[MATLABMatrix]], at location: SourceLocation) throws(CNNCalcError) -> MATLABMatrix {
        var stacked: [MATLABMatrix] = []
        for row in rows {
            let parts = row.filter { !$0.values.isEmpty }
            guard let height = parts.first?.rows else { continue }
            guard parts.allSatisfy({ $0.rows == height }) else {
                throw inconsistent(location)
            }
            let width = parts.reduce(0) { $0 + $1.columns }
            var values: [Double] = []
            for line in 0..<height {
                for part in parts { values += part.values[(line * part.columns)..<((line + 1) * part.columns)] }
            }
            stacked.append(MATLABMatrix(rows: height, columns: width, values: values))
        }
        guard let width = stacked.first?.columns else { return .empty }
        guard stacked.allSatisfy({ $0.columns == width }) else { throw inconsistent(location) }
        let result = MATLABMatrix(rows: stacked.reduce(0) { $0 + $1.rows }, columns: width, values: stacked.flatMap(\.values))
        guard result.values.count <= MATLABMatrix.maximumCount else {
            throw CNNCalcError(
                .badArgument, "the array has \(result.values.count) values, more than \(MATLABMatrix.maximumCount)",
                fix: "check it for a typo", location: location)
        }
        return result
    }

    private static func inconsistent(_ location: SourceLocation) -> CNNCalcError {
        CNNCalcError(
            .badArgument, "the arrays joined by these brackets do not fit: each row needs the same number of rows, and every row the same number of columns",
            fix: "write a vector such as [50 50 2]", location: location)
    }

    /// The values of `matrix` at the 1-based `indices` (linear, column by column as MATLAB counts).
    static func index(_ matrix: MATLABMatrix, _ indices: MATLABMatrix, at location: SourceLocation) throws(CNNCalcError) -> MATLABMatrix {
        var values: [Double] = []
        for index in indices.values {
            guard index == index.rounded(), index >= 1, index <= Double(matrix.values.count) else {
                throw CNNCalcError(
                    .badArgument, "index \(MATLABMatrix.text(index)) is not a position of \(matrix.described), which has \(matrix.values.count) value\(matrix.values.count == 1 ? "" : "s")",
                    fix: "use a whole number from 1 to \(matrix.values.count)", location: location)
            }
            let position = Int(index) - 1
            // MATLAB numbers an array's values down each column in turn.
            let (row, column) = (position % matrix.rows, position / matrix.rows)
            values.append(matrix.values[row * matrix.columns + column])
        }
        return matrix.rows == 1 || indices.rows == 1
            ? MATLABMatrix(rows: 1, columns: values.count, values: values)
            : MATLABMatrix(rows: values.count, columns: 1, values: values)
    }
}
