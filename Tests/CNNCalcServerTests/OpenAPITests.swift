@testable import CNNCalcServer
import CNNCalcTestSupport
import Foundation
import Testing

/// `Schemas/openapi.yaml` documents what the service does: every route and every query parameter.
@Suite struct OpenAPITests {
    static let document: String = {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Schemas/openapi.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: ["/:", "/api/health:", "/api/examples:", "/api/analyze:", "/api/zoo/{model}:"])
    func routeIsDocumented(_ path: String) {
        #expect(Self.document.contains("\n  \(path)\n"), "\(path) is missing from Schemas/openapi.yaml")
    }

    @Test(arguments: AnalysisQuery.parameters)
    func parameterIsDocumented(_ name: String) {
        #expect(Self.document.contains("name: \(name)\n"), "the parameter \(name) is missing from Schemas/openapi.yaml")
    }

    @Test func documentedStatusesAreTheOnesTheServiceSends() {
        for status in [200, 400, 404, 405, 413, 422, 503] {
            #expect(Self.document.contains("\"\(status)\":"), "status \(status)")
        }
    }
}
