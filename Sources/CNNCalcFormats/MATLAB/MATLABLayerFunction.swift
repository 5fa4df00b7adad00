import CNNCalcCore

/// What a layer function builds from its arguments.
struct MATLABLayerBuild: Sendable {
    /// What the layer does.
    var kind: LayerKind
    /// How many inputs it takes (0 for an input layer).
    var inputCount = 1
    /// A size the call declares for the input.
    var declaredInput: DeclaredInput?
    /// For `concatenationLayer`, the dimension it joins along.
    var concatenationDimension: Int?
}

/// A Deep Learning Toolbox layer function: its signature and how it maps onto a CNNCalc layer.
struct MATLABLayerFunction: Sendable {
    /// The function's name: `convolution2dLayer`.
    var name: String
    /// The name MATLAB gives an unnamed layer it makes: `conv`.
    var defaultName: String
    /// Its positional parameters, the required ones first.
    var parameters: [MATLABParameter]
    /// The name-value arguments it reads or accepts (besides `Name`, which every one takes).
    var names: [String]
    /// A call for messages: `convolution2dLayer(5,20)`.
    var example: String
    /// The layer its checked arguments describe.
    var build: @Sendable (MATLABLayerArguments) throws(CNNCalcError) -> MATLABLayerBuild

    /// The layer a call with `arguments`, written at `location`, creates.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` at the offending argument.
    func layer(arguments: [MATLABEvaluatedArgument], at location: SourceLocation) throws(CNNCalcError) -> MATLABLayer {
        let checked = try MATLABLayerArguments(
            function: name, location: location, arguments: arguments, parameters: parameters, names: names, example: example)
        let built = try build(checked)
        return MATLABLayer(
            function: name, name: try checked.layerName(), defaultName: defaultName, kind: built.kind,
            inputCount: built.inputCount, location: location, declaredInput: built.declaredInput,
            concatenationDimension: built.concatenationDimension)
    }
}

/// Every layer function CNNCalc reads, by name.
enum MATLABLayerFunctions {
    /// The functions, by their MATLAB names.
    static let all: [String: MATLABLayerFunction] = {
        var table: [String: MATLABLayerFunction] = [:]
        for function in inputs + convolutions + poolings + recurrent + others {
            table[function.name] = function
        }
        return table
    }()

    /// Name-value arguments of layers with weights that set how they are initialized or
    /// trained; they change no shape or count, so they are read and left aside.
    static let trainingOptions = [
        "WeightsInitializer", "BiasInitializer", "Weights", "Bias",
        "WeightLearnRateFactor", "BiasLearnRateFactor", "WeightL2Factor", "BiasL2Factor",
    ]

    /// A required positional parameter.
    static func required(_ name: String, acceptsText: Bool = false) -> MATLABParameter {
        MATLABParameter(name: name, isRequired: true, acceptsText: acceptsText)
    }

    /// An optional positional parameter.
    static func optional(_ name: String) -> MATLABParameter {
        MATLABParameter(name: name, isRequired: false)
    }

    /// A function of no positional parameter that builds `kind`.
    static func plain(_ name: String, _ defaultName: String, _ kind: LayerKind, names: [String] = []) -> MATLABLayerFunction {
        MATLABLayerFunction(name: name, defaultName: defaultName, parameters: [], names: names, example: "\(name)()") { _ throws(CNNCalcError) in
            MATLABLayerBuild(kind: kind)
        }
    }
}

extension MATLABLayerArguments {
    /// The sizes given for `name`, or `fallback` when the call does not give it.
    func sizes(option name: String, rank: Int, fallback: [Int]) throws(CNNCalcError) -> [Int] {
        guard let argument = option(name) else { return fallback }
        return try sizes(argument, what: "'\(name)'", rank: rank, example: "'\(name)',2")
    }

    /// A size declared with `name` (`'NumChannels',3`); `nil` for none or `'auto'`. What it is
    /// compared with follows from the layer (see ``DeclaredInput``): all the values of a map a
    /// fully connected layer flattens, else the channels or features.
    func declaredSize(_ name: String) throws(CNNCalcError) -> DeclaredInput? {
        guard let argument = option(name) else { return nil }
        if let text = argument.value.text, text.lowercased() == "auto" { return nil }
        guard case .numbers = argument.value else {
            throw mismatch(argument, what: "'\(name)'", expected: "'auto' or a positive whole number", example: "'\(name)','auto'")
        }
        return DeclaredInput(name, try count(argument, what: "'\(name)'", example: "'\(name)','auto'"), isNameValuePair: true)
    }

    /// An error unless the boolean `name` is absent or false: the layer would have outputs or inputs CNNCalc does not read.
    func refuseTrue(_ name: String, because reason: String) throws(CNNCalcError) {
        guard let argument = option(name), try boolean(argument, what: "'\(name)'") else { return }
        throw CNNCalcError(.badArgument, "\(function): '\(name)',true \(reason), which CNNCalc does not read",
                           fix: "remove '\(name)' to count the layer", location: argument.location)
    }
}
