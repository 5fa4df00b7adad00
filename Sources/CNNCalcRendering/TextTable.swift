/// Plain-text columns separated by two spaces, with a dashed rule under the header.
enum TextTable {
    static func lines(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        // Every cell is measured once; each line is written into one string, its padding appended
        // in place rather than built as strings of its own.
        let counts = [header.map(\.characterCount)] + rows.map { $0.map(\.characterCount) }
        var widths = counts[0]
        for row in counts.dropFirst() {
            for (column, count) in row.enumerated() { widths[column] = max(widths[column], count) }
        }
        let isRight = widths.indices.map { rightAligned.contains($0) }
        let lineCapacity = widths.reduce(0, +) + 2 * widths.count
        func line(_ cells: [String], _ cellCounts: [Int]) -> String {
            var text = ""
            text.reserveCapacity(lineCapacity)
            var pendingSpaces = 0
            for (column, cell) in cells.enumerated() {
                if column > 0 { pendingSpaces += 2 }
                let padding = max(0, widths[column] - cellCounts[column])
                if isRight[column] { pendingSpaces += padding }
                if !cell.isEmpty {
                    // Spaces are written only before something that follows them: no trailing spaces.
                    text += String(repeating: " ", count: pendingSpaces)
                    pendingSpaces = 0
                    text += cell
                }
                if !isRight[column] { pendingSpaces += padding }
            }
            return String(text.trailingSpacesRemoved)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        var lines = [line(header, counts[0]), line(rule, widths)]
        lines.reserveCapacity(rows.count + 2)
        for (index, row) in rows.enumerated() { lines.append(line(row, counts[index + 1])) }
        return lines
    }
}

extension String {
    /// The string padded with spaces on the right to `width` characters.
    func padding(to width: Int) -> String {
        let count = characterCount
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded with spaces on the left to `width` characters.
    func padding(toLeft width: Int) -> String {
        let count = characterCount
        return count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// `count`, the number of characters, read from the UTF-8 length when every byte is ASCII
    /// (and none is a carriage return, which joins a following line feed into one character).
    var characterCount: Int {
        utf8.allSatisfy { $0 < 128 && $0 != 13 } ? utf8.count : count
    }

    var trailingSpacesRemoved: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}
