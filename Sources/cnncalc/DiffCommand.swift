import ArgumentParser
import CNNCalc

/// `cnncalc diff a.cnn b.onnx`: two networks side by side, layer by layer, differences marked.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two networks layer by layer: shapes and parameter counts side by side, differences marked.",
        discussion: """
            Each side is any file cnncalc reads (.cnn, .onnx, .keras/.json, .m, .py, a printed PyTorch model)
            or zoo:NAME for a model of the zoo. Layers are paired in order; '=' marks a pair that agrees,
            '!' one that differs (each differing value marked with *), '<' and '>' a layer only one side has.
            Examples:
              cnncalc diff paper.cnn model.onnx
              cnncalc diff zoo:resnet50 model.keras --convention pytorch
            Exit status: 0 when the networks agree, 1 when they differ or a file has a problem, 2 for wrong usage.
            """
    )

    @Argument(help: "The first network (the left side).")
    var left: String

    @Argument(help: "The second network (the right side).")
    var right: String

    @Option(name: .long, help: "Count both sides as keras, pytorch, matlab or lasagne does. Default: each side's own.")
    var convention: Convention?

    @Option(name: .long, help: ArgumentHelp("The input of a printed PyTorch model or of a zoo model, e.g. 1x28x28.", valueName: "size"))
    var input: InputSizeArgument?

    /// `--max-file-size` and `--timeout`.
    @OptionGroup var limits: InputLimits

    func run() throws {
        limits.settings.apply()
        let reports = try [left, right].map { path in
            let network = try NetworkFile.network(at: path, input: input)
            let options = AnalysisOptions(convention: convention ?? network.sourceConvention ?? .keras)
            return try Analyzer(options: options).analyzeCollectingProblems(network)
        }
        let diff = NetworkDiff(reports[0], reports[1])
        print(DiffRenderer(leftTitle: left, rightTitle: right).render(diff), terminator: "")
        if !diff.isIdentical { terminate(1) }
    }
}
