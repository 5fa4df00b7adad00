import CNNCalcCore

/// An argument of a call after evaluation, with where it was written.
struct MATLABEvaluatedArgument: Sendable {
    /// The name of a `Name=Value` argument, or `nil`.
    var name: String?
    /// Where that name is written.
    var nameLocation: SourceLocation?
    /// The value.
    var value: MATLABValue
    /// Where the value is written.
    var location: SourceLocation
}

/// A positional parameter of a layer function, as its reference page names it.
struct MATLABParameter: Sendable {
    /// The name in the syntax line: `filterSize`.
    var name: String
    /// Whether the call must give it.
    var isRequired: Bool
    /// Whether a text can be its value (`'channel-wise'` for `numGroups`) even when it is spelled
    /// like a name-value name; otherwise such a text ends the positional arguments.
    var acceptsText = false
}

/// The arguments of one layer-function call, split into positional values and name-value pairs,
/// with every name checked against what the function takes.
///
/// MATLAB writes the positional arguments first, then pairs `'Stride',2` (or `Stride=2`).
/// Names ignore case, as MATLAB's do.
struct MATLABLayerArguments {
    /// The function called.
    let function: String
    /// Where the call starts.
    let location: SourceLocation
    /// The positional arguments given, in order.
    let positional: [MATLABEvaluatedArgument]
    /// The value of each name given, by the name as the function spells it; the last one wins, as in MATLAB.
    let options: [String: MATLABEvaluatedArgument]
    /// A call written as an example in messages: `convolution2dLayer(5,20)`.
    let example: String

    /// Splits and checks `arguments` of a call to `function`.
    ///
    /// - Parameters:
    ///   - parameters: the positional parameters, the required ones first.
    ///   - names: the name-value names the function reads or accepts, as its reference page spells them.
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for a missing positional argument, one too
    ///   many, a name the function does not take (with the nearest ones), or a name without a value.
    init(
        function: String, location: SourceLocation, arguments: [MATLABEvaluatedArgument],
        parameters: [MATLABParameter], names: [String], example: String
    ) throws(CNNCalcError) {
        self.function = function
        self.location = location
        self.example = example
        let names = ["Name"] + names
        func canonical(_ text: String) -> String? { names.first { $0.lowercased() == text.lowercased() } }

        var positional: [MATLABEvaluatedArgument] = []
        var index = 0
        while index < arguments.count, index < parameters.count {
            let argument = arguments[index]
            if argument.name != nil { break }
            // A name such as 'Stride' ends the positional arguments, unless a text is what this one takes
            // ('channel-wise'); any other text is taken, so that its type is reported where it is.
            if let text = argument.value.text, canonical(text) != nil {
                let parameter = parameters[index]
                if !(parameter.isRequired && parameter.acceptsText) { break }
            }
            positional.append(argument)
            index += 1
        }
        let required = parameters.filter(\.isRequired)
        if positional.count < required.count {
            let missing = required[positional.count...].map(\.name)
            let given = positional.isEmpty ? "none is given" : "only \(Listing.and(required[..<positional.count].map(\.name))) \(positional.count == 1 ? "is" : "are") given"
            throw CNNCalcError(
                .badArgument,
                "\(function) needs \(Listing.and(required.map(\.name))), but \(given)",
                fix: "give \(Listing.and(missing)) too, e.g. \(example)", location: location)
        }

        var options: [String: MATLABEvaluatedArgument] = [:]
        while index < arguments.count {
            let argument = arguments[index]
            if let name = argument.name, let nameLocation = argument.nameLocation {
                guard let known = canonical(name) else {
                    throw Self.unknownName(name, function: function, names: names, at: nameLocation)
                }
                options[known] = argument
                index += 1
                continue
            }
            guard let name = argument.value.text else {
                let taken = parameters.isEmpty
                    ? "\(function) takes no positional arguments"
                    : "\(function) takes \(parameters.count) positional argument\(parameters.count == 1 ? "" : "s") (\(Listing.and(parameters.map(\.name))))"
                throw CNNCalcError(
                    .badArgument,
                    "expected a name-value name such as 'Name' here, found \(argument.value.described); \(taken)",
                    fix: "remove the extra argument, or write it as a name-value pair such as \(function)(..., 'Name','layer1')",
                    location: argument.location)
            }
            guard let known = canonical(name) else {
                throw Self.unknownName(name, function: function, names: names, at: argument.location)
            }
            guard index + 1 < arguments.count, arguments[index + 1].name == nil else {
                throw CNNCalcError(
                    .badArgument, "the name '\(known)' has no value after it",
                    fix: "give its value, e.g. '\(known)',value", location: argument.location)
            }
            options[known] = arguments[index + 1]
            index += 2
        }
        self.positional = positional
        self.options = options
    }

    private static func unknownName(_ name: String, function: String, names: [String], at location: SourceLocation) -> CNNCalcError {
        let hint = EditDistance.didYouMean(name, among: names)
            ?? "it takes \(Listing.and(names.map { "'\($0)'" }))"
        return CNNCalcError(
            .badArgument, "\(function) has no name-value argument \(MATLABToken.quote(name))", fix: hint, location: location)
    }

    /// The positional argument at `index`, or `nil` when the call does not give it.
    func positional(_ index: Int) -> MATLABEvaluatedArgument? {
        index < positional.count ? positional[index] : nil
    }

    /// The value given for `name` (spelled as the function spells it), or `nil`.
    func option(_ name: String) -> MATLABEvaluatedArgument? {
        options[name]
    }

    /// The `'Name'` given, or `nil` for none or an empty one.
    func layerName() throws(CNNCalcError) -> String? {
        guard let argument = option("Name") else { return nil }
        guard let name = argument.value.text else {
            throw mismatch(argument, what: "'Name'", expected: "a text", example: "'Name','conv1'")
        }
        return name.isEmpty ? nil : name
    }

    /// The error for an argument whose value is not of the kind `what` takes.
    func mismatch(_ argument: MATLABEvaluatedArgument, what: String, expected: String, example: String) -> CNNCalcError {
        CNNCalcError(
            .badArgument, "\(function): \(what) must be \(expected), found \(argument.value.described)",
            fix: "write e.g. \(example)", location: argument.location)
    }
}
