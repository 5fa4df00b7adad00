import ArgumentParser
import CNNCalc

/// Tells a Keras model file from a `.cnn` text.
enum KerasModelFile {
    /// Whether the file is a Keras model: by its extension (`.keras`, `.json`, and `.h5`, which
    /// the reader refuses with a remedy), else by its content (a ZIP archive, or JSON starting with `{`).
    static func isKerasModel(path: String, bytes: [UInt8]) -> Bool {
        NetworkSource.isKerasModel(name: path, bytes: bytes)
    }
}

/// Tells Lasagne and nolearn Python source from a `.cnn` text.
enum LasagneSource {
    /// Whether the text is Python for Lasagne or nolearn: a `.py` file, or a text that calls Lasagne layers.
    static func isLasagne(path: String?, text: String) -> Bool {
        NetworkSource.isLasagne(text, name: path)
    }
}

/// Analyses a network from a `.cnn` file, an expression, or the built-in example: the options,
/// read into an ``AnalyzeRequest`` that does the work.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type's name: deriving it reflects on the type at every start-up.
        commandName: "analyze",
        abstract: "Analyse a network: a .cnn file, a Keras (.keras, .json) or ONNX (.onnx) model, Lasagne/nolearn Python (.py), MATLAB layer code (.m), a model printed by PyTorch (with --input), an expression (-e), or the built-in example.",
        discussion: """
            Examples:
              cnncalc net.cnn
              cnncalc -e 'input 28x28x1; conv 32 5; maxpool 2; dense 10'
              cnncalc net.cnn --explain
              cnncalc model.keras
              cnncalc layers.m           (MATLAB layer arrays, also -e '[imageInputLayer([28 28 1]) ...]')
              cnncalc net.cnn --format json
              cnncalc net.cnn --format html > net.html   (the table, a diagram, charts, the arithmetic on click)
              cnncalc model.onnx         (counted as PyTorch does unless --convention says otherwise)
              cnncalc model.onnx --depth 2   (one row per module down to depth 2, as torchinfo's depth)
              cnncalc mnist.py --style nolearn   (Lasagne or nolearn Python, laid out as nolearn prints it)
              cnncalc net.cnn --style keras   (laid out as Keras's model.summary(); also torchinfo, matlab)
              cnncalc model.txt --input 1x28x28   (the text of print(model); the input channels first)
              cnncalc --zoo resnet50 --input 3x512x512 --classes 10   (a network of the built-in zoo; cnncalc zoo lists them)
            """
    )

    @Argument(help: "One or more files (several: one summary row per file, read on every core). A .cnn file, a Keras model (.keras, or the JSON of model.to_json()), an ONNX model (.onnx), Lasagne or nolearn Python (.py), MATLAB layer code (.m), the text of PyTorch's print(model), or - for standard input. Without it (and without -e), the built-in example.")
    var files: [String] = []

    @Option(name: [.customShort("e"), .long], help: "A network written inline: .cnn layers separated by ';', or pasted Lasagne/nolearn Python, MATLAB layer code or PyTorch print(model) text.")
    var expression: String?

    /// `--zoo` and its knobs, and `--input`, which a model printed by PyTorch needs too.
    @OptionGroup var zoo: ZooOptions

    @Option(name: .customLong("dim"), help: ArgumentHelp(
        "Give an open size a number: --dim tokens:1=50 for the None on axis 1 of the Keras input 'tokens', --dim seq=128 for 'input ?x512 open=seq' in a .cnn text. Repeat for several; sizes left open are shown by name.",
        valueName: "name=size"))
    var dimensions: [String] = []

    @OptionGroup var output: OutputOptions

    /// `--max-file-size` and `--timeout`.
    @OptionGroup var limits: InputLimits

    /// What the options ask for, as plain values.
    var request: AnalyzeRequest {
        AnalyzeRequest(
            files: files, expression: expression, zoo: zoo.settings, dimensions: dimensions,
            output: output.settings, limits: limits.settings)
    }

    func validate() throws {
        try request.validateCombination()
    }

    func run() throws {
        try request.run()
    }
}
