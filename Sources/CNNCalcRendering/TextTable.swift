/// Plain-text columns separated by two spaces, with a dashed rule under the header.
enum TextTable {
    static func lines(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var widths = header.map(\.characterCount)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.characterCount) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                rightAligned.contains(column) ? cell.padding(toLeft: widths[column]) : cell.padding(to: widths[column])
            }
            return String(padded.joined(separator: "  ").trailingSpacesRemoved)
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
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
