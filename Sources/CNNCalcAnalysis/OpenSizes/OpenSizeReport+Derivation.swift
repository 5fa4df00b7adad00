import CNNCalcCore

/// The arithmetic of `--explain` for a model with open sizes.
///
/// Every network built for the analysis has its own derivation; they read the same but for
/// their numbers. Each number of a line is read across the networks as any count is
/// (``StandInPlan``): fixed, written in the open sizes (`(seq_len - 5)/1 + 1 = seq_len - 4`), or
/// `?` when it is not exact, and the line then says what the `?` depends on.
extension OpenSizeReport {
    /// Layer `index`'s derivation, with every number that depends on an open size written in it.
    public func derivation(ofLayer index: Int, layout: Layout) -> Derivation {
        let derivations = runs.map { $0.map { $0.layers[index].derivation(layout: layout) } }
        func lines(_ read: (Derivation) -> [String]) -> [String] {
            mergedLines(derivations.map { $0.map(read) })
        }
        func line(_ read: (Derivation) -> String) -> String {
            mergedLines(derivations.map { $0.map { [read($0)] } }).first ?? ""
        }
        return Derivation(
            summary: line(\.summary), outputSteps: lines(\.outputSteps), parameterSteps: lines(\.parameterSteps),
            parameterFormula: line(\.parameterFormula), costSteps: lines(\.costSteps), receptiveField: line(\.receptiveField))
    }

    /// Layer `index`'s warnings as sentences, with numbers that depend on an open size written in it.
    public func warnings(ofLayer index: Int) -> [String] {
        let warnings = runs.map { $0.map { $0.layers[index].warnings.map(\.description) } }
        guard let base = warnings[plan.grid[0]] else { return [] }
        guard warnings.allSatisfy({ $0 == nil || $0?.count == base.count }) else {
            // Only the rows a stride leaves uncovered come and go with the sizes.
            return ["depending on \(sizeList(sizes.map(\.name))), the stride may leave the last input rows or columns "
                    + "uncovered by any window; use padding=same, or sizes the strides divide"]
        }
        return mergedLines(warnings)
    }

    /// The lines of every network merged into one list; when the networks do not even have the
    /// same number of lines, one line saying so.
    func mergedLines(_ texts: [[String]?]) -> [String] {
        guard let base = texts[plan.grid[0]] else { return [] }
        guard texts.allSatisfy({ $0 == nil || $0?.count == base.count }) else {
            return ["depends on the open sizes \(sizeList(sizes.map(\.name))) in a way CNNCalc does not write out; "
                    + "give them numbers (--dim) to see this step"]
        }
        return base.indices.map { line in mergedLine(texts.map { $0?[line] }) }
    }

    /// One line of every network merged: numbers that differ are read as counts.
    private func mergedLine(_ texts: [String?]) -> String {
        guard let base = texts[plan.grid[0]] else { return "" }
        if texts.allSatisfy({ $0 == nil || $0 == base }) { return base }
        let pieces = texts.map { $0.map(NumberedText.init) }
        let basePieces = NumberedText(base)
        guard pieces.allSatisfy({ $0 == nil || $0?.text == basePieces.text }) else {
            return "depends on the open sizes \(sizeList(sizes.map(\.name))); give them numbers (--dim) to see this step"
        }
        // The merged numbers, then the text with them; a name between the `x` of a shape
        // (`input:1x32`) reads better spaced: `input:1 x 32`.
        var merged: [String] = []
        var unknown: Set<String> = []
        for slot in basePieces.numbers.indices {
            let written = pieces.map { $0?.numbers[slot] }
            if written.allSatisfy({ $0 == nil || $0 == basePieces.numbers[slot] }) {
                merged.append(basePieces.numbers[slot])
                continue
            }
            let values = written.map { $0.flatMap(NumberedText.integer) }
            switch plan.value(of: values, ran: runs.map { $0 != nil }) {
            case .exact(let polynomial):
                // A sum needs parentheses where it is multiplied, divided or subtracted.
                let text = polynomial.text(.arithmetic)
                let before = basePieces.text[slot].last { !$0.isWhitespace }
                let after = basePieces.text[slot + 1].first { !$0.isWhitespace }
                let bound = before.map { "*/-^x".contains($0) } == true || after.map { "*/^x".contains($0) } == true
                merged.append((polynomial.terms.count > 1 || text.hasPrefix("-")) && bound ? "(\(text))" : text)
            case .unknown(let names):
                merged.append("?")
                unknown.formUnion(names)
            case nil:
                merged.append("?")
                unknown.formUnion(sizes.map(\.name))
            }
        }
        var result = basePieces.text[0]
        for slot in merged.indices {
            result += merged[slot]
            var between = basePieces.text[slot + 1]
            let isName = { (text: String) in text == "?" || text.contains { $0.isLetter } }
            if between == "x", slot + 1 < merged.count, isName(merged[slot]) || isName(merged[slot + 1]) {
                between = " x "
            }
            result += between
        }
        if !unknown.isEmpty {
            result += " (? depends on \(sizeList(unknown.sorted())))"
        }
        return result
    }
}

/// A line cut into its numbers and the text between them: `text[0] numbers[0] text[1] ...`.
///
/// A number is a run of digits not glued to a name (`conv2d_1` has none; the sizes of `28x28x1` are
/// three), with groups of three after commas (`20,160`) and decimals (`4.5`).
struct NumberedText: Equatable {
    var text: [String] = [""]
    var numbers: [String] = []

    init(_ line: String) {
        let characters = Array(line)
        func isDigit(_ index: Int) -> Bool {
            index >= 0 && index < characters.count && characters[index].isASCII && characters[index].isNumber
        }
        var index = 0
        while index < characters.count {
            let previous = index > 0 ? characters[index - 1] : " "
            // `x` between sizes (`28x28x1`) separates numbers; other letters make a name (`conv2d`).
            let separator = previous == "x" && isDigit(index - 2)
            guard isDigit(index), !((previous.isLetter && !separator) || previous == "_" || isDigit(index - 1)) else {
                text[text.count - 1].append(characters[index])
                index += 1
                continue
            }
            var end = index
            while isDigit(end) { end += 1 }
            // Groups of exactly three digits after a comma belong to the number.
            while end < characters.count, characters[end] == ",", isDigit(end + 1), isDigit(end + 2), isDigit(end + 3), !isDigit(end + 4) {
                end += 4
            }
            if end < characters.count, characters[end] == ".", isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            numbers.append(String(characters[index..<end]))
            text.append("")
            index = end
        }
    }

    /// The whole number a piece writes (`20,160` is 20160); `nil` for a decimal.
    static func integer(_ written: String) -> Int? {
        Int(written.filter { $0 != "," })
    }
}
