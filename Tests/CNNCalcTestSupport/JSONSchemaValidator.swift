/// A validator for the subset of JSON Schema (draft 2020-12) that `Schemas/report.schema.json` uses:
/// `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `minimum`,
/// `minItems`, and `$ref` to `#/$defs/...`; `$schema`, `$id`, `$comment`, `title` and `description`
/// are read and ignored.
///
/// Any other keyword makes the schema unusable here (``init(schema:)`` throws), so that a schema
/// never silently means more than this validator checks.
public struct JSONSchemaValidator {
    /// A schema this validator cannot check.
    public struct SchemaError: Error, CustomStringConvertible {
        public var description: String
    }

    static let supported: Set<String> = [
        "$schema", "$id", "$comment", "$defs", "$ref", "title", "description",
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum", "minItems",
    ]

    let root: JSONValue

    /// A validator for `schema`; throws when it uses a keyword outside the subset or a `$ref` that
    /// does not resolve.
    public init(schema: JSONValue) throws {
        root = schema
        try check(schema, path: "#")
    }

    /// Every place where `value` does not match the schema, as `path: problem`; empty when it does.
    public func errors(in value: JSONValue) -> [String] {
        var errors: [String] = []
        validate(value, against: root, path: "$", errors: &errors)
        return errors
    }

    private func check(_ schema: JSONValue, path: String) throws {
        guard let members = schema.objectValue else {
            if case .bool = schema { return }
            throw SchemaError(description: "\(path) is not a schema")
        }
        for key in members.keys.sorted() where !Self.supported.contains(key) {
            throw SchemaError(description: "\(path) uses \(key), which this validator does not implement")
        }
        if let reference = members["$ref"]?.stringValue, resolve(reference) == nil {
            throw SchemaError(description: "\(path): $ref \(reference) does not resolve")
        }
        for (name, definition) in members["$defs"]?.objectValue ?? [:] { try check(definition, path: "\(path)/$defs/\(name)") }
        for (name, property) in members["properties"]?.objectValue ?? [:] { try check(property, path: "\(path)/properties/\(name)") }
        if let items = members["items"] { try check(items, path: "\(path)/items") }
        if let additional = members["additionalProperties"] { try check(additional, path: "\(path)/additionalProperties") }
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/$defs/") else { return nil }
        return root["$defs"]?[String(reference.dropFirst("#/$defs/".count))]
    }

    private func validate(_ value: JSONValue, against schema: JSONValue, path: String, errors: inout [String]) {
        if case .bool(let accepts) = schema {
            if !accepts { errors.append("\(path): not allowed here") }
            return
        }
        if let reference = schema["$ref"]?.stringValue, let target = resolve(reference) {
            validate(value, against: target, path: path, errors: &errors)
        }
        if let type = schema["type"] {
            let allowed = Set(type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 })
            if allowed.isDisjoint(with: value.typeNames) {
                errors.append("\(path): expected \(allowed.sorted().joined(separator: " or ")), found \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): \(Self.describe(value)) is not one of the allowed values")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            errors.append("\(path): \(Self.describe(value)) is not the required constant")
        }
        if let minimum = schema["minimum"].flatMap(Self.number), let number = Self.number(value), number < minimum {
            errors.append("\(path): \(Self.describe(value)) is below the minimum")
        }
        if case .array(let elements) = value {
            if let minimum = schema["minItems"]?.intValue, elements.count < minimum {
                errors.append("\(path): \(elements.count) items, fewer than \(minimum)")
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    validate(element, against: items, path: "\(path)[\(index)]", errors: &errors)
                }
            }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
                errors.append("\(path): the required field \(required) is missing")
            }
            for key in members.keys.sorted() {
                let memberPath = "\(path).\(key)"
                if let property = properties[key] {
                    validate(members[key]!, against: property, path: memberPath, errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        errors.append("\(memberPath): a field the schema does not describe")
                    } else {
                        validate(members[key]!, against: additional, path: memberPath, errors: &errors)
                    }
                }
            }
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .string(let text): "\"\(text.prefix(40))\""
        case .array(let elements): "an array of \(elements.count)"
        case .object: "an object"
        }
    }
}
