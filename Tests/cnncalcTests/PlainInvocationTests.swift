import ArgumentParser
@testable import cnncalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc FILE...` without ArgumentParser: it must mean exactly what ArgumentParser reads.
@Suite struct PlainInvocationTests {
    @Test(arguments: [
        [],
        ["net.cnn"],
        ["a.onnx", "b.onnx", "c.onnx"],
        ["model.keras"],
        ["layers.m", "mnist.py"],
        ["zoo:resnet50"],
        ["a file with spaces.cnn"],
        ["name=value"],
        ["über.cnn"],
        ["./zoo"],
        ["Zoo"],
        ["net.cnn", "analyzer"],
    ])
    func filesAloneAreTheRequestArgumentParserReads(_ arguments: [String]) throws {
        let plain = try #require(PlainInvocation.request(arguments))
        let parsed = try #require(try CNNCalcCommand.parseAsRoot(arguments) as? Analyze)
        #expect(plain == parsed.request)
        #expect(plain.files == arguments)
        #expect(plain.output == ReportSettings.defaults && plain.limits == RunLimits.defaults && plain.zoo == ZooSettings.defaults)
    }

    @Test(arguments: [
        [""],
        ["-"],
        ["-e", "input 28x28x1; dense 10"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["net.cnn", "--explain"],
        ["net.cnn", "--format", "json"],
        ["net.cnn", "-"],
        ["--", "net.cnn"],
        ["help"],
        ["analyze", "net.cnn"],
        ["net.cnn", "zoo"],
        ["diff", "a.cnn", "b.cnn"],
    ])
    func anythingElseGoesToArgumentParser(_ arguments: [String]) {
        #expect(PlainInvocation.request(arguments) == nil)
    }

    @Test func noSubcommandIsTakenForAFile() {
        for command in CNNCalcCommand.configuration.subcommands {
            let names = [command.configuration.commandName].compactMap { $0 } + command.configuration.aliases
            #expect(!names.isEmpty)
            for name in names {
                #expect(PlainInvocation.request([name]) == nil, "\(name)")
                #expect(PlainInvocation.request(["net.cnn", name]) == nil, "\(name)")
            }
        }
    }

    @Test func theRequestOfOptionsKeepsEveryValue() throws {
        let arguments = [
            "net.cnn", "--format", "csv", "--layout", "chw", "--convention", "pytorch", "--batch", "8", "--dtype", "fp16",
            "--optimizer", "sgd", "--macs", "torchinfo", "--columns", "shape,params", "--max-file-size", "64M", "--timeout", "2.5",
            "--dim", "seq=128", "--input", "1x28x28",
        ]
        let parsed = try #require(try CNNCalcCommand.parseAsRoot(arguments) as? Analyze)
        var expected = AnalyzeRequest(files: ["net.cnn"])
        expected.output.format = .csv
        expected.output.layout = .channelsFirst
        expected.output.convention = .pytorch
        expected.output.batch = 8
        expected.output.dtype = .fp16
        expected.output.optimizer = .sgd
        expected.output.macs = .torchinfo
        expected.output.columns = ColumnList(argument: "shape,params")
        expected.limits = RunLimits(maxFileSize: 64 << 20, timeout: 2.5)
        expected.dimensions = ["seq=128"]
        expected.zoo.input = InputSizeArgument(argument: "1x28x28")
        #expect(parsed.request == expected)
    }

    @Test func theDefaultsAreThoseOfTheOptions() throws {
        #expect(try OutputOptions.parse([]).settings == ReportSettings.defaults)
        #expect(try InputLimits.parse([]).settings == RunLimits.defaults)
        #expect(try ZooOptions.parse([]).settings == ZooSettings.defaults)
    }
}

extension CommandLineTests {
    @Test(arguments: ["styles/residual.cnn", "onnx/residual_bn.onnx", "keras/causal_stack.keras"])
    func aFileAlonePrintsWhatTheAnalyzeCommandPrints(_ fixture: String) throws {
        let path = Fixtures.directory.appendingPathComponent(fixture).path
        let plain = try run([path])
        let parsed = try run(["analyze", path])
        #expect(plain.status == 0)
        #expect(plain.stdout == parsed.stdout && plain.stderr == parsed.stderr && plain.status == parsed.status)
        #expect(plain.stdout.contains("Total parameters"))
    }

    @Test func aMissingFileAloneFailsAsTheAnalyzeCommandDoes() throws {
        let plain = try run(["no-such-file.cnn"])
        let parsed = try run(["analyze", "no-such-file.cnn"])
        #expect(plain.status == 1)
        #expect(plain.stderr == parsed.stderr && plain.stdout.isEmpty)
    }
}
