import CNNCalcCore

/// The printed arguments of one module bound to the names of its constructor, with typed reads.
///
/// `Conv2d(1, 32, kernel_size=(5, 5))` binds `in_channels=1`, `out_channels=32` and
/// `kernel_size=(5, 5)`; every read names the module and the argument when the value is
/// missing or of the wrong type, and every printed name must be one the module takes.
struct ModuleArguments {
    /// The module the arguments belong to.
    let module: PrintedModule
    private var values: [String: PrintedValue] = [:]
    private var nameLocations: [String: SourceLocation] = [:]

    /// Binds the module's printed arguments to `signature`, the names of its arguments in
    /// positional order.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for more positional values than the
    ///   module takes or a name it does not take (with the nearest names).
    init(_ module: PrintedModule, signature: [String]) throws(CNNCalcError) {
        self.module = module
        let printed = module.arguments
        guard printed.positional.count <= signature.count else {
            let extra = printed.positional[signature.count]
            throw CNNCalcError(
                .badArgument,
                "\(module.typeName) takes at most \(signature.count) unnamed argument\(signature.count == 1 ? "" : "s") (\(signature.prefix(3).joined(separator: ", "))), but '\(extra.text)' is one more",
                fix: "write it as name=value, as print(model) does", location: extra.location, layerName: module.path)
        }
        for (name, value) in zip(signature, printed.positional) {
            values[name] = value
            nameLocations[name] = value.location
        }
        for argument in printed.named {
            guard signature.contains(argument.name) else {
                let hint = EditDistance.didYouMean(argument.name, among: signature)
                    ?? "\(module.typeName) takes \(signature.joined(separator: ", "))"
                throw CNNCalcError(
                    .badArgument, "\(module.typeName) has no argument '\(argument.name)'",
                    fix: hint, location: argument.location, layerName: module.path)
            }
            guard values[argument.name] == nil else {
                throw CNNCalcError(
                    .badArgument, "\(argument.name) is given twice, once without its name",
                    fix: "keep one", location: argument.location, layerName: module.path)
            }
            values[argument.name] = argument.value
            nameLocations[argument.name] = argument.location
        }
    }

    /// The value of `name`, if printed.
    func value(_ name: String) -> PrintedValue? { values[name] }

    /// Where `name` (or its value, when unnamed) is written, else the module.
    func location(of name: String) -> SourceLocation { nameLocations[name] ?? module.location }

    private func error(_ name: String, _ problem: String, fix: String) -> CNNCalcError {
        CNNCalcError(.badArgument, problem, fix: fix, location: location(of: name), layerName: module.path)
    }

    private func required(_ name: String, example: String) throws(CNNCalcError) -> PrintedValue {
        guard let value = values[name] else {
            throw CNNCalcError(
                .badArgument, "\(module.typeName) needs \(name), which the text does not give",
                fix: "print(model) always writes it: paste its line unchanged, e.g. with \(example)",
                location: module.location, layerName: module.path)
        }
        return value
    }

    /// A whole number of at least `minimum`.
    func integer(_ name: String, default fallback: Int? = nil, minimum: Int = 1, example: String) throws(CNNCalcError) -> Int {
        guard let value = values[name] else {
            if let fallback { return fallback }
            _ = try required(name, example: example)
            return 0
        }
        guard let number = value.integer else {
            throw error(name, "\(name) must be a whole number, not '\(value.text)'", fix: "write e.g. \(example)")
        }
        guard number >= minimum else {
            throw error(name, "\(name)=\(number) must be at least \(minimum)", fix: "write e.g. \(example)")
        }
        return number
    }

    /// One whole number per axis (a tuple) or one for all axes, each at least `minimum`.
    func sizes(_ name: String, default fallback: [Int]? = nil, minimum: Int = 1, example: String) throws(CNNCalcError) -> [Int] {
        guard let value = values[name] else {
            if let fallback { return fallback }
            _ = try required(name, example: example)
            return []
        }
        var result: [Int] = []
        for item in value.items {
            guard let number = item.integer else {
                throw error(name, "\(name) must be a whole number or a tuple of them, not '\(value.text)'", fix: "write e.g. \(example)")
            }
            guard number >= minimum else {
                throw error(name, "\(name)=\(value.text) must be at least \(minimum)", fix: "write e.g. \(example)")
            }
            result.append(number)
        }
        guard !result.isEmpty else {
            throw error(name, "\(name)=\(value.text) is empty", fix: "write e.g. \(example)")
        }
        return result
    }

    /// `True` or `False`.
    func boolean(_ name: String, default fallback: Bool) throws(CNNCalcError) -> Bool {
        guard let value = values[name] else { return fallback }
        guard case .boolean(let flag) = value.content else {
            throw error(name, "\(name) must be True or False, not '\(value.text)'", fix: "write \(name)=True or \(name)=False")
        }
        return flag
    }

    /// A number in `range`.
    func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>? = nil, example: String) throws(CNNCalcError) -> Double {
        guard let value = values[name] else { return fallback }
        guard let number = value.number else {
            throw error(name, "\(name) must be a number, not '\(value.text)'", fix: "write e.g. \(example)")
        }
        if let range, !range.contains(number) {
            throw error(name, "\(name)=\(value.text) is outside [\(range.lowerBound), \(range.upperBound)]", fix: "write e.g. \(example)")
        }
        return number
    }

    /// A word among `choices` (quoted or not).
    func word(_ name: String, default fallback: String, among choices: [String]) throws(CNNCalcError) -> String {
        guard let value = values[name] else { return fallback }
        guard case .word(let word) = value.content, choices.contains(word) else {
            let hint = EditDistance.didYouMean(value.text.trimmingQuotes, among: choices) ?? "\(name) is one of \(choices.joined(separator: ", "))"
            throw error(name, "\(module.typeName) cannot read \(name)=\(value.text)", fix: hint)
        }
        return word
    }

    /// Refuses `name` unless it is absent or equal to `allowed`, naming the reason.
    func refuse(_ name: String, unless allowed: (PrintedValue) -> Bool, because reason: String) throws(CNNCalcError) {
        guard let value = values[name], !allowed(value) else { return }
        throw CNNCalcError(
            .badArgument, "\(module.typeName) with \(name)=\(value.text) is not supported: \(reason)",
            fix: "analyse the model without it, or describe it in the .cnn format", location: location(of: name), layerName: module.path)
    }

    /// The declared input size `name` read as a whole number, for ``Layer/declaredInput``.
    func declaredInput(_ name: String, example: String) throws(CNNCalcError) -> DeclaredInput {
        DeclaredInput(name, try integer(name, example: example), location: location(of: name))
    }
}

extension String {
    /// The text without one pair of surrounding quotes.
    var trimmingQuotes: String {
        guard count >= 2, let first, first == "'" || first == "\"", last == first else { return self }
        return String(dropFirst().dropLast())
    }
}
