import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc a b c`: one summary row per file, in the order given, errors on standard error.
extension CommandLineTests {
    static let torchvision = Fixtures.directory.appendingPathComponent("torchvision")

    @Test func severalFilesGiveOneRowEach() throws {
        let files = ["resnet18", "vgg16", "alexnet"].map { Self.torchvision.appendingPathComponent("\($0).cnn").path }
        let result = try run(files + ["--format", "csv", "--convention", "pytorch"])
        #expect(result.status == 0)
        let rows = RenderingCSV.records(result.stdout)
        #expect(rows.first == ["file", "layers", "parameters", "trainable", "macs", "flops", "error"])
        #expect(rows.dropFirst().map(\.[0]) == files)
        // PyTorch's own counts (Tests/Fixtures/torchvision/summary.json).
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.torchvision.appendingPathComponent("summary.json"))) as? [String: Any]
        for row in rows.dropFirst() {
            let name = URL(fileURLWithPath: row[0]).deletingPathExtension().lastPathComponent
            let expected = ((summary?["models"] as? [String: Any])?[name] as? [String: Any])?["totalParams"] as? Int
            #expect(Int(row[2]) == expected, "\(name)")
        }
    }

    @Test func aFileThatFailsIsReportedAndTheOthersStill() throws {
        let good = Self.torchvision.appendingPathComponent("alexnet.cnn").path
        let result = try run([good, "/nonexistent/net.cnn", "--format", "json"])
        #expect(result.status == 1)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 2)
        #expect(rows?[0]["file"] as? String == good)
        #expect(rows?[0]["layers"] as? Int == 23)
        #expect(rows?[1]["file"] as? String == "/nonexistent/net.cnn")
        #expect((rows?[1]["error"] as? String)?.contains("does not exist") == true)
        #expect(rows?[1]["layers"] == nil)
        #expect(result.stderr.contains("error: /nonexistent/net.cnn does not exist"))
    }

    @Test func severalFilesRefuseOptionsOfOneReport() throws {
        let good = Self.torchvision.appendingPathComponent("alexnet.cnn").path
        let result = try run([good, good, "--explain"])
        #expect(result.status == 2)
    }
}

/// RFC 4180 records, for reading CSV output back.
enum RenderingCSV {
    static func records(_ text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }).map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
