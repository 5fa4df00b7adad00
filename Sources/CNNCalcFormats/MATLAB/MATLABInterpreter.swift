import CNNCalcCore

/// Runs MATLAB statements: keeps variables, evaluates expressions, calls layer functions and the
/// graph functions, and remembers the network the text builds.
///
/// The network is the last layer graph or `dlnetwork` a statement produces, or, when the text
/// builds none, the last layer array.
struct MATLABInterpreter {
    /// The variables assigned so far.
    private(set) var variables: [String: MATLABValue] = [:]
    /// The last layer graph or `dlnetwork` a statement produced, and where it was written.
    private(set) var lastGraph: (graph: MATLABGraph, location: SourceLocation)?
    /// The last layer array a statement produced, and where it was written.
    private(set) var lastArray: (layers: [MATLABLayer], location: SourceLocation)?
    /// How much the operations so far have built: numbers, and four for each layer.
    private var work = 0

    /// The most the operations of one text may build: far beyond any layer definition (a graph of
    /// 2,000 layers built with 1,500 `addLayers` and `connectLayers` calls builds about 6,000,000),
    /// and small enough that a text that keeps copying large arrays ends within a second with an error.
    static let maximumWork = 20_000_000

    /// Runs one statement.
    ///
    /// - Throws: ``CNNCalcError`` at the part of the statement that cannot be evaluated.
    mutating func run(_ statement: MATLABStatement) throws(CNNCalcError) {
        switch statement {
        case .assignment(let name, _, let expression):
            let value = try evaluate(expression)
            if case .nothing = value {
                throw CNNCalcError(.badArgument, "this call returns nothing to assign to '\(name)'",
                                   fix: "call it without 'name ='", location: expression.location)
            }
            variables[name] = value
            remember(value, at: expression.location)
        case .expression(let expression):
            remember(try evaluate(expression), at: expression.location)
        case .command:
            break
        }
    }

    private mutating func remember(_ value: MATLABValue, at location: SourceLocation) {
        switch value {
        case .graph(let graph): lastGraph = (graph, location)
        case .layers(let layers): lastArray = (layers, location)
        default: break
        }
    }

    // MARK: - Expressions

    /// The value of `expression`.
    mutating func evaluate(_ expression: MATLABExpression) throws(CNNCalcError) -> MATLABValue {
        let value = try compute(expression)
        switch expression {
        case .number, .text, .name: break
        default: try spend(value, at: expression.location)
        }
        return value
    }

    /// Counts what building `value` cost, and stops a text that builds too much.
    private mutating func spend(_ value: MATLABValue, at location: SourceLocation) throws(CNNCalcError) {
        // A layer costs more to copy than a number: it holds names and a configuration.
        let size = switch value {
        case .numbers(let matrix): matrix.values.count
        case .layers(let layers): 4 * layers.count
        case .graph(let graph): 4 * graph.layers.count
        case .list(let values): values.count
        case .text(let text, _): text.utf8.count
        case .nothing: 0
        }
        work += max(size, 1)
        if work > Self.maximumWork {
            throw CNNCalcError(
                .badArgument, "the text builds more than 20,000,000 values in all, far more than a layer definition needs",
                fix: "check for a statement repeated by mistake", location: location)
        }
    }

    private mutating func compute(_ expression: MATLABExpression) throws(CNNCalcError) -> MATLABValue {
        switch expression {
        case .number(let value, _):
            return .numbers(MATLABMatrix(scalar: value))
        case .text(let text, let isString, _):
            return .text(text, isString: isString)
        case .name(let name, let location):
            if let value = variables[name] { return value }
            return try call(name, at: location, arguments: [])
        case .call(let name, let location, let arguments):
            // As MATLAB does, an unknown name is reported before its arguments are looked at.
            if variables[name] == nil && MATLABLayerFunctions.all[name] == nil && !MATLABBuiltins.names.contains(name) {
                throw unknown(name, at: location, isCall: true)
            }
            var values: [MATLABEvaluatedArgument] = []
            for argument in arguments {
                values.append(MATLABEvaluatedArgument(
                    name: argument.name, nameLocation: argument.nameLocation,
                    value: try evaluate(argument.value), location: argument.value.location))
            }
            if let variable = variables[name] { return try index(variable, named: name, by: values, at: location) }
            return try call(name, at: location, arguments: values)
        case .matrix(let rows, let location):
            return try concatenate(rows, at: location)
        case .cell(let rows, _):
            var values: [MATLABValue] = []
            for row in rows {
                for element in row { values.append(try evaluate(element)) }
            }
            return .list(values)
        case .unary(let operation, let operand, let location):
            let value = try evaluate(operand)
            return .numbers(MATLABArithmetic.negated(try numbers(value, for: "'\(operation)'", at: location), operation))
        case .binary(let operation, let left, let right, let location):
            let leftValue = try numbers(try evaluate(left), for: "'\(operation)'", at: left.location)
            let rightValue = try numbers(try evaluate(right), for: "'\(operation)'", at: right.location)
            return .numbers(try MATLABArithmetic.binary(operation, leftValue, rightValue, at: location))
        case .range(let first, let step, let last, let location):
            let start = try numbers(try evaluate(first), for: "a range", at: first.location)
            var increment: MATLABMatrix?
            if let step { increment = try numbers(try evaluate(step), for: "a range", at: step.location) }
            let end = try numbers(try evaluate(last), for: "a range", at: last.location)
            return .numbers(try MATLABArithmetic.range(first: start, step: increment, last: end, at: location))
        }
    }

    private func numbers(_ value: MATLABValue, for what: String, at location: SourceLocation) throws(CNNCalcError) -> MATLABMatrix {
        guard case .numbers(let matrix) = value else {
            throw CNNCalcError(.badArgument, "\(what) needs numbers, but this is \(value.described)",
                               fix: "use numbers here", location: location)
        }
        return matrix
    }

    /// `variable(indices)`: values of a numeric array, or layers of a layer array.
    private func index(
        _ value: MATLABValue, named name: String, by arguments: [MATLABEvaluatedArgument], at location: SourceLocation
    ) throws(CNNCalcError) -> MATLABValue {
        guard arguments.count == 1, let argument = arguments.first, argument.name == nil, case .numbers(let indices) = argument.value else {
            throw CNNCalcError(.badArgument, "'\(name)' is a variable; it can be indexed with one vector of positions, such as \(name)(1:2)",
                               fix: "write \(name)(1), \(name)(1:2) or \(name)([1 3])", location: location)
        }
        switch value {
        case .numbers(let matrix):
            return .numbers(try MATLABArithmetic.index(matrix, indices, at: argument.location))
        case .layers(let layers):
            let positions = MATLABMatrix(rows: 1, columns: layers.count, values: layers.indices.map { Double($0 + 1) })
            let chosen = try MATLABArithmetic.index(positions, indices, at: argument.location)
            return .layers(chosen.values.map { layers[Int($0) - 1] })
        default:
            throw CNNCalcError(.badArgument, "'\(name)' is \(value.described), which cannot be indexed",
                               fix: "index a vector or a layer array", location: location)
        }
    }

    /// `[ ... ]`: numbers joined into an array, layer arrays into one layer array, texts into one text.
    private mutating func concatenate(_ rows: [[MATLABExpression]], at location: SourceLocation) throws(CNNCalcError) -> MATLABValue {
        var values: [[(value: MATLABValue, location: SourceLocation)]] = []
        for row in rows {
            var evaluated: [(value: MATLABValue, location: SourceLocation)] = []
            for element in row { evaluated.append((try evaluate(element), element.location)) }
            values.append(evaluated)
        }
        let flat = values.flatMap { $0 }
        let hasLayers = flat.contains { if case .layers = $0.value { true } else { false } }
        if hasLayers {
            var layers: [MATLABLayer] = []
            for element in flat {
                switch element.value {
                case .layers(let more): layers += more
                case .numbers(let matrix) where matrix.values.isEmpty: break
                default:
                    throw CNNCalcError(
                        .badArgument, "a layer array can hold only layers, but this is \(element.value.described)",
                        fix: "put layer functions such as reluLayer in the brackets", location: element.location)
                }
            }
            return .layers(layers)
        }
        if flat.contains(where: { $0.value.text != nil }) {
            var texts: [(String, Bool)] = []
            for element in flat {
                guard case .text(let text, let isString) = element.value else {
                    throw CNNCalcError(.badArgument, "texts and \(element.value.described) cannot be joined",
                                       fix: "join texts with texts only", location: element.location)
                }
                texts.append((text, isString))
            }
            if texts.contains(where: { $0.1 }) { return .list(texts.map { .text($0.0, isString: true) }) }
            return .text(texts.map(\.0).joined(), isString: false)
        }
        var matrices: [[MATLABMatrix]] = []
        for row in values {
            var matrixRow: [MATLABMatrix] = []
            for element in row {
                guard case .numbers(let matrix) = element.value else {
                    throw CNNCalcError(.badArgument, "brackets cannot join \(element.value.described)",
                                       fix: "join numbers with numbers and layers with layers", location: element.location)
                }
                matrixRow.append(matrix)
            }
            matrices.append(matrixRow)
        }
        return .numbers(try MATLABArithmetic.concatenate(matrices, at: location))
    }

    // MARK: - Functions

    /// The value of calling `name`: a layer function, a graph function, or one of a few numeric functions.
    private func call(_ name: String, at location: SourceLocation, arguments: [MATLABEvaluatedArgument]) throws(CNNCalcError) -> MATLABValue {
        if let function = MATLABLayerFunctions.all[name] {
            return .layers([try function.layer(arguments: arguments, at: location)])
        }
        if let value = try MATLABBuiltins.value(of: MATLABBuiltins.Call(name: name, location: location, arguments: arguments)) {
            return value
        }
        throw unknown(name, at: location, isCall: !arguments.isEmpty)
    }

    private func unknown(_ name: String, at location: SourceLocation, isCall: Bool) -> CNNCalcError {
        if MATLABBuiltins.running.contains(name) {
            return CNNCalcError(
                .unknownLayer, "\(name) trains or runs a network, which CNNCalc does not do",
                fix: "remove this statement: CNNCalc counts the layers defined before it", location: location)
        }
        let candidates = Array(MATLABLayerFunctions.all.keys) + Array(MATLABBuiltins.names) + Array(variables.keys)
        let near = EditDistance.didYouMean(name, among: candidates.sorted())
        if name.hasSuffix("Layer") {
            return CNNCalcError(
                .unknownLayer, "unknown layer function '\(name)'",
                fix: near ?? "CNNCalc reads these layer functions: \(MATLABLayerFunctions.all.keys.sorted().joined(separator: ", "))",
                location: location)
        }
        if isCall || near != nil || variables.isEmpty {
            return CNNCalcError(
                .unknownLayer, "unknown function or variable '\(name)'",
                fix: near ?? "assign it first (e.g. \(name) = 20;), or use a layer function such as convolution2dLayer",
                location: location)
        }
        return CNNCalcError(
            .unknownLayer, "unknown variable '\(name)'", fix: "assign it before this statement, e.g. \(name) = 20;", location: location)
    }
}
