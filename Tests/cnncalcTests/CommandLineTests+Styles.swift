@testable import cnncalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc --style keras|torchinfo|matlab`, `--border`, and what a terminal, a pipe,
/// `COLUMNS` and `NO_COLOR` change.
extension CommandLineTests {
    static func styleFixture(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("styles/\(name)").path
    }

    @Test func styleKerasPrintsWhatKerasPrints() throws {
        // Without --convention the Keras style counts as Keras does: the batch normalization has 4C parameters.
        let result = try run([Self.styleFixture("residual.cnn"), "--style", "keras"], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOfFile: Self.styleFixture("residual.keras.txt"), encoding: .utf8)))
    }

    @Test func styleKerasNarrowsToCOLUMNSLessFour() throws {
        let result = try run([Self.styleFixture("mnist.cnn"), "--style", "keras"], environment: ["COLUMNS": "64"])
        #expect(result.stdout == (try String(contentsOfFile: Self.styleFixture("mnist.keras-64.txt"), encoding: .utf8)))
    }

    @Test func styleTorchinfoPrintsWhatTorchinfoPrints() throws {
        // Without --convention the torchinfo style counts as PyTorch does: the batch normalization has 2C parameters.
        let result = try run([Self.styleFixture("vgg_block.cnn"), "--style", "torchinfo"])
        #expect(result.status == 0)
        let expected = try String(contentsOfFile: Self.styleFixture("vgg_block.torchinfo.txt"), encoding: .utf8)
            .replacingOccurrences(of: "(Units.MEGABYTES)", with: "(M)")
        #expect(result.stdout == expected)
    }

    @Test func styleMATLABCountsAsMATLAB() throws {
        let result = try run([Self.styleFixture("residual.cnn"), "--style", "matlab"], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "residual-matlab-style.stdout.txt")
        #expect(result.stdout.contains("TrainedMean 1×1×16"))
    }

    @Test func aPipeGetsThePlainTableWithoutColour() throws {
        let result = try run([], environment: ["NO_COLOR": ""])
        #expect(result.stdout.hasPrefix("7 layers, shapes per example (chw, channels first), batch not shown\n\n#  name"))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("┃"))
    }

    @Test func borderBoxFitsCOLUMNS() throws {
        let result = try run(["--border", "box"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        let table = result.stdout.split(separator: "\n").filter { $0.hasPrefix("┃") || $0.hasPrefix("│") }
        #expect(!table.isEmpty)
        #expect(table.allSatisfy { $0.count <= 80 })
        #expect(result.stdout.contains("Total MACs:               1,589,760 (1.6 MMACs)"))
        let wide = try run(["--border", "box"], environment: ["COLUMNS": "200"])
        #expect(wide.stdout.split(separator: "\n").contains { $0.count > 80 })
    }

    @Test func styleAndBorderRefuseWhatTheyDoNotDraw() throws {
        let columns = try run(["--style", "keras", "--columns", "shape"])
        #expect(columns.status != 0)
        #expect(columns.stderr.contains("--style keras has the columns of keras"))
        let border = try run(["--style", "torchinfo", "--border", "box"])
        #expect(border.status != 0)
        #expect(border.stderr.contains("--border box draws CNNCalc's table"))
        let format = try run(["--style", "matlab", "--format", "json"])
        #expect(format.status != 0)
    }

    /// Standard output is a terminal (a pseudo-terminal made by `script`): the table is box-drawn
    /// and coloured, unless NO_COLOR is set to something.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalGetsTheBoxTableInColourUnlessNOCOLOR() throws {
        func onTerminal(_ noColor: String) throws -> String {
            let command = "stty cols 100 2>/dev/null; \(Self.binary.path)"
            return try run(["-q", "-e", "-c", command, "/dev/null"], environment: ["NO_COLOR": noColor], executable: "/usr/bin/script").stdout
        }
        let coloured = try onTerminal("")
        #expect(coloured.contains("┏━━━┳"))
        #expect(coloured.contains("\u{1B}[1m"))
        let plain = try onTerminal("1")
        #expect(plain.contains("┏━━━┳"))
        #expect(!plain.contains("\u{1B}["))
    }

    @Test(arguments: [
        // (terminal, its columns, environment) -> (width, colour)
        (true, 120 as Int?, [String: String](), 120 as Int?, true),
        (true, 120, ["NO_COLOR": "1"], 120, false),
        (true, 120, ["NO_COLOR": ""], 120, true),
        (true, nil, ["COLUMNS": "90"], 90, true),
        (false, nil, [:], nil, false),
        (false, nil, ["COLUMNS": "70"], 70, false),
        (false, nil, ["COLUMNS": "zero"], nil, false),
        (false, nil, ["COLUMNS": "0"], nil, false),
    ])
    func terminalDecision(_ isTerminal: Bool, _ columns: Int?, _ environment: [String: String], _ width: Int?, _ color: Bool) {
        let decided = TerminalOutput.decide(isTerminal: isTerminal, terminalColumns: columns, environment: environment)
        #expect(decided == TerminalOutput(isTerminal: isTerminal, width: width, color: color))
        let options = OutputOptions.parseOrExit([]).settings.renderOptions(for: decided)
        #expect(options.border == (isTerminal ? .box : .plain))
        #expect(options.width == width && options.color == color)
    }
}

extension CommandLineTests {
    @Test func stylesWithASizeLeftOpen() throws {
        let network = "input ?x64 kind=sequence open=seq; lstm 32 return_sequences=true; lstm 32; dense 10"
        let keras = try run(["-e", network, "--style", "keras"], environment: ["COLUMNS": "200"])
        #expect(keras.status == 0)
        #expect(keras.stdout.contains("│ input (InputLayer)                   │ (None, None, 64)"))
        let torchinfo = try run(["-e", network, "--style", "torchinfo"])
        #expect(torchinfo.status == 0)
        // What depends on the open size is not a number; the parameters are.
        #expect(torchinfo.stdout.contains("├─LSTM: 1-1                              [1, ?, 32]                12,544"))
        #expect(torchinfo.stdout.contains("Total mult-adds (M): ? (depends on seq)"))
        #expect(torchinfo.stdout.contains("Input size (MB): ?\n"))
        #expect(torchinfo.stdout.contains("Params size (MB): 0.09\n"))
        let fixed = try run(["-e", network, "--style", "torchinfo", "--dim", "seq=100"])
        #expect(fixed.stdout.contains("Input size (MB): 0.03\n"))
        #expect(!fixed.stdout.contains("?"))
    }
}
