import CNNCalcCore

/// Lasagne's nonlinearities (`lasagne.nonlinearities`) as CNNCalc activations.
enum LasagneNonlinearity {
    /// The functions by their Lasagne names; `nil` entries are the identity.
    static let functions: [String: Activation.Function?] = [
        "rectify": .relu, "sigmoid": .sigmoid, "tanh": .tanh, "softmax": .softmax, "elu": .elu(alpha: 1),
        "softplus": .softplus, "selu": .selu, "leaky_rectify": .leakyReLU(alpha: 0.01),
        "very_leaky_rectify": .leakyReLU(alpha: 1.0 / 3.0), "linear": nil, "identity": nil, "ScaledTanH": .tanh,
        "ScaledTanh": .tanh, "LeakyRectify": .leakyReLU(alpha: 0.01), "SELU": .selu, "ultra_fast_sigmoid": .sigmoid,
        "hard_sigmoid": .hardSigmoid,
    ]

    /// Whether `value` is Lasagne's identity (`None`, `linear`, `identity`).
    static func isIdentity(_ value: PythonValue) -> Bool {
        if case .none = value { return true }
        guard let name = value.symbolName else { return false }
        return name == "linear" || name == "identity"
    }

    /// The activation `value` names, `nil` for the identity.
    static func function(_ value: PythonValue, at location: SourceLocation) throws(CNNCalcError) -> Activation.Function? {
        switch value {
        case .none:
            return nil
        case .call("LeakyRectify", let arguments):
            if case .real(let leakiness)? = arguments.first { return .leakyReLU(alpha: leakiness) }
            if case .integer(let leakiness)? = arguments.first { return .leakyReLU(alpha: Double(leakiness)) }
            return .leakyReLU(alpha: 0.01)
        case .call(let name, _):
            if let known = functions[name] { return known }
        default:
            if let name = value.symbolName, let known = functions[name] { return known }
        }
        let names = functions.keys.filter { $0.first?.isLowercase == true }.sorted()
        throw CNNCalcError(
            .badArgument, "nonlinearity \(value.text) is not one CNNCalc knows",
            fix: EditDistance.didYouMean(value.symbolName ?? value.text, among: names) ?? "use one of \(names.joined(separator: ", "))",
            location: location)
    }
}
