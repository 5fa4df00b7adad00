import CNNCalc

/// The `.cnn` examples of the editor's menu, and the zoo's models beside them.
///
/// The two seeds are the networks of the questions CNNCalc grew from, written in `.cnn` with the
/// layer names of the zoo's `seed/lasagne` and `seed/matlab`; the tests check that each gives
/// the same report as its zoo model.
public enum ServerExamples {
    /// One example: a name for the menu, the zoo model it mirrors (if any), and its text.
    public struct Example: Sendable {
        /// The menu's label.
        public var title: String
        /// The file name the editor analyses it as.
        public var name: String
        /// The zoo model with the same layers, whose convention it is counted in.
        public var zooModel: String?
        /// The convention the example is meant to be counted in, when not Keras'.
        public var convention: Convention?
        /// The `.cnn` text.
        public var text: String
    }

    /// The examples, in menu order.
    public static let examples: [Example] = [
        Example(
            title: "Lasagne MNIST network (Stack Overflow 42786717)", name: "mnist.cnn", zooModel: "seed/lasagne", convention: .lasagne,
            text: """
                # The nolearn MNIST network of Stack Overflow 42786717, channels first as Lasagne prints it.
                # Lasagne's layers apply their nonlinearity themselves: rectify, and softmax on the output.
                input 1x28x28 layout=chw
                conv2d1: conv 32 5x5 activation=relu
                maxpool1: maxpool 2
                conv2d2: conv 32 3x3 activation=relu
                maxpool2: maxpool 2
                dense: dense 256 activation=relu
                output: dense 10 activation=softmax

                """),
        Example(
            title: "MATLAB 50x50x2 network (Data Science SE 65392)", name: "matlab50.cnn", zooModel: "seed/matlab", convention: .matlab,
            text: """
                # The MATLAB layer array of Data Science Stack Exchange 65392, with MATLAB's default names.
                imageinput: input 50x50x2
                conv: conv 20 5x5
                relu: relu
                fc: dense 5
                softmax: softmax

                """),
        Example(
            title: "A residual block", name: "residual.cnn",
            text: """
                # A residual block names its branches and merges them with inputs=.
                input 32x32x3
                stem: conv 16 3 padding=same
                bn: batchnorm
                stem_relu: relu
                a1: conv 16 3 padding=same activation=relu
                a2: conv 16 3 padding=same
                sum: add inputs=stem_relu,a2
                gap: globalavgpool
                fc: dense 10 activation=softmax

                """),
        Example(
            title: "Squeeze and excitation", name: "se.cnn",
            text: """
                # A vector of C values multiplies every position of a C-channel map.
                input 7x7x512
                g: globalavgpool
                d: dense 512 activation=sigmoid
                scaled: multiply inputs=input,d

                """),
        Example(
            title: "Attention over a sequence of any length", name: "attention.cnn",
            text: """
                # ? leaves the length open; costs are written in it.
                input ?x64 kind=sequence open=seq
                mha 4
                dense 10

                """),
    ]

    /// The menu as the API returns it: the examples and, for each zoo model, its name, title,
    /// framework, convention and default input as `cnncalc zoo` writes it.
    public static let json: String = {
        let items = examples.map { example in
            JSONText.object([
                ("title", JSONText.string(example.title)), ("name", JSONText.string(example.name)),
                ("zooModel", JSONText.string(example.zooModel)), ("convention", JSONText.string(example.convention?.rawValue)),
                ("text", JSONText.string(example.text)),
            ])
        }
        let zoo = Zoo.models.map { model in
            JSONText.object([
                ("name", JSONText.string(model.name)), ("title", JSONText.string(model.title)),
                ("framework", JSONText.string(model.framework)), ("convention", JSONText.string(model.convention.rawValue)),
                ("input", JSONText.string(model.defaultInput.text(in: model.inputLayout))),
            ])
        }
        return JSONText.object([("examples", "[" + items.joined(separator: ",") + "]"), ("zoo", "[" + zoo.joined(separator: ",") + "]")]) + "\n"
    }()
}
