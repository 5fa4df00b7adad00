import CNNCalcCore

/// A value of a network definition, as far as CNNCalc evaluates it.
indirect enum PythonValue: Sendable {
    case integer(Int)
    case real(Double)
    case string(String)
    case boolean(Bool)
    case none
    case tuple([PythonValue])
    case list([PythonValue])
    case dictionary([(key: PythonValue, value: PythonValue)])
    /// A name CNNCalc does not evaluate, fully qualified when an import says so:
    /// `lasagne.nonlinearities.softmax`, `lasagne.layers.Conv2DLayer`, `adam`.
    case symbol(String)
    /// The result of a call that makes no layer, kept for arguments such as `LeakyRectify(0.1)`.
    case call(String, [PythonValue])
    /// A layer, by its index among the layers made so far.
    case layer(Int)
    /// A nolearn `NeuralNet`, by its index among the nets made so far.
    case net(Int)
    /// Anything else: the result of arithmetic on names, an attribute of a layer.
    case opaque

    /// The last part of a symbol's dotted name: `softmax` for `lasagne.nonlinearities.softmax`.
    var symbolName: String? {
        if case .symbol(let dotted) = self { return String(dotted.split(separator: ".").last ?? Substring(dotted)) }
        return nil
    }

    /// The items of a tuple or a list.
    var items: [PythonValue]? {
        switch self {
        case .tuple(let items), .list(let items): items
        default: nil
        }
    }

    /// How the value reads in a message.
    var text: String {
        switch self {
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .string(let value): "'\(value)'"
        case .boolean(let value): value ? "True" : "False"
        case .none: "None"
        case .tuple(let items): "(" + items.map(\.text).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .dictionary: "a dictionary"
        case .symbol(let dotted): dotted
        case .call(let name, _): "\(name)(...)"
        case .layer: "a layer"
        case .net: "a NeuralNet"
        case .opaque: "a computed value"
        }
    }
}
