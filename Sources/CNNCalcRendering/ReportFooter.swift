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
            return label.padding(to: labelWidth) + " " + String(repeating: " ", count: numberWidth - number.count) + value
        }
        lines.append("")
        lines += notes()
        return lines
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
        if !report.totals.uncostedLayers.isEmpty {
            lines.append("The cost totals leave out \(report.totals.uncostedLayers.joined(separator: ", ")), which CNNCalc cannot cost.")
        }
        if options.macs == .torchinfo {
            lines.append("Mult-adds as torchinfo 1.8 counts them: PyTorch parameters x output positions")
            lines.append("for convolutions, x steps for recurrent layers, once for other layers.")
        } else {
            lines.append("MAC: one multiply-accumulate. FLOPs: 2 per MAC + bias, pooling, activations.")
        }
        if let memory = try? MemoryEstimate(report, dataType: options.dataType, optimizer: options.optimizer) {
            lines.append("Memory: weights \(NumberFormatting.bytes(memory.weightBytes)),")
            lines.append("  activations \(NumberFormatting.bytes(memory.activationBytes)),")
            lines.append("  training with \(memory.optimizer.rawValue) at least \(NumberFormatting.bytes(memory.trainingBytes)).")
        } else {
            lines.append("Memory: too large to count in 64 bits.")
        }
        return lines
    }
}
