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

    @Test func openSizesAreShownAsKerasShowsThem() throws {
        let result = try cli.run([fixture("open_sequence.keras")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        expectGolden(result.stdout, named: "keras-open-sequence.stdout.txt")
    }

    @Test func openSizesInTheArithmetic() throws {
        let result = try cli.run([fixture("causal_stack.keras"), "--explain"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "keras-causal-stack.explain.txt")
    }

    @Test func openSizesInJSON() throws {
        let result = try cli.run([fixture("open_image.keras"), "--format", "json"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "keras-open-image.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(object["layers"] as? [[String: Any]])
        // The stem keeps the image's size: [null, null, 16], and its MACs are 432 per pixel.
        let stem = try #require(layers.first { $0["name"] as? String == "stem" })
        #expect((stem["outputShape"] as? [Any])?.count == 3)
        #expect((stem["outputShape"] as? [Any])?.first is NSNull)
        #expect(stem["macs"] == nil)
        #expect(stem["macsExpression"] as? String == "432*image:1*image:2")
    }

    @Test func dimGivesOpenSizesNumbers() throws {
        let result = try cli.run([fixture("open_sequence.keras"), "--dim", "tokens:1=50"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("None"))
        // The open report's totals at 50 steps: 61,440*50 + 32 MACs and 124,128*50 + 66 FLOPs.
        #expect(result.stdout.contains("Total MACs:               3,072,032"))
        #expect(result.stdout.contains("Total FLOPs:              6,206,466"))
        #expect(result.stdout.contains("2  lstm       lstm 64        50x64"))
    }

    @Test func dimNamingNoOpenSizeIsAnError() throws {
        let result = try cli.run([fixture("open_image.keras"), "--dim", "image:3=224"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: 'image:3' is not an open size of the model; did you mean 'image:1' or 'image:2'?\n")
    }

    @Test func dimWithoutASizeIsAUsageError() throws {
        let result = try cli.run([fixture("open_image.keras"), "--dim", "image:1"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --dim takes name=size, e.g. --dim seq_len=128, not 'image:1'"))
    }

    @Test func dimOnATextNetworkWithoutOpenSizesIsAnError() throws {
        let result = try cli.run(["-e", "input 8x8x1; conv 4 3", "--dim", "h=3"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: 'h' is not an open size of the model; the model leaves no size open; leave out the size\n")
    }

    @Test func openSizesOfATextNetwork() throws {
        let text = "input ?x64 kind=sequence open=seq; mha 4; dense 10"
        let open = try cli.run(["-e", text])
        #expect(open.status == 0)
        #expect(open.stdout.contains("1  mha1    mha 4 heads  seq x 64"))
        let bound = try cli.run(["-e", text, "--dim", "seq=20"])
        #expect(bound.status == 0)
        #expect(bound.stdout.contains("1  mha1    mha 4 heads  20x64"))
    }
}
