import CNNCalc

/// One analysis as the API answers it: the same report `cnncalc --format json` prints, with the
/// table, every layer's `--explain` text, the diagram and the notes beside it.
///
///     {"source": {"name": "net.cnn", "format": "cnn"},
///      "report": { ...what cnncalc --format json prints... },
///      "table": "...what cnncalc prints...",
///      "explain": ["input: input\n  ...", "conv1: conv <- input\n  ..."],
///      "svg": "<svg ...>",
///      "notes": []}
///
/// A network that does not fit together is answered with every problem found, each with its
/// line, column and layer, so the page can show them where they are (see ``problems(_:notes:)``).
enum ServerAnalysis {
    /// The analysis of `bytes`, named `query.name`, as a JSON response.
    ///
    /// - Throws: ``CNNCalcError`` or ``AnalysisProblems`` for the network; ``ServerError`` for the query.
    static func source(_ bytes: [UInt8], query: AnalysisQuery) throws -> String {
        let model = try NetworkSource.read(bytes, name: query.name, inputSizes: query.input)
        if query.classes != nil || !query.includesTop || query.width != nil {
            throw ServerError(400, "classes, notop and width set the knobs of a zoo model", fix: "use them with GET /api/zoo/NAME")
        }
        if query.input != nil && model.format != .pytorchText {
            throw ServerError(400, "input is for a model printed by PyTorch or a zoo model; \(query.name) states its own input",
                              fix: "leave out input")
        }
        let convention = query.convention ?? model.sourceConvention ?? .keras
        let options = AnalysisOptions(convention: convention, batchSize: query.batch)
        let report: NetworkReport
        do {
            try OpenSizeAnalysis.validate(query.bindings, openSizes: model.openSizes)
            if model.openSizes.allSatisfy({ query.bindings[$0.name] != nil }) {
                report = try Analyzer(options: options).analyzeCollectingProblems(try model.network(sizes: query.bindings))
            } else {
                report = try OpenSizeAnalysis.report(openSizes: model.openSizes, bindings: query.bindings, options: options) {
                    sizes throws(CNNCalcError) in try model.network(sizes: sizes)
                }
            }
        } catch {
            throw WithNotes(error: error, notes: model.notes)
        }
        return result(report, source: (query.name, model.format.rawValue), notes: model.notes, query: query)
    }

    /// The analysis of the zoo model `name` with the knobs of `query`, as a JSON response.
    static func zoo(_ name: String, query: AnalysisQuery) throws -> String {
        let model = try Zoo.entry(named: name)
        let input = try query.input.map { sizes -> TensorShape in
            guard sizes.count > 1 else { return .vector(features: sizes[0]) }
            return model.inputLayout == .channelsFirst
                ? .featureMap(spatial: try SpatialSizes(sizes.dropFirst()), channels: sizes[0])
                : .featureMap(spatial: try SpatialSizes(sizes.dropLast()), channels: sizes[sizes.count - 1])
        }
        if !query.bindings.isEmpty { try OpenSizeAnalysis.validate(query.bindings, openSizes: []) }
        let configuration = try Zoo.configuration(
            of: model, input: input, classes: query.classes, includesTop: query.includesTop, width: query.width)
        let network = try model.network(configuration)
        let options = AnalysisOptions(convention: query.convention ?? model.convention, batchSize: query.batch)
        let report = try Analyzer(options: options).analyzeCollectingProblems(network)
        let notes = ["\(model.name): \(model.title) (\(model.paper.full)), as in \(model.framework)"] + model.notes
        return result(report, source: ("zoo:\(model.name)", "zoo"), notes: notes, query: query)
    }

    /// The response for a report.
    static func result(_ report: NetworkReport, source: (name: String, format: String), notes: [String], query: AnalysisQuery) -> String {
        let options = query.renderOptions
        let explain = ExplainRenderer(options: options).layers(of: report).map { $0.joined(separator: "\n") }
        // A diagram draws a number for every size; with sizes left open there is none.
        let svg = report.openSizes == nil ? JSONText.string(SVGRenderer(options: options).render(report)) : "null"
        return JSONText.object([
            ("source", JSONText.object([("name", JSONText.string(source.name)), ("format", JSONText.string(source.format))])),
            ("report", JSONRenderer(options: options).render(report).trimmingSuffixNewline),
            ("table", JSONText.string(TableRenderer(options: options).render(report))),
            ("explain", JSONText.array(explain)),
            ("svg", svg),
            ("notes", JSONText.array(notes)),
        ]) + "\n"
    }

    /// The response for a network's problems: each with its message, its parts and its place.
    static func problems(_ errors: [CNNCalcError], notes: [String]) -> String {
        let items = errors.map { error in
            JSONText.object([
                ("message", JSONText.string(error.description)),
                ("kind", JSONText.string(error.kind.rawValue)),
                ("problem", JSONText.string(error.problem)),
                ("fix", JSONText.string(error.fix)),
                ("layer", JSONText.string(error.layerName)),
                ("source", JSONText.string(error.location?.source)),
                ("line", error.location.map { $0.path == nil ? String($0.line) : "null" } ?? "null"),
                ("column", error.location.map { $0.path == nil ? String($0.column) : "null" } ?? "null"),
                ("path", JSONText.string(error.location?.path)),
            ])
        }
        return JSONText.object([("status", "422"), ("errors", "[" + items.joined(separator: ",") + "]"), ("notes", JSONText.array(notes))]) + "\n"
    }

    /// A refused request, in the same shape as a network's problems.
    static func refusal(_ error: ServerError) -> String {
        let item = JSONText.object([
            ("message", JSONText.string(error.description)), ("problem", JSONText.string(error.problem)), ("fix", JSONText.string(error.fix)),
        ])
        return JSONText.object([("status", String(error.status)), ("errors", "[" + item + "]"), ("notes", "[]")]) + "\n"
    }
}

/// An error of the analysis with the notes of the reading, which say what it assumed.
struct WithNotes: Error {
    var error: any Error
    var notes: [String]
}

extension String {
    /// The text without its final line break, to embed a rendered JSON document.
    var trimmingSuffixNewline: String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
