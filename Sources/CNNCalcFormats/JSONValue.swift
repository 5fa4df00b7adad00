#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON value of any type, decoded with its exact type, so that `true`, `1` and `"1"` stay
/// apart: the Keras reader walks a model's configuration as such a tree rather than as `Codable`
/// structs (see `KerasJSON`).
///
/// Whole numbers that fit in 64 bits are `integer` (`3`, and `3.0` too), every other number is
/// `number`. `JSONDecoder` refuses nesting deeper than 512 arrays and objects, so decoding never
/// recurses deeper than that.
///
///     let value = try JSONValue.parse(#"{"units": 10}"#)
///     value["units"]?.intValue          // 10
public enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes one value of whatever type the text holds, trying the types in turn: the
    /// decoder tells a JSON type only by refusing the others.
    public init(from decoder: any Decoder) throws {
        if var elements = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            if let count = elements.count { values.reserveCapacity(count) }
            while !elements.isAtEnd { values.append(try elements.decode(JSONValue.self)) }
            self = .array(values)
            return
        }
        if let members = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(members.allKeys.count)
            for key in members.allKeys { object[key.stringValue] = try members.decode(JSONValue.self, forKey: key) }
            self = .object(object)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let text = try? single.decode(String.self) {
            self = .string(text)
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? single.decode(Int.self) {
            self = .integer(integer)
        } else {
            self = .number(try single.decode(Double.self))
        }
    }

    /// Decodes JSON text.
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The value under `key` of an object, `nil` when absent or for any other value.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The members of an object, `nil` for any other value.
    public var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements of a list, `nil` for any other value.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text of a string, `nil` for any other value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an integer, `nil` for any other value.
    public var intValue: Int? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// Any key of an object.
    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
