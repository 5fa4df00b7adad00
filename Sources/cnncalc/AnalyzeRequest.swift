import ArgumentParser
import CNNCalc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One analysis `cnncalc` is asked for: its source (files, `-e`, `--zoo` or the built-in example)
/// and every option, as plain values; ``Analyze`` reads it from the command line, and
/// ``PlainInvocation`` makes it for `cnncalc FILE...` without parsing.
struct AnalyzeRequest: Equatable, Sendable {
    /// The files given: one report for one file, one summary row each for several.
    var files: [String] = []
    /// `-e`: a network written inline.
    var expression: String?
    /// `--zoo`, its knobs, and `--input`.
    var zoo = ZooSettings.defaults
    /// `--dim name=size`, as written.
    var dimensions: [String] = []
    /// How the report looks.
    var output = ReportSettings.defaults
    /// `--max-file-size` and `--timeout`.
    var limits = RunLimits.defaults

    /// The one file given, when there is one.
    var file: String? { files.first }

    /// One example's input (`--input`), for a zoo model or a model printed by PyTorch.
    var input: InputSizeArgument? { zoo.input }

    /// Refuses what ``ReportSettings``, ``ZooSettings`` and ``RunLimits`` each refuse, then
    /// options that do not go together; ArgumentParser checks the first three as it parses.
    func validate() throws {
        try zoo.validate()
        try output.validate()
        try limits.validate()
        try validateCombination()
    }

    /// Refuses sources and options that do not go together: a file and `-e`, several files with
    /// a single report's options, `--dim` that is not `name=size`.
    func validateCombination() throws {
        _ = try bindings()
        if !dimensions.isEmpty && (files.count > 1 || zoo.zoo != nil) {
            throw ValidationError("--dim gives numbers to the open sizes of one model; use it with one file or -e")
        }
        if file != nil && expression != nil {
            throw ValidationError("give either a file or -e, not both")
        }
        if files.count > 1 {
            if expression != nil || zoo.zoo != nil {
                throw ValidationError("give several files, or -e, or --zoo, not more than one of them")
            }
            if output.explain || output.compare || output.depth != nil || output.style != .default || output.columns != nil
                || ![.table, .csv, .markdown, .json].contains(output.format) {
                throw ValidationError("several files give one summary row each: use --format table, csv, markdown or json, without --explain, --compare, --depth, --style and --columns")
            }
        }
        if zoo.zoo != nil && (file != nil || expression != nil) {
            throw ValidationError("give either a file, -e or --zoo, not two")
        }
    }

    /// The numbers `--dim` gives to open sizes, by name.
    func bindings() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for written in dimensions {
            guard let equals = written.lastIndex(of: "="), equals != written.startIndex else {
                throw ValidationError("--dim takes name=size, e.g. --dim seq_len=128, not '\(written)'")
            }
            let name = String(written[..<equals])
            guard let size = Int(written[written.index(after: equals)...]), size >= 1 else {
                throw ValidationError("--dim \(name)= needs a whole number of at least 1, not '\(written[written.index(after: equals)...])'")
            }
            guard result[name] == nil else {
                throw ValidationError("--dim gives '\(name)' a size twice")
            }
            result[name] = size
        }
        return result
    }

    /// Starts the clock, reads the source, analyses it and prints the report; notes go to standard error.
    func run() throws {
        limits.apply()
        if files.count > 1 {
            try ManyFiles.run(files, input: input, output: output)
            return
        }
        if let name = zoo.zoo {
            try ZooCommand.analyse(name, zoo, output: output)
            return
        }
        if let file, file.lowercased().hasSuffix(".onnx") {
            try refuseInputOption("an ONNX model")
            try runONNX(file)
            return
        }
        let text: String
        let source: String
        if let expression {
            (text, source) = (expression, "-e")
        } else if let file {
            let bytes = try InputFile.bytes(at: file)
            if KerasModelFile.isKerasModel(path: file, bytes: bytes) {
                try refuseInputOption("a Keras model")
                let model = try KerasReader.model(from: Data(bytes), source: file == "-" ? "<stdin>" : file)
                print(try output.report(openSizes: model.openSizes, bindings: try bindings(), sourceConvention: .keras) { sizes throws(CNNCalcError) in
                    try model.network(sizes: sizes)
                }, terminator: "")
                return
            }
            (text, source) = (try InputFile.text(of: bytes, path: file), file == "-" ? "<stdin>" : file)
        } else {
            (text, source) = (BuiltInExample.text, BuiltInExample.sourceName)
        }
        if PyTorchTextReader.looksLikeModuleText(text) {
            try requireNoBindings(source, what: "a model printed by PyTorch")
            try PyTorchText.run(text, source: source, input: input, output: output)
            return
        }
        if (file != nil || expression != nil) && MATLABText.isMATLAB(text, path: file) {
            try refuseInputOption("MATLAB layer code")
            try requireNoBindings(source, what: "MATLAB layer code")
            print(try output.report(try MATLABReader.network(from: text, source: source)), terminator: "")
            return
        }
        if LasagneSource.isLasagne(path: file, text: text) {
            try refuseInputOption("Lasagne or nolearn Python")
            try requireNoBindings(source, what: "Lasagne or nolearn Python")
            print(try output.report(try LasagneReader.network(from: text, source: source)), terminator: "")
            return
        }
        try refuseInputOption("a .cnn network, whose first line is its input,")
        let model = try CNNTextReader.model(from: text, source: source)
        print(try output.report(openSizes: model.openSizes, bindings: try bindings(), sourceConvention: nil) { sizes throws(CNNCalcError) in
            try model.network(sizes: sizes)
        }, terminator: "")
        if file == nil && expression == nil {
            printError("""

                This is the built-in example (the Lasagne MNIST network). Analyse your own network with
                  cnncalc net.cnn            a file, one layer per line
                  cnncalc -e 'input 28x28x1; conv 32 5; maxpool 2; dense 10'
                  cnncalc net.cnn --explain  the arithmetic behind every number
                  cnncalc conv --input 50x50x2 --filters 20 --kernel 5
                See cnncalc --help.
                """)
        }
    }

    /// Refuses `--dim` for a format whose reader takes no numbers for open sizes (`what`).
    private func requireNoBindings(_ source: String, what: String) throws {
        guard let name = try bindings().keys.sorted().first else { return }
        throw CNNCalcError(.badArgument, "'\(name)' is not an open size CNNCalc reads in \(source): the reader of \(what) takes no --dim",
                           fix: "leave out --dim; it gives numbers to the sizes a Keras model or a .cnn input leaves open")
    }

    /// `--input` is for formats that do not state their input; `what` states it.
    private func refuseInputOption(_ what: String) throws {
        if let input {
            throw ValidationError("--input \(input.sizes.map(String.init).joined(separator: "x")) is for a model printed by PyTorch; \(what) states its own input")
        }
    }

    /// Analyses an ONNX model; notes about the file go to standard error, after the report.
    ///
    /// Named sizes of the inputs other than the batch (`seq`) stay open unless `--dim` gives them a number.
    private func runONNX(_ path: String) throws {
        try InputFile.checkModelFile(at: path)
        let document = try ONNXReader.document(atPath: path)
        let bindings = try bindings()
        if let batch = bindings.keys.sorted().first(where: { document.batchSymbols.contains($0) }) {
            throw CNNCalcError(.badArgument, "'\(batch)' is the batch axis of \(path); the report is for one example",
                               fix: "leave out --dim \(batch)=...; use --batch N to size activation memory for a batch of N")
        }
        // The first model built carries the file's notes; `standIns` are the numbers it was built with for open sizes.
        var first: (model: ONNXModel, standIns: [String: Int])?
        let report: String
        do {
            report = try output.report(openSizes: document.openSizes, bindings: bindings, sourceConvention: .pytorch) { sizes throws(CNNCalcError) in
                let model = try document.model(symbolSizes: sizes)
                if first == nil { first = (model, sizes.filter { bindings[$0.key] == nil }) }
                return model.network
            }
        } catch {
            // The analysis stopped at a shape CNNCalc cannot infer: the notes come before the error, which
            // names its own node; the notes name the others.
            if let first {
                let named = (error as? AnalysisProblems)?.errors.compactMap(\.layerName) ?? [(error as? CNNCalcError)?.layerName].compactMap { $0 }
                printShapeNotes(first.model, standIns: first.standIns, except: Set(named))
            }
            throw error
        }
        print(report, terminator: "")
        guard let (model, standIns) = first else { return }
        for (name, nodes) in model.opaqueOperators {
            let shown = nodes.prefix(3).joined(separator: ", ") + (nodes.count > 3 ? ", ..." : "")
            printError("note: \(name) has no CNNCalc layer kind (\(nodes.count) node\(nodes.count == 1 ? "" : "s"): \(shown)); its shape is the file's or inferred from its inputs, its parameters are its stored tensors")
        }
        printShapeNotes(model, standIns: standIns)
        if !model.externalTensors.isEmpty {
            let files = model.externalDataFiles.isEmpty ? "external data" : model.externalDataFiles.joined(separator: ", ")
            let shown = model.externalTensors.prefix(5).joined(separator: ", ") + (model.externalTensors.count > 5 ? ", ..." : "")
            let count = model.externalTensors.count
            printError("note: \(count) initializer\(count == 1 ? " keeps its" : "s keep their") values in \(files), which CNNCalc does not open: only dims are needed (\(shown))")
        }
        if !model.constants.isEmpty {
            printError("note: \(model.constants.count) non-weight initializer\(model.constants.count == 1 ? "" : "s") (integer constants) not counted as parameters")
        }
    }

    /// The nodes whose shape CNNCalc cannot infer, and the declared shapes that contradict the inferred ones.
    /// `standIns` are the numbers the model was built with for sizes the report keeps open; a note that
    /// shows sizes says so.
    private func printShapeNotes(_ model: ONNXModel, standIns: [String: Int] = [:], except skipped: Set<String> = []) {
        let text = { (dims: [ONNXDimension]) in dims.map(\.description).joined(separator: " x ") }
        let atStandIns = standIns.isEmpty ? ""
            : " (sizes as built with " + standIns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        for node in model.uninferredNodes where !skipped.contains(node.node) {
            printError("note: CNNCalc cannot infer the output shape of node '\(node.node)' (\(node.operatorName)): \(node.reason)\(atStandIns)")
        }
        for conflict in model.shapeConflicts {
            printError("note: the file declares \(text(conflict.declared)) for '\(conflict.tensor)' (node '\(conflict.node)'), but its inputs give \(text(conflict.inferred)); the report uses the file's shape\(atStandIns)")
        }
    }
}
