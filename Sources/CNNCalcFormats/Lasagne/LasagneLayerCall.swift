import CNNCalcCore

/// One Lasagne layer as the definition creates it: its class, its arguments by parameter name,
/// the layers feeding it, and where it was written.
struct LasagneLayerCall: Sendable {
    /// The class as Lasagne names it, aliases resolved: `Conv2DLayer`, `Conv2DDNNLayer`.
    var className: String
    /// The arguments by parameter name, positional ones included; `incoming`/`incomings` excluded.
    var arguments: [String: PythonValue]
    /// The layers feeding this one, by index, in order.
    var inputs: [Int]
    /// Where the call (or the nolearn list entry) was written.
    var location: SourceLocation

    /// The layer's own name (`name='conv1'`), when given.
    var name: String? {
        if case .string(let name)? = arguments["name"] { return name }
        return nil
    }

    /// The name nolearn gives a layer without one: the class in lower case without "layer",
    /// followed by the layer's position (`conv2d1`, `maxpool2d2`).
    func defaultName(index: Int) -> String {
        className.lowercased().replacing("layer", with: "") + String(index)
    }
}

/// The parameters of a Lasagne layer class, in the order its constructor takes them.
struct LasagneSignature: Sendable {
    /// Parameter names in positional order, the incoming layer(s) first.
    var parameters: [String]
    /// The parameters without a default value.
    var required: [String]

    /// Whether the layer merges several inputs (`incomings`).
    var mergesInputs: Bool { parameters.first == "incomings" }
}
