@_exported import CNNCalcFormats

/// What the JSON schema checks need of ``JSONValue`` beyond the library's accessors.
extension JSONValue {
    /// The JSON type names this value has: an integer is also a `number`.
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .integer: ["integer", "number"]
        case .number(let value): value.rounded() == value ? ["integer", "number"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}
