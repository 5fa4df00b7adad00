import CNNCalcCore

/// An expression of the Python subset that network definitions use, with where it was written.
indirect enum PythonExpression: Sendable {
    /// A name: `l_in`, `softmax`, `None`, `True`.
    case name(String, SourceLocation)
    case integer(Int, SourceLocation)
    case real(Double, SourceLocation)
    case string(String, SourceLocation)
    /// `(a, b)`: a tuple.
    case tuple([PythonExpression], SourceLocation)
    /// `[a, b]`: a list.
    case list([PythonExpression], SourceLocation)
    /// `{'a': 1}`: a dictionary, keys in order.
    case dictionary([(key: PythonExpression, value: PythonExpression)], SourceLocation)
    /// `base.name`.
    case attribute(PythonExpression, String, SourceLocation)
    /// `callee(arguments, keyword=value)`.
    case call(PythonExpression, [PythonExpression], [(name: String, value: PythonExpression)], SourceLocation)
    /// `base[index]`: an item of a dictionary or list.
    case item(PythonExpression, PythonExpression, SourceLocation)
    /// `-a`, `+a`.
    case unary(String, PythonExpression, SourceLocation)
    /// `a * b` and the other arithmetic operators.
    case binary(String, PythonExpression, PythonExpression, SourceLocation)

    /// Where the expression starts.
    var location: SourceLocation {
        switch self {
        case .name(_, let at), .integer(_, let at), .real(_, let at), .string(_, let at), .tuple(_, let at),
             .list(_, let at), .dictionary(_, let at), .attribute(_, _, let at), .call(_, _, _, let at),
             .item(_, _, let at), .unary(_, _, let at), .binary(_, _, _, let at):
            at
        }
    }

    /// `lasagne.layers.Conv2DLayer` for a dotted name, `nil` for anything else.
    var dottedName: String? {
        switch self {
        case .name(let name, _): name
        case .attribute(let base, let name, _): base.dottedName.map { "\($0).\(name)" }
        default: nil
        }
    }
}

/// One statement of a network definition.
enum PythonStatement: Sendable {
    /// `target = value`, where target is a name (`l`) or an item (`net['conv1']`).
    case assignment(targets: [PythonExpression], value: PythonExpression)
    /// `import a.b as c`, `from a.b import c as d`: the local name and the dotted name it stands for.
    case imports([(local: String, dotted: String)])
    /// `return value`, which names a function's output layer.
    case returning(PythonExpression)
    /// A statement evaluated for its effect only (`net.fit(X, y)`), which CNNCalc ignores.
    case expression(PythonExpression)
}
