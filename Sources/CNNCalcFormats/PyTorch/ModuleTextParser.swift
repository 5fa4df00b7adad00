import CNNCalcCore

/// Turns the text of `print(model)` into a tree of ``PrintedModule``.
///
/// The text is read line by line, as PyTorch writes it (`torch.nn.Module.__repr__`):
///
///     Net(                                              the model's class, opening a block
///       (features): Sequential(                         a child container
///         (0): Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))   a child on one line
///       )                                               the end of a block
///       (layers): ModuleList(
///         (0-1): 2 x TransformerEncoderLayer(           identical children, written once
///
/// Indentation is not relied on; parentheses are. A line inside a block that is not a child is
/// part of the block's own arguments (a custom `extra_repr`).
struct ModuleTextParser {
    private let source: String
    private var stack: [PrintedModule] = []
    private var repeats: [Int] = []
    /// For each open block, the indentation of its first line inside, once seen.
    private var indents: [Int?] = []
    /// For each open block, the keys of its children so far.
    private var keys: [Set<String>] = []
    private var root: PrintedModule?
    /// Modules made so far, repeated blocks counted once per copy.
    private var moduleCount = 0

    /// The most modules a text may make, repeated blocks expanded: far beyond any real model
    /// (resnet152 has 500), and low enough that a text of nested `100000 x` blocks cannot
    /// make billions.
    static let maximumModuleCount = 1_000_000
    /// The deepest nesting of blocks read.
    static let maximumDepth = 500

    private init(source: String) {
        self.source = source
    }

    /// The model printed in `text`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax`, located at the offending line, for
    ///   unbalanced parentheses, a line that is neither a module nor a closing `)`, a repeated
    ///   block whose count and range disagree, text after the model's last `)`, or no module at all.
    static func parse(_ text: String, source: String) throws(CNNCalcError) -> PrintedModule {
        var parser = ModuleTextParser(source: source)
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var lineNumber = 0
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            try parser.read(line, number: lineNumber)
        }
        if let open = parser.stack.last {
            throw CNNCalcError(
                .syntax,
                "the text ends inside \(open.title), opened at line \(open.location.line), so a ')' is missing",
                fix: "paste the whole output of print(model), down to its last ')'",
                location: SourceLocation(source: source, line: max(lineNumber, 1), column: 1))
        }
        guard let root = parser.root else {
            throw CNNCalcError(
                .syntax, "the text holds no module",
                fix: "paste the output of print(model), e.g. 'Net(' ... ')'",
                location: SourceLocation(source: source, line: 1, column: 1))
        }
        return root
    }

    private mutating func read(_ line: Substring, number: Int) throws(CNNCalcError) {
        let characters = Array(line)
        var start = 0
        while start < characters.count, characters[start].isWhitespace { start += 1 }
        var end = characters.count
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        guard start < end else { return }
        let source = self.source
        let here = { (offset: Int) in SourceLocation(source: source, line: number, column: offset + 1) }
        if let invisible = characters[start..<end].firstIndex(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format } }) {
            throw CNNCalcError(
                .syntax, "unexpected control or invisible character",
                fix: "delete it: paste the text print(model) writes", location: here(invisible))
        }
        if characters[start] == ")" && end == start + 1 {
            try close(at: here(start))
            return
        }
        // PyTorch indents a block's lines alike: a line indented less than the block's first
        // line means the block was not closed (a ')' went missing).
        if let open = stack.last, let indent = indents[indents.count - 1] {
            if start < indent {
                throw CNNCalcError(
                    .syntax, "\(open.title), opened at line \(open.location.line), is not closed before this line (it is indented less than the lines inside)",
                    fix: "add the missing ')' on its own line after the last line of \(open.path.isEmpty ? open.typeName : open.path)", location: here(start))
            }
        } else if !indents.isEmpty {
            indents[indents.count - 1] = start
        }
        if root != nil && stack.isEmpty {
            throw CNNCalcError(
                .syntax, "text after the end of the model (its last ')' is at an earlier line)",
                fix: "paste one model, or remove the extra text", location: here(start))
        }
        var cursor = start
        var key: String?
        var repeatCount = 1
        if characters[cursor] == "(" {
            guard let closing = characters[cursor..<end].firstIndex(of: ")"),
                  closing + 1 < end, characters[closing + 1] == ":" else {
                throw CNNCalcError(
                    .syntax, "expected '(name): Module(...)', found '\(String(characters[start..<end]))'",
                    fix: "each child is written '(name): Module(...)', as print(model) writes it", location: here(start))
            }
            key = String(characters[(cursor + 1)..<closing])
            cursor = closing + 2
            while cursor < end, characters[cursor] == " " { cursor += 1 }
            (key, repeatCount, cursor) = try Self.repetition(key ?? "", characters, cursor, end, at: here)
        } else if !stack.isEmpty {
            // A line of the enclosing block's own extra_repr.
            let text = characters[start..<end]
            let extra = try PrintedArguments.parse(Substring(String(text)), at: here(start))
            stack[stack.count - 1].arguments.positional += extra.positional
            stack[stack.count - 1].arguments.named += extra.named
            return
        }
        let nameStart = cursor
        while cursor < end, characters[cursor].isLetter || characters[cursor].isNumber || characters[cursor] == "_" || characters[cursor] == "." {
            cursor += 1
        }
        let typeName = String(characters[nameStart..<cursor])
        guard !typeName.isEmpty, cursor < end, characters[cursor] == "(" else {
            throw CNNCalcError(
                .syntax, "expected a module such as 'Conv2d(...)', found '\(String(characters[nameStart..<end]))'",
                fix: "paste the text exactly as print(model) writes it", location: here(nameStart))
        }
        let path = ((stack.last.map { $0.path.isEmpty ? [] : [$0.path] } ?? []) + (key.map { [$0] } ?? [])).joined(separator: ".")
        var module = PrintedModule(
            key: key, path: path, typeName: typeName, location: here(nameStart),
            arguments: PrintedArguments(), children: [], isBlock: false)
        if cursor + 1 == end {
            guard stack.count < Self.maximumDepth else {
                throw CNNCalcError(
                    .syntax, "blocks are nested more than \(Self.maximumDepth) deep",
                    fix: "check that this is the output of print(model)", location: here(nameStart))
            }
            module.isBlock = true
            stack.append(module)
            repeats.append(repeatCount)
            indents.append(nil)
            keys.append([])
            return
        }
        let (depth, openQuote) = Self.balance(of: characters[cursor..<end])
        if let openQuote {
            throw CNNCalcError(
                .syntax, "the quote \(characters[openQuote]) is never closed",
                fix: "close it with \(characters[openQuote])", location: here(openQuote))
        }
        guard characters[end - 1] == ")", depth == 0 else {
            let problem = depth > 0
                ? "\(module.title) opens \(depth) more '(' than this line closes"
                : "\(module.title) closes \(-depth) more ')' than this line opens"
            throw CNNCalcError(
                .syntax, problem,
                fix: "paste the line as print(model) writes it, with every '(' closed on the line, or a '(' alone at its end to open a block",
                location: here(cursor))
        }
        module.arguments = try PrintedArguments.parse(Substring(String(characters[(cursor + 1)..<(end - 1)])), at: here(cursor + 1))
        try attach(module, count: repeatCount, at: here(start))
    }

    /// `(0-1): 2 x Name(`: the keys `0` and `1` of two identical children written once.
    private static func repetition(
        _ key: String, _ characters: [Character], _ cursor: Int, _ end: Int, at here: (Int) -> SourceLocation
    ) throws(CNNCalcError) -> (String, Int, Int) {
        var cursor = cursor
        var digits = cursor
        while digits < end, characters[digits].isNumber { digits += 1 }
        guard digits > cursor, digits + 2 < end, characters[digits] == " ", characters[digits + 1] == "x", characters[digits + 2] == " " else {
            return (key, 1, cursor)
        }
        let countText = String(characters[cursor..<digits])
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard let count = Int(countText), parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]),
              last >= first, last - first + 1 == count, count <= 100_000 else {
            throw CNNCalcError(
                .syntax, "'(\(key)): \(countText) x' does not name \(countText) children numbered first-last",
                fix: "write it as print(model) does, e.g. '(0-1): 2 x TransformerEncoderLayer('", location: here(cursor))
        }
        cursor = digits + 3
        return (key, count, cursor)
    }

    /// Opening minus closing parentheses and brackets outside quotes, and the index of a quote never closed.
    private static func balance(of characters: ArraySlice<Character>) -> (depth: Int, openQuote: Int?) {
        var depth = 0
        var quote: Int?
        for index in characters.indices {
            let character = characters[index]
            if let open = quote {
                if character == characters[open] { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = index
            } else if character == "(" || character == "[" {
                depth += 1
            } else if character == ")" || character == "]" {
                depth -= 1
            }
        }
        return (depth, quote)
    }

    private mutating func close(at location: SourceLocation) throws(CNNCalcError) {
        _ = indents.popLast()
        _ = keys.popLast()
        guard let module = stack.popLast(), let count = repeats.popLast() else {
            throw CNNCalcError(
                .syntax, "this ')' closes no module",
                fix: "remove it, or paste the whole output of print(model)", location: location)
        }
        try attach(module, count: count, at: location)
    }

    /// Adds a finished module to its parent, as `count` copies numbered from its key's first number.
    private mutating func attach(_ module: PrintedModule, count: Int, at location: SourceLocation) throws(CNNCalcError) {
        guard !stack.isEmpty else {
            guard module.key == nil else {
                throw CNNCalcError(
                    .syntax, "the child '(\(module.key ?? ""))' is outside any module",
                    fix: "paste the whole output of print(model), starting with the model's class, e.g. 'Net('",
                    location: module.location)
            }
            root = module
            return
        }
        guard module.key != nil else {
            throw CNNCalcError(
                .syntax, "\(module.typeName)(...) inside \(stack[stack.count - 1].title) has no '(name): '",
                fix: "each child is written '(name): Module(...)', as print(model) writes it", location: module.location)
        }
        let (parentPath, parentTitle) = (stack[stack.count - 1].path, stack[stack.count - 1].title)
        // The module's children were counted as they were attached to it; its copies add their trees.
        let (added, overflow) = count == 1 ? (0, false) : Self.size(of: module).multipliedReportingOverflow(by: count - 1)
        moduleCount += overflow || added > Self.maximumModuleCount ? Self.maximumModuleCount + 1 : added + 1
        guard moduleCount <= Self.maximumModuleCount else {
            throw CNNCalcError(
                .syntax, "the text makes more than 1,000,000 modules once its repeated blocks are expanded",
                fix: "check the counts of the '(a-b): N x' lines", location: location)
        }
        let copies = count == 1 ? [module] : Self.copies(of: module, count: count, parentPath: parentPath)
        for copy in copies {
            let key = copy.key ?? ""
            guard keys[keys.count - 1].insert(key).inserted else {
                throw CNNCalcError(
                    .syntax, "\(parentTitle) has two children called '\(key)'",
                    fix: "give each child its own name, as print(model) writes them", location: copy.location)
            }
            stack[stack.count - 1].children.append(copy)
        }
    }

    /// The number of modules in the tree of `module`, itself included.
    private static func size(of module: PrintedModule) -> Int {
        1 + module.children.reduce(0) { $0 + size(of: $1) }
    }

    /// The copies of a repeated module, `0` to `count - 1` counted from the key's first number.
    private static func copies(of module: PrintedModule, count: Int, parentPath: String) -> [PrintedModule] {
        let first = Int(module.key?.split(separator: "-").first ?? "") ?? 0
        return (0..<count).map { offset in
            let key = String(first + offset)
            let path = parentPath.isEmpty ? key : parentPath + "." + key
            return module.rekeyed(key, path: path)
        }
    }
}

extension PrintedModule {
    /// The module under another key and path, its children's paths following.
    func rekeyed(_ key: String?, path: String) -> PrintedModule {
        var copy = self
        copy.key = key
        copy.path = path
        copy.children = children.map { child in
            let childKey = child.key ?? ""
            return child.rekeyed(child.key, path: path.isEmpty ? childKey : path + "." + childKey)
        }
        return copy
    }
}
