/// A table drawn with Unicode box characters, a heavy rule around the header as Keras 3's
/// summary (rich's `HEAVY_HEAD` box) draws it:
///
///     ┏━━━┳━━━━━━━┳━━━━━━━━━━━━┓
///     ┃ # ┃ name  ┃ parameters ┃
///     ┡━━━╇━━━━━━━╇━━━━━━━━━━━━┩
///     │ 0 │ input │          0 │
///     └───┴───────┴────────────┘
///
/// Every cell has one space of padding on each side. A cell wider than its column is wrapped
/// within it (``wrap(_:width:)``), so a row can take several lines; the other cells of the row
/// are blank on the extra lines.
struct BoxTable {
    /// How a column's cells are aligned.
    enum Alignment { case left, right }

    /// A column: its title, alignment, and whether its cells may be wrapped to fit a width.
    struct Column {
        var header: String
        var alignment: Alignment
        var wraps: Bool
    }

    var columns: [Column]
    var rows: [[String]]
    /// Whether a light rule separates the rows (Keras draws one; CNNCalc's table does not).
    var rulesBetweenRows = false
    /// Whether the header is written in bold (ANSI escape codes).
    var color = false
    /// Whether a word wider than its column is cut short with `…`, as rich does in Keras's
    /// summary, rather than folded onto the next lines (CNNCalc's own tables lose no character).
    var cutsLongWords = false

    /// The characters besides the cells on a line with `count` columns.
    static func frameWidth(columns count: Int) -> Int { 3 * count + 1 }

    /// The widths of the cells' text: each column as wide as its widest cell; if that makes the
    /// table wider than `maxWidth`, the widest column that wraps gives up a character at a time,
    /// first down to its longest word (so that words stay whole), then down to 6 characters or
    /// its header's longest word. A table that cannot fit stays wider than `maxWidth`; numbers
    /// and other columns that do not wrap are never cut.
    func fittedWidths(maxWidth: Int?) -> [Int] {
        var widths = columns.indices.map { column in
            rows.reduce(columns[column].header.count) { widest, row in
                row[column].split(separator: "\n").reduce(widest) { max($0, $1.count) }
            }
        }
        guard let maxWidth else { return widths }
        let headerWords = columns.map { column in
            max(6, column.header.split(separator: " ").map(\.count).max() ?? 0)
        }
        let longestWords = columns.indices.map { column in
            rows.reduce(headerWords[column]) { widest, row in
                row[column].split(whereSeparator: { $0 == " " || $0 == "\n" }).reduce(widest) { max($0, $1.count) }
            }
        }
        for minimums in [longestWords, headerWords] {
            while widths.reduce(Self.frameWidth(columns: columns.count), +) > maxWidth {
                let candidates = columns.indices.filter { columns[$0].wraps && widths[$0] > minimums[$0] }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        return widths
    }

    /// The table's lines, its columns fitted to `maxWidth` (none: as wide as the cells).
    func lines(maxWidth: Int?) -> [String] {
        lines(contentWidths: fittedWidths(maxWidth: maxWidth))
    }

    /// The table's lines with the given width of text in each column.
    func lines(contentWidths widths: [Int]) -> [String] {
        func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right
        }
        func block(_ cells: [String], bar: String, bold: Bool) -> [String] {
            let wrapped = cells.enumerated().map { column, cell in
                Self.wrap(cell, width: widths[column], cutsLongWords: cutsLongWords)
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                let parts = wrapped.enumerated().map { column, pieces in
                    let text = line < pieces.count ? pieces[line] : ""
                    let padded = columns[column].alignment == .right ? text.padding(toLeft: widths[column]) : text.padding(to: widths[column])
                    return " " + (bold && !text.isEmpty ? ANSI.bold(padded) : padded) + " "
                }
                return bar + parts.joined(separator: bar) + bar
            }
        }
        var lines = [rule("┏", "━", "┳", "┓")]
        lines += block(columns.map(\.header), bar: "┃", bold: color)
        lines.append(rule("┡", "━", "╇", "┩"))
        for (index, row) in rows.enumerated() {
            if rulesBetweenRows && index > 0 { lines.append(rule("├", "─", "┼", "┤")) }
            lines += block(row, bar: "│", bold: false)
        }
        lines.append(rule("└", "─", "┴", "┘"))
        return lines
    }

    /// `text` in lines of at most `width` characters: broken at spaces where it can be (as rich
    /// wraps a cell), a word longer than the width cut into pieces of the width, after a bracket,
    /// an operator or a separator in the second half of the piece if there is one (or, with
    /// `cutsLongWords`, to one line ending in `…`); a newline always
    /// starts a line. Empty text is one empty line.
    static func wrap(_ text: String, width: Int, cutsLongWords: Bool = false) -> [String] {
        if text.contains("\n") {
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                wrap(String($0), width: width, cutsLongWords: cutsLongWords)
            }
        }
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let joined = current.isEmpty ? word : current + " " + word
            if joined.count <= width {
                current = joined
                continue
            }
            if !current.isEmpty { lines.append(current) }
            if cutsLongWords && word.count > width {
                lines.append(String(word.prefix(width - 1)) + "…")
                current = ""
                continue
            }
            var rest = Substring(word)
            while rest.count > width {
                // Break after a bracket, an operator or a separator when one is near the end of the line.
                let piece = rest.prefix(width)
                let cut = piece.lastIndex(where: { ")*+-/,._".contains($0) }).map { piece.distance(from: piece.startIndex, to: $0) + 1 }
                let length = cut.flatMap { $0 * 2 > width ? $0 : nil } ?? width
                lines.append(String(rest.prefix(length)))
                rest = rest.dropFirst(length)
            }
            current = String(rest)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
