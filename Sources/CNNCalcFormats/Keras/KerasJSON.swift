#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalcCore

/// One value of a Keras model's JSON, with the path that leads to it from the top of the
/// file (`config.layers[3].config.kernel_size`), so that every complaint can name it.
///
/// The Keras schema is wide and loose (most keys optional, integers written as one number or
/// a list), so the reader walks the decoded tree with these typed accessors rather than
/// mirroring every class in `Codable` structs; each accessor turns a wrong type into a
/// ``CNNCalcError`` that names the file, the path and what was expected.
struct KerasJSON {
    /// The decoded value.
    let value: JSONValue
    /// The path from the top of the file, empty at the top.
    let path: String
    /// The file name as the user gave it.
    let source: String
    /// The Keras layer the value belongs to, for messages.
    var layerName: String?

    /// The top of the file `bytes`, or a `.syntax` error when it is not JSON.
    static func parse(_ bytes: Data, source: String, what: String) throws(CNNCalcError) -> KerasJSON {
        do {
            let value = try JSONDecoder().decode(JSONValue.self, from: bytes)
            return KerasJSON(value: value, path: "", source: source)
        } catch {
            throw CNNCalcError(
                .syntax, "\(what) is not valid JSON (it may be truncated)",
                fix: "export the model again with model.to_json() or model.save('model.keras')",
                location: SourceLocation(source: source, path: "the JSON text"))
        }
    }

    /// The location of this value, for errors and layers.
    var location: SourceLocation {
        SourceLocation(source: source, path: path.isEmpty ? "the top level" : path)
    }

    /// An error about this value.
    func error(_ kind: CNNCalcError.Kind, _ problem: String, fix: String? = nil) -> CNNCalcError {
        CNNCalcError(kind, problem, fix: fix, location: location, layerName: layerName)
    }

    private func child(_ value: JSONValue, _ fullPath: String) -> KerasJSON {
        KerasJSON(value: value, path: fullPath, source: source, layerName: layerName)
    }

    /// Whether the value is JSON `null`.
    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// Whether the value is a list.
    var isArray: Bool {
        if case .array = value { return true }
        return false
    }

    /// Whether the value is an object.
    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// Whether the value is a string.
    var isString: Bool {
        if case .string = value { return true }
        return false
    }

    /// The value under `key`, or `nil` when the key is absent or `null`.
    func optional(_ key: String) throws(CNNCalcError) -> KerasJSON? {
        guard case .object(let object) = value else {
            throw error(.syntax, "expected an object, found \(Self.describe(value))")
        }
        guard let found = object[key] else { return nil }
        if case .null = found { return nil }
        return child(found, path.isEmpty ? key : "\(path).\(key)")
    }

    /// The value under `key`, or an error naming the missing key.
    func field(_ key: String) throws(CNNCalcError) -> KerasJSON {
        guard let found = try optional(key) else {
            let missing = path.isEmpty ? key : "\(path).\(key)"
            throw CNNCalcError(
                .syntax, "the key '\(key)' is missing", fix: nil,
                location: SourceLocation(source: source, path: missing), layerName: layerName)
        }
        return found
    }

    /// Whether the value is an object with `key`.
    func has(_ key: String) -> Bool {
        guard case .object(let object) = value, let found = object[key] else { return false }
        if case .null = found { return false }
        return true
    }

    /// The elements of an array.
    func array() throws(CNNCalcError) -> [KerasJSON] {
        guard case .array(let elements) = value else {
            throw error(.syntax, "expected a list, found \(Self.describe(value))")
        }
        return elements.enumerated().map { child($1, "\(path)[\($0)]") }
    }

    /// The keys and values of an object, keys sorted.
    func entries() throws(CNNCalcError) -> [(key: String, value: KerasJSON)] {
        guard case .object(let object) = value else {
            throw error(.syntax, "expected an object, found \(Self.describe(value))")
        }
        return object.keys.sorted().compactMap { key in
            guard let found = object[key] else { return nil }
            return (key, child(found, path.isEmpty ? key : "\(path).\(key)"))
        }
    }

    /// A string.
    func string() throws(CNNCalcError) -> String {
        guard case .string(let text) = value else {
            throw error(.syntax, "expected a string, found \(Self.describe(value))")
        }
        return text
    }

    /// An integer.
    func int() throws(CNNCalcError) -> Int {
        switch value {
        case .integer(let integer): return integer
        case .number(let number): if let integer = Int(exactly: number) { return integer }
        default: break
        }
        throw error(.syntax, "expected an integer, found \(Self.describe(value))")
    }

    /// A positive integer.
    func positiveInt() throws(CNNCalcError) -> Int {
        let integer = try int()
        guard integer >= 1 else { throw error(.badArgument, "expected a positive integer, found \(integer)") }
        return integer
    }

    /// A number.
    func double() throws(CNNCalcError) -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: break
        }
        throw error(.syntax, "expected a number, found \(Self.describe(value))")
    }

    /// A boolean.
    func bool() throws(CNNCalcError) -> Bool {
        if case .bool(let flag) = value { return flag }
        throw error(.syntax, "expected true or false, found \(Self.describe(value))")
    }

    /// One positive integer or a list of them, as Keras writes sizes (`3` or `[3, 3]`).
    func sizes() throws(CNNCalcError) -> [Int] {
        if isArray {
            let list = try array()
            var sizes: [Int] = []
            for element in list { sizes.append(try element.positiveInt()) }
            guard !sizes.isEmpty else { throw error(.badArgument, "expected at least one size, found an empty list") }
            return sizes
        }
        return [try positiveInt()]
    }

    /// A short description of a JSON value for messages: `"abc"`, `3`, `a list`, `an object`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .string(let text): return "\"\(text.count > 40 ? String(text.prefix(40)) + "..." : text)\""
        case .array: return "a list"
        case .object: return "an object"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let integer): return "\(integer)"
        case .number(let number):
            // A whole number is written as one, as the JSON most likely had it (`3`, not `3.0`).
            if number.rounded() == number, abs(number) < 1e15 { return "\(Int(number))" }
            return "\(number)"
        }
    }
}
