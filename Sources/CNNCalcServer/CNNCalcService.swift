import CNNCalc

/// The web service behind `cnncalc serve`: requests in, responses out, with no socket.
///
/// Routes (documented in `Schemas/openapi.yaml`):
///
/// | method and path | answer |
/// |---|---|
/// | `GET /` | the page: an editor, the table, the diagram, the totals, the arithmetic on click |
/// | `GET /api/examples` | the examples of the editor's menu and the models of the zoo |
/// | `POST /api/analyze?name=FILE&...` | the analysis of the body, a file of any format `cnncalc` reads |
/// | `GET /api/zoo/NAME?...` | the analysis of a zoo model |
/// | `GET /api/health` | `{"status":"ok"}` |
///
/// Every answer to `/api/` is JSON; a refused request gets a 4xx status and a message saying
/// what is wrong and what to do. Nothing a request sends is written anywhere: a source is read
/// from the body in memory, and its name only chooses the reader and names it in errors.
public struct CNNCalcService: Sendable {
    /// The limits the service keeps.
    public let configuration: ServerConfiguration
    private let runner: AnalysisRunner

    /// Creates the service.
    public init(configuration: ServerConfiguration = ServerConfiguration()) {
        self.configuration = configuration
        runner = AnalysisRunner(slots: configuration.concurrentAnalyses, timeout: configuration.analysisTimeout)
    }

    /// The answer to `request`. Never throws: every failure is a response with its status.
    public func respond(to request: ServerRequest) async -> ServerResponse {
        do {
            return try await route(request)
        } catch let error as ServerError {
            return refusing(error, for: request)
        } catch {
            return refusing(ServerError(500, "the server failed: \(error)"), for: request)
        }
    }

    /// The response for a body over the limit, for a socket layer that stops reading it.
    public func bodyTooLarge(_ request: ServerRequest, declaredBytes: Int?) -> ServerResponse {
        let size = declaredBytes.map { "\($0) bytes" } ?? "more than that"
        return refusing(ServerError(
            413, "the request body is \(size); the server reads at most \(configuration.maximumBodyBytes) bytes",
            fix: "analyse a larger file with the command line (cnncalc FILE), or start the server with a larger --max-body"), for: request)
    }

    private func route(_ request: ServerRequest) async throws -> ServerResponse {
        if request.body.count > configuration.maximumBodyBytes {
            return bodyTooLarge(request, declaredBytes: request.body.count)
        }
        switch request.path {
        case "/", "/index.html":
            try require(request, ["GET", "HEAD"])
            return .html(ServerPage.html)
        case "/api/health":
            try require(request, ["GET", "HEAD"])
            return .json("{\"status\":\"ok\"}\n")
        case "/api/examples":
            try require(request, ["GET", "HEAD"])
            return .json(ServerExamples.json)
        case "/api/analyze":
            try require(request, ["POST"])
            let query = try AnalysisQuery(request)
            let body = request.body
            return await analysis { try ServerAnalysis.source(body, query: query) }
        case _ where request.path.hasPrefix("/api/zoo/"):
            try require(request, ["GET"])
            let name = String(request.path.dropFirst("/api/zoo/".count))
            let query = try AnalysisQuery(request)
            if request.query.contains(where: { $0.name == "name" }) {
                throw ServerError(400, "name is for POST /api/analyze; a zoo model is named in the path", fix: "leave out name")
            }
            guard Zoo.models.contains(where: { $0.name == name }) else {
                let suggestion = EditDistance.didYouMean(name, among: Zoo.names) ?? "GET /api/examples lists them"
                throw ServerError(404, "no zoo model is named '\(name.prefix(100))'", fix: suggestion)
            }
            return await analysis { try ServerAnalysis.zoo(name, query: query) }
        default:
            throw ServerError(404, "nothing at \(request.path.prefix(200))", fix: "the page is at /, the API under /api/ (see Schemas/openapi.yaml)")
        }
    }

    /// Runs `work` within the limits; a network's problems become status 422.
    private func analysis(_ work: @escaping @Sendable () throws -> String) async -> ServerResponse {
        do {
            return .json(try await runner.run(work))
        } catch let refused as ServerError {
            return .json(ServerAnalysis.refusal(refused), status: refused.status)
        } catch {
            var error: any Error = error
            var notes: [String] = []
            if let wrapped = error as? WithNotes { (error, notes) = (wrapped.error, wrapped.notes) }
            switch error {
            case let problems as AnalysisProblems: return .json(ServerAnalysis.problems(problems.errors, notes: notes), status: 422)
            case let problem as CNNCalcError: return .json(ServerAnalysis.problems([problem], notes: notes), status: 422)
            case let refused as ServerError: return .json(ServerAnalysis.refusal(refused), status: refused.status)
            default: return .json(ServerAnalysis.refusal(ServerError(500, "the analysis failed: \(error)")), status: 500)
            }
        }
    }

    private func require(_ request: ServerRequest, _ methods: [String]) throws(ServerError) {
        guard methods.contains(request.method) else {
            var error = ServerError(405, "\(request.method.prefix(20)) is not allowed on \(request.path.prefix(200))", fix: "use \(methods.joined(separator: " or "))")
            error.allowedMethods = methods
            throw error
        }
    }

    /// A refused request: a page for a browser navigating or posting a form, else JSON.
    public func refusing(_ error: ServerError, for request: ServerRequest) -> ServerResponse {
        var response: ServerResponse = request.prefersHTML
            ? .html(ServerPage.errorPage(error), status: error.status)
            : .json(ServerAnalysis.refusal(error), status: error.status)
        if !error.allowedMethods.isEmpty { response.headers.append(("Allow", error.allowedMethods.joined(separator: ", "))) }
        // The rest of an oversized body is not worth reading on this connection.
        if error.status == 413 { response.headers.append(("Connection", "close")) }
        return response
    }
}
