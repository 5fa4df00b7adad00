import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc model.keras` and `cnncalc model.json`, as a Keras user runs them.
@Suite struct KerasCommandLineTests {
    let cli = CommandLineTests()

    func fixture(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("keras/\(name)").path
    }

    @Test func kerasArchiveGivesTheReport() throws {
        let result = try cli.run([fixture("plain_cnn.keras")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        expectGolden(result.stdout, named: "keras-plain-cnn.stdout.txt")
    }

    @Test func sharedAndNestedModelGivesTheReport() throws {
        let result = try cli.run([fixture("siamese.keras")])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "keras-siamese.stdout.txt")
    }

    @Test func jsonGivesTheSameReportAsTheArchive() throws {
        let archive = try cli.run([fixture("residual_net.keras")])
        let json = try cli.run([fixture("residual_net.json")])
        #expect(json.status == 0)
        #expect(json.stdout == archive.stdout)
    }

    @Test func conventionOptionStillApplies() throws {
        // PyTorch keeps the 2 x 16 moving statistics of each batch normalization as buffers:
        // 4,162 - 64 = 4,098 parameters.
        let result = try cli.run([fixture("residual_net.keras"), "--convention", "pytorch"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Total parameters:             4,098"))
        #expect(result.stdout.contains("Counted as PyTorch counts"))
    }

    @Test func kerasJSONIsRecognisedByContent() throws {
        let contents = try Data(contentsOf: URL(fileURLWithPath: fixture("gru_model.json")))
        let file = try cli.temporaryFile("model.txt", contents: contents)
        let result = try cli.run([file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Total parameters:           7,971"))
    }

    @Test func corruptArchiveFailsWithOneLine() throws {
        let contents = try Data(contentsOf: URL(fileURLWithPath: fixture("plain_cnn.keras"))).prefix(200)
        let file = try cli.temporaryFile("broken.keras", contents: contents)
        let result = try cli.run([file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path) is not a readable .keras archive (the ZIP directory is damaged or the file is truncated); save the model again with model.save('model.keras')\n")
    }

    @Test func truncatedJSONFailsWithOneLine() throws {
        let file = try cli.temporaryFile("model.json", contents: Data(#"{"class_name": "Sequential", "config": {"#.utf8))
        let result = try cli.run([file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(file.path): the JSON text: the file is not valid JSON (it may be truncated); export the model again with model.to_json() or model.save('model.keras')\n")
    }
}
