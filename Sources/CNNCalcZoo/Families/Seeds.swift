import CNNCalcCore

/// The two networks of the questions CNNCalc grew from, as their askers wrote them.
///
/// - `seed/lasagne`: the MNIST network of Stack Overflow question 42786717, "How to calculate
///   the number of parameters for convolutional neural network?", a nolearn `NeuralNet` over
///   Lasagne layers, with the layer names of nolearn's table in the question. Lasagne's layers
///   apply their nonlinearity themselves (rectify by default, softmax on the output), so the
///   activations are part of the convolution and dense rows: 217,706 parameters.
/// - `seed/matlab`: the network of Data Science Stack Exchange question 65392, "How to find the
///   various matrix sizes in designing a CNN", a MATLAB layer array for 5 classes over a
///   `[50 50 2]` input whose first convolution has 20 filters of 5x5: `imageInputLayer`,
///   `convolution2dLayer(5, 20)`, `reluLayer`, `fullyConnectedLayer(5)`, `softmaxLayer`, with
///   MATLAB's default layer names. The question shows its layers as a picture; these are the
///   layers its text gives. Its `classificationLayer` computes the loss and has no row.
enum Seeds {
    static let models: [ZooModel] = [
        ZooModel(
            name: "seed/lasagne", title: "Lasagne MNIST network", family: "question",
            paper: Citation(
                authors: "Stack Overflow 42786717", year: 2017,
                title: "How to calculate the number of parameters for convolutional neural network?",
                reference: "https://stackoverflow.com/questions/42786717/"),
            framework: "Lasagne 0.1, nolearn 0.6", convention: .lasagne,
            defaultInput: .featureMap(spatial: [28, 28], channels: 1), inputLayout: .channelsFirst,
            defaultClasses: 10, hasTop: false, layers: lasagne),
        ZooModel(
            name: "seed/matlab", title: "MATLAB 50x50x2 network", family: "question",
            paper: Citation(
                authors: "Data Science SE 65392", year: 2019,
                title: "How to find the various matrix sizes in designing a CNN",
                reference: "https://datascience.stackexchange.com/questions/65392/"),
            framework: "MATLAB", convention: .matlab,
            defaultInput: .featureMap(spatial: [50, 50], channels: 2), inputLayout: .channelsLast,
            defaultClasses: 5, hasTop: false,
            notes: ["the question shows its layers as a picture; these are the layers its text gives",
                    "classificationLayer computes the loss and has no row"],
            layers: matlab),
    ]

    @NetworkBuilder
    static func lasagne(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        ZooLayers.input(configuration)
        Convolution(filters: 32, kernelSize: [5, 5], activation: .relu).named("conv2d1")
        Pooling(.max, poolSize: [2, 2]).named("maxpool1")
        Convolution(filters: 32, kernelSize: [3, 3], activation: .relu).named("conv2d2")
        Pooling(.max, poolSize: [2, 2]).named("maxpool2")
        Dense(units: 256, activation: .relu).named("dense")
        Dense(units: configuration.classes, activation: .softmax).named("output")
    }

    @NetworkBuilder
    static func matlab(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        Input(configuration.input, layout: .channelsLast).named("imageinput")
        Convolution(filters: 20, kernelSize: [5, 5]).named("conv")
        Activation(.relu).named("relu")
        Dense(units: configuration.classes).named("fc")
        Activation(.softmax).named("softmax")
    }
}
