import CNNCalcAnalysis
import CNNCalcCore

/// The totals, costs, memory and conventions block that ends the text reports.
struct ReportFooter {
    let report: NetworkReport
    let options: RenderOptions

    func lines() -> [String] {
        let entries = totalEntries()
        let labelWidth = entries.map(\.0.count).max() ?? 0
        let numberWidth = entries.map { $0.1.prefix { $0 != " " }.count }.max() ?? 0
        var lines = entries.map { label, value in
            let number = value.prefix { $0 != " " }
            let shownLabel = options.color && options.border == .box ? ANSI.bold(label) + String(repeating: " ", count: labelWidth - label.count) : label.padding(to: labelWidth)
            return shownLabel + " " + String(repeating: " ", count: numberWidth - number.count) + value
                + (options.border == .box ? humanized(label: label, value: value) : "")
        }
        lines.append("")
        lines += notes()
        return lines
    }

    /// A total of a million or more in short, after its exact value in the box-drawn table:
    /// ` (25.6 M)`, ` (4.1 GMACs)`; empty for smaller totals and for values that are not plain numbers.
    private func humanized(label: String, value: String) -> String {
        guard let count = Int(value.filter { $0 != "," }), count >= 1_000_000 else { return "" }
        let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M")]
        guard let (scale, prefix) = units.first(where: { Double(count) >= $0.0 }) else { return "" }
        let unit = label.contains("MACs") ? "MACs" : label.contains("FLOPs") ? "FLOPs" : ""
        return " (\(NumberFormatting.fixed(Double(count) / scale, fractionDigits: 1)) \(prefix)\(unit))"
    }

    /// The totals as label and value: `("Total parameters:", "217,706")`.
    func totalEntries() -> [(String, String)] {
        let totals = report.totals
        var entries: [(String, String)] = [
            ("Total parameters:", NumberFormatting.grouped(totals.parameters)),
            ("Trainable parameters:", NumberFormatting.grouped(totals.trainable)),
            ("Non-trainable parameters:", NumberFormatting.grouped(totals.nonTrainable)),
        ]
        if totals.state > 0 {
            entries.append(("State (not parameters):", NumberFormatting.grouped(totals.state)))
        }
        if report.options.convention == .matlab && totals.nonTrainable == 0 {
            // analyzeNetwork's words: every MATLAB learnable is trained; states are apart.
            entries = [("Total learnables:", NumberFormatting.grouped(totals.parameters))]
            if totals.state > 0 { entries.append(("States (not learnables):", NumberFormatting.grouped(totals.state))) }
        }
        if let open = report.openSizes {
            return entries + openCostEntries(open)
        }
        let partial = totals.uncostedLayers.isEmpty ? "" : " (partial)"
        if options.macs == .torchinfo {
            let multAdds = (try? report.torchinfoMultAdds()).map(NumberFormatting.grouped) ?? "too many to count"
            entries.append(("Total mult-adds (torchinfo):", multAdds))
        } else {
            entries.append(("Total MACs:", NumberFormatting.grouped(totals.cost.macs) + partial))
        }
        entries.append(("Total FLOPs:", NumberFormatting.grouped(totals.cost.flops) + partial))
        return entries
    }

    /// The convention, batch, cost definition and memory, one sentence per line.
    func notes() -> [String] {
        let batch = report.options.batchSize
        let convention = report.options.convention
        var lines = [
            "Counted as \(convention.displayName) counts; costs and memory for batch \(batch), \(options.dataType.rawValue)."
        ]
        if let open = report.openSizes {
            lines += openNotes(open)
        }
        if !report.totals.uncostedLayers.isEmpty {
            lines.append("The cost totals leave out \(report.totals.uncostedLayers.joined(separator: ", ")), which CNNCalc cannot cost.")
        }
        if options.macs == .torchinfo {
            lines.append("Mult-adds as torchinfo 1.8 counts them: PyTorch parameters x output positions")
            lines.append("for convolutions, x steps for recurrent layers, once for other layers.")
        } else {
            lines.append("MAC: one multiply-accumulate. FLOPs: 2 per MAC + bias, pooling, activations.")
        }
        if let open = report.openSizes {
            lines += openMemory(open)
        } else if let memory = try? MemoryEstimate(report, dataType: options.dataType, optimizer: options.optimizer) {
            lines.append("Memory: weights \(NumberFormatting.bytes(memory.weightBytes)),")
            lines.append("  activations \(NumberFormatting.bytes(memory.activationBytes)),")
            lines.append("  training with \(memory.optimizer.rawValue) at least \(NumberFormatting.bytes(memory.trainingBytes)).")
        } else {
            lines.append("Memory: too large to count in 64 bits.")
        }
        return lines
    }

    /// The total MACs (or mult-adds) and FLOPs of a report with open sizes: a polynomial in them
    /// when every layer's cost is exact, else the sum of the exact ones, marked partial.
    private func openCostEntries(_ open: OpenSizeReport) -> [(String, String)] {
        let batch = report.options.batchSize
        let exact = open.exactCost
        let complete = open.unknownCostLayers.isEmpty && report.totals.uncostedLayers.isEmpty
        func total(_ value: OpenValue) -> String {
            guard case .exact(let polynomial) = value.scaled(by: batch) else { return "too many to count" }
            return polynomial.text(.report) + (complete ? "" : " (partial)")
        }
        var entries: [(String, String)] = []
        if options.macs == .torchinfo {
            let text = open.value { try? $0.torchinfoMultAdds() }.map { open.countText($0.scaled(by: 1)) } ?? "too many to count"
            entries.append(("Total mult-adds (torchinfo):", text))
        } else {
            entries.append(("Total MACs:", total(exact.macs)))
        }
        entries.append(("Total FLOPs:", total(exact.flops)))
        return entries
    }

    /// What the open sizes are, and which layers' costs are unknown in them.
    private func openNotes(_ open: OpenSizeReport) -> [String] {
        let names = open.sizes.map(\.name)
        var lines = ["Open sizes: \(open.sizeList(names)); counts that depend on them are written in them."]
        let unknown = open.unknownCostLayers
        if !unknown.isEmpty {
            let depends = Set(report.layers.indices.filter { unknown.contains(report.layers[$0].name) }.flatMap { index in
                (open.macs(ofLayer: index)?.dependsOn ?? []) + (open.flops(ofLayer: index)?.dependsOn ?? [])
            }).sorted()
            let named = unknown.count <= 6 ? unknown.joined(separator: ", ")
                : unknown.prefix(5).joined(separator: ", ") + " and \(unknown.count - 5) more layers"
            lines.append("The cost totals leave out \(named), whose cost depends on "
                         + "\(open.sizeList(depends)) in a way CNNCalc does not write exactly.")
        }
        let example = names.prefix(2).map { "--dim \($0)=N" }.joined(separator: " ") + (names.count > 2 ? " ..." : "")
        lines.append("Give them numbers for a numeric report (\(example)).")
        return lines
    }

    /// The memory estimate of a report with open sizes: the weights are fixed, the activations
    /// and the training memory depend on the open sizes.
    private func openMemory(_ open: OpenSizeReport) -> [String] {
        let estimate = { (run: NetworkReport) in try? MemoryEstimate(run, dataType: options.dataType, optimizer: options.optimizer) }
        guard let weights = open.value({ estimate($0)?.weightBytes })?.fixed else {
            return ["Memory: too large to count in 64 bits."]
        }
        func bytes(_ value: OpenValue?, atLeast: Bool = false) -> String {
            guard let value else { return ": too large to count" }
            let lower = atLeast ? " at least" : ""
            if let fixed = value.fixed { return "\(lower) \(NumberFormatting.bytes(fixed))" }
            switch value {
            case .exact(let polynomial): return "\(lower) \(polynomial.text(.report)) B"
            case .unknown(let names): return ": unknown, it depends on \(open.sizeList(names))"
            }
        }
        return [
            "Memory: weights \(NumberFormatting.bytes(weights)),",
            "  activations\(bytes(open.value { estimate($0)?.activationBytes })),",
            "  training with \(options.optimizer.rawValue)\(bytes(open.value { estimate($0)?.trainingBytes }, atLeast: true)).",
        ]
    }
}
