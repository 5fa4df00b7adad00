import ArgumentParser
import CNNCalc

/// Options every single-layer command shares: the input shape and its layout.
struct SingleLayerInput: ParsableArguments {
    @Option(name: .long, help: "The input shape, e.g. 50x50x2 (height x width x channels) or 2x50x50 with --layout chw.")
    var input: String

    @Option(name: .long, help: "The layout of --input and of the report: hwc (default) or chw.")
    var layout: Layout = .channelsLast

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    /// Refuses option values that are not a size, a number or a padding rule, so that no value can
    /// reach the `.cnn` text as more than one word.
    static func checkValues(_ values: [(option: String, value: String)]) throws {
        for (option, value) in values {
            let allowed = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ":" || $0 == ".") }
            guard allowed, !value.isEmpty else {
                throw ValidationError("--\(option) '\(value)' is not a size or rule; write e.g. 5, 3x3, same or 1:2x0:1")
            }
        }
    }

    func validate() throws {
        try Self.checkValues([("input", input)])
    }

    /// Analyses `input` followed by one layer written in the `.cnn` format, and prints its explanation.
    func run(layer statement: String, kind: String) throws {
        let text = "input \(input) layout=\(layout.rawValue)\n\(kind): \(statement)"
        let report: NetworkReport
        do {
            let network = try CNNTextReader.network(from: text, source: "")
            report = try Analyzer().analyze(network)
        } catch {
            // The statement was assembled from options, so a text location would point nowhere.
            var plain = error
            plain.location = nil
            throw plain
        }
        if json {
            print(JSONRenderer(options: RenderOptions(layout: layout)).render(report), terminator: "")
            return
        }
        guard let layerReport = report.layers.last else { return }
        let derivation = layerReport.derivation(layout: layout)
        let formula = derivation.parameterFormula.isEmpty ? "" : "\(derivation.parameterFormula) = "
        print("\(kind) on \(layerReport.inputShapes[0].text(in: layout)): \(layerReport.outputShape.text(in: layout)), "
              + "\(formula)\(NumberFormatting.grouped(layerReport.parameterCount)) parameters")
        print("")
        print(ExplainRenderer(options: RenderOptions(layout: layout)).render(report)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("\(kind):") }
            .prefix { !$0.hasPrefix("Total parameters") && !$0.hasPrefix("Sum over") }
            .joined(separator: "\n"), terminator: "")
    }
}

/// One convolution on its own: `cnncalc conv --input 50x50x2 --filters 20 --kernel 5`.
struct ConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "One convolution on its own: output shape and parameters, step by step.",
        discussion: "Example: cnncalc conv --input 50x50x2 --filters 20 --kernel 5   ->  46x46x20, (5*5*2+1)*20 = 1,020"
    )

    @OptionGroup var input: SingleLayerInput
    @Option(name: .long, help: "The number of filters (output channels).") var filters: Int
    @Option(name: .long, help: "The kernel size: one number or one per axis, e.g. 5 or 3x5.") var kernel: String
    @Option(name: .long, help: "The stride: one number or one per axis.") var stride = "1"
    @Option(name: .long, help: "valid, same, full, a number, or per axis before:after (1:2x0:1).") var padding = "valid"
    @Option(name: .long, help: "The dilation: one number or one per axis.") var dilation = "1"
    @Option(name: .long, help: "The number of groups.") var groups = 1
    @Flag(name: .long, help: "Leave out the bias.") var noBias = false

    func validate() throws {
        try SingleLayerInput.checkValues([("kernel", kernel), ("stride", stride), ("padding", padding), ("dilation", dilation)])
    }

    func run() throws {
        try input.run(
            layer: "conv \(filters) \(kernel) stride=\(stride) padding=\(padding) dilation=\(dilation) groups=\(groups) bias=\(!noBias)",
            kind: "conv")
    }
}

/// One pooling layer on its own: `cnncalc pool --input 24x24x32 --size 2`.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "One max or average pooling layer on its own.",
        discussion: "Example: cnncalc pool --input 24x24x32 --size 2   ->  12x12x32, 0 parameters"
    )

    @OptionGroup var input: SingleLayerInput
    @Option(name: .long, help: "The pool size: one number or one per axis.") var size = "2"
    @Option(name: .long, help: "The stride (default: the pool size).") var stride: String?
    @Option(name: .long, help: "valid, same, full, a number, or per axis before:after.") var padding = "valid"
    @Flag(name: .long, help: "Average instead of max.") var average = false
    @Flag(name: .long, help: "Round the output size up, as PyTorch's ceil_mode.") var ceilMode = false

    func validate() throws {
        try SingleLayerInput.checkValues([("size", size), ("padding", padding)] + (stride.map { [("stride", $0)] } ?? []))
    }

    func run() throws {
        let kind = average ? "avgpool" : "maxpool"
        var statement = "\(kind) \(size) padding=\(padding) ceil_mode=\(ceilMode)"
        if let stride { statement += " stride=\(stride)" }
        try input.run(layer: statement, kind: kind)
    }
}

/// One dense layer on its own: `cnncalc dense --input 5x5x32 --units 256`.
struct DenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dense",
        abstract: "One fully connected layer on its own.",
        discussion: "Example: cnncalc dense --input 5x5x32 --units 256   ->  256, (5*5*32+1)*256 = 205,056"
    )

    @OptionGroup var input: SingleLayerInput
    @Option(name: .long, help: "The number of output units.") var units: Int
    @Flag(name: .long, help: "Leave out the bias.") var noBias = false

    func run() throws {
        try input.run(layer: "dense \(units) bias=\(!noBias)", kind: "dense")
    }
}
