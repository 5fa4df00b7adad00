#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import CNNCalcCore

/// One value of a Keras model's JSON, with the path that leads to it from the top of the
/// file (`config.layers[3].config.kernel_size`), so that every complaint can name it.
///
/// The Keras schema is wide and loose (most keys optional, integers written as one number or
/// a list), so the reader walks the decoded tree with these typed accessors rather than
/// mirroring every class in `Codable` structs; each accessor turns a wrong type into a
/// ``CNNCalcError`` that names the file, the path and what was expected.
struct KerasJSON {
    /// The decoded value: a dictionary, an array, a string, a number, or `NSNull`.
    let value: Any
    /// The path from the top of the file, empty at the top.
    let path: String
    /// The file name as the user gave it.
    let source: String
    /// The Keras layer the value belongs to, for messages.
    var layerName: String?

    /// The top of the file `bytes`, or a `.syntax` error when it is not JSON.
    static func parse(_ bytes: Data, source: String, what: String) throws(CNNCalcError) -> KerasJSON {
        do {
            let value = try JSONSerialization.jsonObject(with: bytes, options: [])
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

    private func child(_ value: Any, _ fullPath: String) -> KerasJSON {
        KerasJSON(value: value, path: fullPath, source: source, layerName: layerName)
    }

    /// Whether the value is JSON `null`.
    var isNull: Bool { value is NSNull }

    /// The value under `key`, or `nil` when the key is absent or `null`.
    func optional(_ key: String) throws(CNNCalcError) -> KerasJSON? {
        guard let object = value as? [String: Any] else {
            throw error(.syntax, "expected an object, found \(Self.describe(value))")
        }
        guard let found = object[key], !(found is NSNull) else { return nil }
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
        (value as? [String: Any])?[key].map { !($0 is NSNull) } ?? false
    }

    /// The elements of an array.
    func array() throws(CNNCalcError) -> [KerasJSON] {
        guard let elements = value as? [Any] else {
            throw error(.syntax, "expected a list, found \(Self.describe(value))")
        }
        return elements.enumerated().map { child($1, "\(path)[\($0)]") }
    }

    /// The keys and values of an object, keys sorted.
    func entries() throws(CNNCalcError) -> [(key: String, value: KerasJSON)] {
        guard let object = value as? [String: Any] else {
            throw error(.syntax, "expected an object, found \(Self.describe(value))")
        }
        return object.keys.sorted().compactMap { key in
            guard let found = object[key] else { return nil }
            return (key, child(found, path.isEmpty ? key : "\(path).\(key)"))
        }
    }

    /// A string.
    func string() throws(CNNCalcError) -> String {
        guard let text = value as? String else {
            throw error(.syntax, "expected a string, found \(Self.describe(value))")
        }
        return text
    }

    /// An integer.
    func int() throws(CNNCalcError) -> Int {
        if let number = value as? NSNumber, !Self.isBool(number), let integer = Int(exactly: number.doubleValue) {
            return integer
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
        if let number = value as? NSNumber, !Self.isBool(number) { return number.doubleValue }
        throw error(.syntax, "expected a number, found \(Self.describe(value))")
    }

    /// A boolean.
    func bool() throws(CNNCalcError) -> Bool {
        if let number = value as? NSNumber, Self.isBool(number) { return number.boolValue }
        throw error(.syntax, "expected true or false, found \(Self.describe(value))")
    }

    /// One positive integer or a list of them, as Keras writes sizes (`3` or `[3, 3]`).
    func sizes() throws(CNNCalcError) -> [Int] {
        if value is [Any] {
            let list = try array()
            var sizes: [Int] = []
            for element in list { sizes.append(try element.positiveInt()) }
            guard !sizes.isEmpty else { throw error(.badArgument, "expected at least one size, found an empty list") }
            return sizes
        }
        return [try positiveInt()]
    }

    private static func isBool(_ number: NSNumber) -> Bool {
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        // JSONSerialization decodes true and false into a boolean subclass of NSNumber.
        return String(describing: type(of: number)).contains("Boolean")
        #endif
    }

    /// A short description of a JSON value for messages: `"abc"`, `3`, `a list`, `an object`.
    static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let text as String: return "\"\(text.count > 40 ? String(text.prefix(40)) + "..." : text)\""
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        case let number as NSNumber: return isBool(number) ? (number.boolValue ? "true" : "false") : "\(number)"
        default: return "\(value)"
        }
    }
}
