import CNNCalcTestSupport
import Foundation
import Testing

/// `--format markdown|csv|latex` and `--columns` from the command line.
extension CommandLineTests {
    @Test(arguments: [("markdown", "| 1 | conv1 | conv 5x5 | 32x24x24 | 832 |"), ("csv", "1,conv1,conv 5x5,input,32x24x24,832,832,"),
                      ("latex", "1 & conv1 & conv 5x5 & 32$\\times$24$\\times$24 & 832 &")])
    func otherFormats(_ format: String, _ row: String) throws {
        let result = try run(["--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains(row))
    }

    @Test func columnsAreChecked() throws {
        let wrong = try run(["--columns", "shape,colour"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("--columns"))
        let withJSON = try run(["--columns", "shape", "--format", "json"])
        #expect(withJSON.status == 2)
        let chosen = try run(["-e", "input 8x8x1; conv 4 3", "--columns", "params,trainable"])
        #expect(chosen.stdout.contains("#  name   type      parameters  trainable"))
    }
}
