/// A minimal XML 1.0 reader for tests: it checks that a document is well formed and returns its
/// element tree, so that tests can count the blocks of an SVG or the rows of an HTML page.
///
/// Checked: one root element; properly nested and matching tags; names; quoted, unique attributes
/// without `<`; the five predefined entities and character references only (so HTML's `&nbsp;`
/// is an error); comments without `--`; CDATA sections; processing instructions; a DOCTYPE without
/// an internal subset; characters XML allows. Not supported: DTDs, namespaces as such (a prefixed
/// name is kept as it is written).
public struct XMLElement: Sendable {
    /// The element's name as written, e.g. `svg` or `xlink:href`.
    public var name: String
    /// Its attributes, entity references resolved.
    public var attributes: [String: String]
    /// Its child elements, in order.
    public var children: [XMLElement]
    /// Its text and CDATA content, its children's excluded, entity references resolved.
    public var text: String

    /// Every element below this one, depth first, in document order.
    public var descendants: [XMLElement] {
        var result: [XMLElement] = []
        func collect(_ element: XMLElement) {
            for child in element.children {
                result.append(child)
                collect(child)
            }
        }
        collect(self)
        return result
    }

    /// The element and every element below it.
    public var all: [XMLElement] { [self] + descendants }

    /// The classes of its `class` attribute.
    public var classes: [String] {
        (attributes["class"] ?? "").split(separator: " ").map(String.init)
    }

    /// The text of the element and of all its descendants, in document order.
    public var textContent: String {
        // Text is kept per element, so interleaving with children is approximate: own text first.
        text + children.map(\.textContent).joined()
    }

    /// The first element at or below this one with `id`.
    public func element(id: String) -> XMLElement? {
        all.first { $0.attributes["id"] == id }
    }

    /// The elements at or below this one by their `id` (the first of each), for many lookups.
    public func elementsByID() -> [String: XMLElement] {
        var result: [String: XMLElement] = [:]
        for element in all {
            if let id = element.attributes["id"], result[id] == nil { result[id] = element }
        }
        return result
    }

    /// The elements at or below this one named `name` (and having `className`, when given).
    public func elements(named name: String, className: String? = nil) -> [XMLElement] {
        all.filter { $0.name == name && (className.map($0.classes.contains) ?? true) }
    }
}

/// A well-formedness error, located by line and column (both from 1).
public struct XMLError: Error, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var description: String { "XML error at \(line):\(column): \(message)" }
}

/// Parses an XML document.
public enum XMLTree {
    /// The root element of `text`, or an ``XMLError`` when it is not well formed.
    public static func parse(_ text: String) throws -> XMLElement {
        var parser = XMLParserState(scalars: Array(text.unicodeScalars))
        return try parser.document()
    }
}

private struct XMLParserState {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    // MARK: Document

    mutating func document() throws -> XMLElement {
        for scalar in scalars where !Self.isXMLCharacter(scalar) {
            position = scalars.firstIndex(of: scalar) ?? 0
            throw error("character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in XML")
        }
        if scalars.first == "\u{FEFF}" { position = 1 }
        try miscellaneous(allowDoctype: true)
        guard peek("<") else { throw error("expected the root element") }
        let root = try element()
        try miscellaneous(allowDoctype: false)
        guard position == scalars.count else { throw error("content after the root element") }
        return root
    }

    /// Whitespace, comments, processing instructions and (before the root) one DOCTYPE.
    mutating func miscellaneous(allowDoctype: Bool) throws {
        var sawDoctype = false
        while true {
            skipWhitespace()
            if peek("<?") {
                try processingInstruction()
            } else if peek("<!--") {
                try comment()
            } else if peek("<!DOCTYPE") {
                guard allowDoctype, !sawDoctype else { throw error("a DOCTYPE must come once, before the root element") }
                sawDoctype = true
                try doctype()
            } else {
                return
            }
        }
    }

    mutating func doctype() throws {
        position += "<!DOCTYPE".unicodeScalars.count
        guard skipWhitespace() else { throw error("expected a space after <!DOCTYPE") }
        _ = try name()
        while position < scalars.count && scalars[position] != ">" {
            if scalars[position] == "[" { throw error("DOCTYPE internal subsets are not supported") }
            if scalars[position] == "\"" || scalars[position] == "'" {
                let quote = scalars[position]
                position += 1
                while position < scalars.count && scalars[position] != quote { position += 1 }
                guard position < scalars.count else { throw error("unterminated literal in DOCTYPE") }
            }
            position += 1
        }
        try expect(">")
    }

    // MARK: Elements

    mutating func element() throws -> XMLElement {
        let start = position
        try expect("<")
        let elementName = try name()
        var attributes: [String: String] = [:]
        while true {
            let spaced = skipWhitespace()
            if peek("/>") {
                position += 2
                return XMLElement(name: elementName, attributes: attributes, children: [], text: "")
            }
            if peek(">") {
                position += 1
                break
            }
            guard spaced else { throw error("expected a space before an attribute of <\(elementName)>") }
            let attributeName = try name()
            skipWhitespace()
            try expect("=")
            skipWhitespace()
            guard attributes[attributeName] == nil else { throw error("attribute \(attributeName) is given twice") }
            attributes[attributeName] = try attributeValue()
        }
        var children: [XMLElement] = []
        var text = ""
        while true {
            guard position < scalars.count else {
                position = start
                throw error("<\(elementName)> is never closed")
            }
            let scalar = scalars[position]
            if scalar != "<" && scalar != "&" && scalar != "]" {
                text.unicodeScalars.append(scalar)
                position += 1
            } else if peek("</") {
                position += 2
                let closing = try name()
                guard closing == elementName else { throw error("</\(closing)> closes <\(elementName)>") }
                skipWhitespace()
                try expect(">")
                return XMLElement(name: elementName, attributes: attributes, children: children, text: text)
            } else if peek("<!--") {
                try comment()
            } else if peek("<![CDATA[") {
                position += 9
                let end = try find("]]>", what: "CDATA section")
                text += String(String.UnicodeScalarView(scalars[position..<end]))
                position = end + 3
            } else if peek("<?") {
                try processingInstruction()
            } else if peek("<") {
                children.append(try element())
            } else if peek("&") {
                text += try reference()
            } else {
                if peek("]]>") { throw error("]]> is not allowed in text") }
                text.unicodeScalars.append(scalars[position])
                position += 1
            }
        }
    }

    mutating func attributeValue() throws -> String {
        guard position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" else {
            throw error("attribute values must be quoted")
        }
        let quote = scalars[position]
        position += 1
        var value = ""
        while true {
            guard position < scalars.count else { throw error("unterminated attribute value") }
            let scalar = scalars[position]
            if scalar == quote {
                position += 1
                return value
            }
            if scalar == "<" { throw error("< is not allowed in an attribute value") }
            if scalar == "&" {
                value += try reference()
            } else {
                value.unicodeScalars.append(scalar)
                position += 1
            }
        }
    }

    /// An entity or character reference, resolved.
    mutating func reference() throws -> String {
        try expect("&")
        let end = try find(";", what: "reference")
        let body = String(String.UnicodeScalarView(scalars[position..<end]))
        position = end + 1
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let value: UInt32?
            if body.hasPrefix("#x") {
                value = UInt32(body.dropFirst(2), radix: 16)
            } else if body.hasPrefix("#") {
                value = UInt32(body.dropFirst(), radix: 10)
            } else {
                throw error("unknown entity &\(body); (XML knows only amp, lt, gt, quot and apos)")
            }
            guard let value, let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar) else {
                throw error("&\(body); is not a valid character reference")
            }
            return String(Character(scalar))
        }
    }

    mutating func comment() throws {
        position += 4
        let end = try find("--", what: "comment")
        position = end
        guard peek("-->") else { throw error("-- is not allowed inside a comment") }
        position += 3
    }

    mutating func processingInstruction() throws {
        position += 2
        _ = try name()
        let end = try find("?>", what: "processing instruction")
        position = end + 2
    }

    // MARK: Lexing

    mutating func name() throws -> String {
        let start = position
        guard position < scalars.count, Self.isNameStart(scalars[position]) else { throw error("expected a name") }
        position += 1
        while position < scalars.count, Self.isNameStart(scalars[position]) || Self.isNameRest(scalars[position]) {
            position += 1
        }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = position
        while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
        return position > start
    }

    func peek(_ text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    mutating func expect(_ text: String) throws {
        guard peek(text) else { throw error("expected \(text)") }
        position += text.unicodeScalars.count
    }

    /// The position of the next `text` from here on.
    func find(_ text: String, what: String) throws -> Int {
        let needle = Array(text.unicodeScalars)
        var index = position
        while index + needle.count <= scalars.count {
            if scalars[index] == needle[0] && scalars[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        throw error("unterminated \(what)")
    }

    func error(_ message: String) -> XMLError {
        var line = 1, column = 1
        for scalar in scalars[..<min(position, scalars.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return XMLError(message: message, line: line, column: column)
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ":" || scalar == "_" || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || scalar.value >= 0xC0
    }

    static func isNameRest(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "." || ("0"..."9").contains(scalar) || scalar.value == 0xB7
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
