import CNNCalc

/// The query of an analysis request: the source's name and the command's report options.
///
///     POST /api/analyze?name=net.cnn&convention=pytorch&layout=chw&dtype=fp16&batch=8
///
/// Each parameter is the command-line option of the same name (`--convention`, `--layout`,
/// `--dtype`, `--batch`, `--optimizer`, `--macs`, `--input`, `--dim`); a zoo model also takes
/// `classes`, `notop` and `width`. An unknown parameter or value is refused with status 400.
struct AnalysisQuery: Sendable {
    /// The parameters an analysis accepts.
    static let parameters = ["name", "convention", "layout", "dtype", "batch", "optimizer", "macs", "input", "dim", "classes", "notop", "width"]

    /// The source's name: the last component of the name sent, used to choose a reader and in
    /// errors, never as a path.
    var name = "editor.cnn"
    var convention: Convention?
    var layout: Layout?
    var dataType: DataType = .fp32
    var batch = 1
    var optimizer: Optimizer = .adam
    var macs: RenderOptions.MACDefinition = .cnncalc
    /// One example's input sizes as written (`3x224x224`), for a model printed by PyTorch or a zoo model.
    var input: [Int]?
    /// Numbers for open sizes, by name (`dim=seq=128`).
    var bindings: [String: Int] = [:]
    var classes: Int?
    var includesTop = true
    var width: Double?

    /// The render options these parameters ask for.
    var renderOptions: RenderOptions {
        RenderOptions(layout: layout, dataType: dataType, optimizer: optimizer, macs: macs)
    }

    /// Reads the query of `request`.
    ///
    /// - Throws: ``ServerError`` with status 400 naming the parameter, the value and the choices.
    init(_ request: ServerRequest) throws(ServerError) {
        var seen: Set<String> = []
        for item in request.query {
            guard Self.parameters.contains(item.name) else {
                throw ServerError(400, "unknown parameter '\(item.name.prefix(100))'", fix: "the parameters are \(Self.parameters.joined(separator: ", "))")
            }
            guard item.name == "dim" || seen.insert(item.name).inserted else {
                throw ServerError(400, "the parameter '\(item.name)' is given twice", fix: "give it once")
            }
            let value = item.value
            switch item.name {
            case "name": name = try Self.sourceName(value)
            case "convention": convention = try Self.choice(value, of: "convention", allowEmpty: true)
            case "layout": layout = try Self.choice(value, of: "layout", allowEmpty: true)
            case "dtype": dataType = try Self.choice(value, of: "dtype") ?? .fp32
            case "optimizer": optimizer = try Self.choice(value, of: "optimizer") ?? .adam
            case "macs": macs = try Self.choice(value, of: "macs") ?? .cnncalc
            case "batch":
                guard let number = Int(value), number >= 1, number <= 1_000_000_000 else {
                    throw ServerError(400, "batch must be a whole number between 1 and 1,000,000,000, not '\(value.prefix(100))'")
                }
                batch = number
            case "input": input = value.isEmpty ? nil : try Self.sizes(value)
            case "dim":
                guard let equals = value.lastIndex(of: "="), equals != value.startIndex,
                      let size = Int(value[value.index(after: equals)...]), size >= 1 else {
                    throw ServerError(400, "dim takes name=size with a whole size of at least 1, e.g. dim=seq%3D128, not '\(value.prefix(100))'")
                }
                let key = String(value[..<equals])
                guard bindings[key] == nil else { throw ServerError(400, "dim gives '\(key)' a size twice") }
                bindings[key] = size
            case "classes":
                guard let number = Int(value), number >= 1 else {
                    throw ServerError(400, "classes must be a positive whole number, not '\(value.prefix(100))'")
                }
                classes = number
            case "notop":
                guard let flag = ["true": true, "1": true, "false": false, "0": false, "": true][value.lowercased()] else {
                    throw ServerError(400, "notop is true or false, not '\(value.prefix(100))'")
                }
                includesTop = !flag
            default:
                guard let number = Double(value), number.isFinite else {
                    throw ServerError(400, "width must be a number such as 0.5, not '\(value.prefix(100))'")
                }
                width = number
            }
        }
    }

    /// The value of a parameter with a fixed set of choices: its enumeration case, or `nil` for
    /// an empty value where the default (the source's own) is allowed.
    private static func choice<T: RawRepresentable & CaseIterable>(
        _ value: String, of parameter: String, allowEmpty: Bool = false
    ) throws(ServerError) -> T? where T.RawValue == String {
        if value.isEmpty && allowEmpty { return nil }
        guard let chosen = T(rawValue: value.lowercased()) else {
            let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ServerError(400, "\(parameter) is one of \(choices)\(allowEmpty ? " (or empty for the source's own)" : ""), not '\(value.prefix(100))'")
        }
        return chosen
    }

    /// Sizes written as `3x224x224` (or with `,`), 1 to 4 of them.
    private static func sizes(_ value: String) throws(ServerError) -> [Int] {
        let parts = value.split(whereSeparator: { "xX×,".contains($0) }).map { $0.filter { !$0.isWhitespace } }
        let sizes = parts.compactMap { Int($0) }
        guard !parts.isEmpty, sizes.count == parts.count, sizes.count <= 4,
              sizes.allSatisfy({ $0 >= 1 && $0 <= CheckedArithmetic.maximumSize }) else {
            throw ServerError(400, "input is 1 to 4 positive sizes joined by x, e.g. 3x224x224, not '\(value.prefix(100))'")
        }
        return sizes
    }

    /// The name a source is known by: the last component of what was sent, without control
    /// characters, at most 200 characters. It picks the reader by its extension and names the
    /// source in errors; nothing ever opens it.
    static func sourceName(_ sent: String) throws(ServerError) -> String {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200).map(Character.init))
        guard !cleaned.isEmpty, cleaned != ".", cleaned != ".." else {
            throw ServerError(400, "name must be a file name such as net.cnn or model.onnx, not '\(sent.prefix(100))'")
        }
        return cleaned
    }
}
