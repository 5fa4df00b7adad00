import CNNCalcCore

/// Reads the arguments of one Lasagne layer call as numbers, sizes and flags, with errors
/// that name the layer, the argument and the value.
struct LasagneArguments {
    let call: LasagneLayerCall
    let layerName: String

    private func error(_ argument: String, _ problem: String, fix: String) -> CNNCalcError {
        CNNCalcError(.badArgument, "\(call.className) '\(argument)' \(problem)", fix: fix, location: call.location, layerName: layerName)
    }

    func value(_ name: String) -> PythonValue? {
        call.arguments[name]
    }

    /// A positive whole number.
    func count(_ name: String) throws(CNNCalcError) -> Int? {
        guard let value = value(name) else { return nil }
        guard case .integer(let number) = value else {
            throw error(name, "is \(value.text), not a whole number", fix: "give a whole number such as 32")
        }
        guard number >= 1 else { throw error(name, "is \(number)", fix: "give 1 or more") }
        return number
    }

    /// A whole number of 0 or more.
    func nonNegative(_ name: String) throws(CNNCalcError) -> Int? {
        guard let value = value(name) else { return nil }
        guard case .integer(let number) = value, number >= 0 else {
            throw error(name, "is \(value.text), not a whole number of 0 or more", fix: "give 0 or more")
        }
        return number
    }

    /// A number, whole or not.
    func real(_ name: String) throws(CNNCalcError) -> Double? {
        switch value(name) {
        case nil: return nil
        case .integer(let number)?: return Double(number)
        case .real(let number)?: return number
        case let other?: throw error(name, "is \(other.text), not a number", fix: "give a number such as 0.5")
        }
    }

    /// `True` or `False`.
    func flag(_ name: String) throws(CNNCalcError) -> Bool? {
        switch value(name) {
        case nil: return nil
        case .boolean(let flag)?: return flag
        case .integer(let number)? where number == 0 || number == 1: return number == 1
        case let other?: throw error(name, "is \(other.text), not True or False", fix: "give True or False")
        }
    }

    /// One size per axis: `5` for every axis, or a tuple such as `(5, 3)` of `rank` sizes.
    func sizes(_ name: String, rank: Int, minimum: Int = 1) throws(CNNCalcError) -> [Int]? {
        guard let value = value(name) else { return nil }
        if case .integer(let size) = value {
            guard size >= minimum else { throw error(name, "is \(size)", fix: "give \(minimum) or more") }
            return Array(repeating: size, count: rank)
        }
        guard let items = value.items, items.count == rank else {
            throw error(name, "is \(value.text)", fix: "give one number or a tuple of \(rank)")
        }
        var sizes: [Int] = []
        for item in items {
            guard case .integer(let size) = item, size >= minimum else {
                throw error(name, "has \(item.text), not a whole number of at least \(minimum)", fix: "give whole numbers")
            }
            sizes.append(size)
        }
        return sizes
    }

    /// Whether the layer has a bias: `b=None` removes it.
    var hasBias: Bool {
        if case .none? = value("b") { return false }
        return true
    }

    /// The layer's activation; Lasagne's default for layers that take one is `rectify`.
    func nonlinearity(default fallback: String = "rectify") throws(CNNCalcError) -> Activation.Function? {
        try LasagneNonlinearity.function(value("nonlinearity") ?? .symbol(fallback), at: call.location)
    }

    /// A text value among `choices`.
    func choice(_ name: String, among choices: [String]) throws(CNNCalcError) -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value, choices.contains(text) else {
            throw error(name, "is \(value.text)", fix: "use one of \(choices.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return text
    }

    /// Refuses an argument value CNNCalc cannot count as Lasagne does.
    func refuse(_ name: String, when isRefused: Bool, because reason: String) throws(CNNCalcError) {
        if isRefused { throw error(name, reason, fix: "remove '\(name)' to count the layer with Lasagne's default") }
    }
}
