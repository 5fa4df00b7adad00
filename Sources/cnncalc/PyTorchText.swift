import ArgumentParser
import CNNCalc

/// `cnncalc model.txt --input 1x28x28`: a model printed by PyTorch, its report, and the
/// assumptions the reading made, on standard error after the report (or after the problems).
enum PyTorchText {
    /// Analyses the printed model `text` and prints its report; every problem and assumption goes to standard error.
    static func run(_ text: String, source: String, input: InputSizeArgument?, output: ReportSettings) throws {
        let model = try PyTorchTextReader.model(from: text, source: source, inputSizes: input?.sizes)
        let report: String
        do {
            report = try output.report(model.network)
        } catch let problems as AnalysisProblems {
            for error in problems.errors { printError(CNNCalcCommand.diagnostic(error)) }
            for assumption in model.assumptions { printError("note: \(assumption)") }
            if let totals = problems.totals, !output.compare {
                printError("note: whatever the data flow, the modules declare \(grouped(totals.parameters)) parameters "
                    + "(\(grouped(totals.trainable)) trainable) and \(grouped(totals.state)) values of state (buffers), counted as \(output.analysisOptions(for: model.network).convention.displayName) counts")
            }
            terminate(1)
        }
        print(report, terminator: "")
        let notes = model.assumptions + flattenedInputs(of: model.network, output: output)
        for note in notes { printError("note: \(note)") }
    }

    private static func grouped(_ value: Int) -> String { NumberFormatting.grouped(value) }

    /// The `Linear` layers that read a feature map, which the printed order alone would not
    /// allow: the forward is assumed to flatten it, as `torch.flatten(x, 1)` does.
    static func flattenedInputs(of network: Network, output: ReportSettings) -> [String] {
        let hasDense = network.layers.contains { if case .dense = $0.kind { true } else { false } }
        guard hasDense, let report = try? Analyzer(options: output.analysisOptions(for: network)).analyze(network) else { return [] }
        var notes: [String] = []
        for layer in report.layers {
            guard case .dense(let dense) = layer.layer.kind, let input = layer.inputShapes.first, dense.flattens(input) else { continue }
            let terms = input.dimensions(in: .channelsFirst).map(String.init).joined(separator: "*")
            let source = layer.inputNames.first ?? "the layer before it"
            let features = (try? input.elementCount()) ?? 0
            notes.append(
                "\(layer.name) (Linear) receives the \(input.text(in: .channelsFirst)) map of \(source); the forward is taken to flatten it "
                + "(torch.flatten(x, 1) or x.view(x.size(0), -1)) into \(terms) = \(features) features, its in_features")
        }
        return notes
    }
}
