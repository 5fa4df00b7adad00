import CNNCalcCore

/// CNNCalc's built-in model zoo: the networks of textbooks and papers, written with CNNCalc's
/// own builder API, to check one's understanding against and to ask "what if" of.
///
///     let resnet = try Zoo.model("resnet50")                               // as torchvision builds it
///     let large = try Zoo.model("resnet50", input: .featureMap(spatial: [512, 512], channels: 3), classes: 10)
///     let features = try Zoo.model("vgg16", includesTop: false)            // VGG-16 without its classifier
///     let slim = try Zoo.model("mobilenet_v2", width: 0.5)                 // width_mult=0.5
///     let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(resnet)
///     report.totals.parameters                                             // 25,557,032, as torchvision counts
///
/// Names follow the framework a model is checked against: torchvision's builder functions
/// (`resnet50`, `vgg16_bn`, `efficientnet_b0`), `keras/` and Keras' class name in lower case for
/// Keras Applications (`keras/mobilenetv2`), and `seed/lasagne` and `seed/matlab` for the two
/// questions CNNCalc grew from. ``models`` lists them all.
///
/// ## How a family is written
///
/// One file per family under `Families/`, the way torchvision writes its models: a configuration
/// table (VGG's `cfgs`, ResNet's blocks per stage, MobileNet's inverted-residual settings) and a
/// function per block (`basicBlock`, `bottleneck`, `fire`, `invertedResidual`), each returning
/// the block's layers for ``NetworkBuilder``. Every layer is named after the framework's module
/// path (`layer1.0.conv1`, `features.3.block.2.fc1`), so that `--depth` groups the rows into the
/// framework's modules and the tests can compare every row with the module the framework ran:
///
/// - a row named after a module is that module's output; a module the framework calls again
///   (ResNet's `relu`, three times per block) has one row per call, the later ones named
///   `layer1.0.relu (call 2)`, `(call 3)`;
/// - a row that is no module is an operation of the framework's `forward`, named after the
///   function as `torch.fx` names it, under the module that runs it: `layer1.0.add` (the
///   residual sum), `flatten`, `features.denseblock1.denselayer2.cat`, `features.1.0.block.2.mul`.
///
/// ## Adding a family
///
/// 1. Write `Sources/CNNCalcZoo/Families/<Family>.swift`: an `enum` with a `static let models:
///    [ZooModel]`, one ``ZooModel`` per variant, whose `layers` closure writes the network for a
///    ``ZooConfiguration`` (the helpers in `ZooLayers.swift` write the input, torchvision's
///    `Conv2dNormActivation` and squeeze-and-excitation blocks).
/// 2. Add one line to ``families`` in `Zoo+Registry.swift`.
/// 3. Give the tests the framework's numbers: add the model to the generating script
///    (`Scripts/generate_zoo_fixtures.py` for torchvision), run it and commit its output; the
///    tests then compare every model of the registry, so a model without expected numbers fails.
public enum Zoo {
    /// Every model, family by family, in the order ``families`` lists them.
    public static let models: [ZooModel] = families.flatMap { $0 }

    /// The names of every model, in order.
    public static var names: [String] { models.map(\.name) }

    /// The model named `name` (case is ignored).
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for an unknown name, with the nearest names.
    public static func entry(named name: String) throws(CNNCalcError) -> ZooModel {
        let wanted = name.lowercased()
        if let model = models.first(where: { $0.name == wanted }) { return model }
        let hint = EditDistance.didYouMean(name, among: names).map { "\($0) " } ?? ""
        throw CNNCalcError(
            .badArgument, "the zoo has no model named '\(name)'",
            fix: "\(hint)'cnncalc zoo' lists every model (Zoo.names in the library)")
    }

    /// The network of the zoo model `name`, as its framework builds it unless told otherwise.
    ///
    /// - Parameters:
    ///   - name: the model's name, e.g. `resnet50` (see ``names``).
    ///   - input: one example's input, batch excluded; `nil` for the model's ``ZooModel/defaultInput``.
    ///   - classes: the classifier's outputs; `nil` for the model's ``ZooModel/defaultClasses``.
    ///   - includesTop: `false` leaves out the head (global pooling and classifier), as Keras'
    ///     `include_top=False` does: the network ends at its last feature map.
    ///   - width: the channel multiplier of a family that has one (MobileNet's `width_mult`,
    ///     MnasNet's `alpha`); `nil` for the model's ``ZooModel/defaultWidth``.
    /// - Returns: the network; its ``Network/sourceConvention`` is the convention of the model's
    ///   framework, which the command line counts in unless `--convention` says otherwise (give it
    ///   to ``AnalysisOptions`` to do the same).
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for an unknown name, a knob the model
    ///   lacks or a value out of range; the analysis of the network reports an input too small
    ///   for it, naming the layer.
    public static func model(
        _ name: String, input: TensorShape? = nil, classes: Int? = nil, includesTop: Bool = true, width: Double? = nil
    ) throws(CNNCalcError) -> Network {
        let model = try entry(named: name)
        return try model.network(try configuration(of: model, input: input, classes: classes, includesTop: includesTop, width: width))
    }

    /// The configuration `model` is built with for these knobs, checked.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for a knob the model lacks or a value out of range.
    public static func configuration(
        of model: ZooModel, input: TensorShape? = nil, classes: Int? = nil, includesTop: Bool = true, width: Double? = nil
    ) throws(CNNCalcError) -> ZooConfiguration {
        var configuration = model.defaultConfiguration
        if let input {
            try checkInput(input, of: model)
            configuration.input = input
        }
        if let classes {
            guard includesTop else {
                throw CNNCalcError(
                    .badArgument, "\(model.name): classes sets the outputs of the classifier, which includesTop: false leaves out",
                    fix: "give either a number of classes or no top, not both")
            }
            guard classes >= 1, classes <= CheckedArithmetic.maximumSize else {
                throw CNNCalcError(
                    .badArgument, "\(model.name): \(classes) classes is not a positive count of at most \(largestSizeText)",
                    fix: "give the number of classes, e.g. 10")
            }
            configuration.classes = classes
        }
        if !includesTop {
            try require(.top, of: model)
            configuration.includesTop = false
        }
        if let width {
            try require(.width, of: model)
            guard width.isFinite, width > 0, width <= maximumWidth else {
                throw CNNCalcError(
                    .badArgument, "\(model.name): width \(width) is not a multiplier above 0 and at most \(Int(maximumWidth))",
                    fix: "give a multiplier such as 0.5, 0.75 or 1.4")
            }
            configuration.width = width
        }
        return configuration
    }

    /// The largest width multiplier accepted: far beyond any published model, small enough that
    /// every channel count stays an exact integer.
    public static let maximumWidth = 64.0

    private static let largestSizeText = "2^40"

    private static func require(_ knob: ZooKnob, of model: ZooModel) throws(CNNCalcError) {
        guard !model.knobs.contains(knob) else { return }
        let others = models.filter { $0.knobs.contains(knob) }.map(\.name)
        let which = others.isEmpty ? "no model of the zoo has one" : "the models with one are \(others.joined(separator: ", "))"
        throw CNNCalcError(
            .badArgument, "\(model.name) (\(model.family)) has no \(knob.meaning) (\(knob.argument), \(knob.option))",
            fix: "leave it out; \(which)")
    }

    private static func checkInput(_ input: TensorShape, of model: ZooModel) throws(CNNCalcError) {
        let example = model.defaultInput.text(in: model.inputLayout)
        guard case .featureMap(let spatial, let channels) = input, spatial.count == model.defaultInput.spatialRank else {
            throw CNNCalcError(
                .badArgument, "\(model.name) takes a \(model.defaultInput.kindName), not the \(input.kindName) \(input.text(in: model.inputLayout))",
                fix: "give \(model.inputLayout == .channelsFirst ? "channels, height and width" : "height, width and channels"), e.g. \(example)")
        }
        for size in spatial + [channels] where size < 1 || size > CheckedArithmetic.maximumSize {
            throw CNNCalcError(
                .badArgument, "\(model.name): input size \(size) is not between 1 and \(largestSizeText)",
                fix: "give an input such as \(example)")
        }
    }
}
