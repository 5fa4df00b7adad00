import CNNCalcCore

extension ValueParser {
    /// Whole numbers of at least 0 joined by `x`, one per axis: `1`, `1x0`, as for an output padding.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for anything else, a size over ``sizeLimit``
    ///   or more than `maximumAxes` axes.
    static func wholeSizes(_ token: Token, noun: String, maximumAxes: Int, fix: @autoclosure () -> String) throws(CNNCalcError) -> [Int] {
        let parts = axisParts(token)
        var sizes: [Int] = []
        for part in parts {
            switch wholeNumber(part) {
            case .value(let value): sizes.append(value)
            case .tooLarge: throw tooLarge(token, noun: noun)
            case .invalid:
                throw CNNCalcError(
                    .badArgument,
                    "expected a whole number of at least 0, or one per axis joined by 'x', for the \(noun), found \(token.quoted)",
                    fix: fix(), location: token.location)
            }
        }
        try checkAxisCount(parts.count, token: token, noun: noun, maximum: maximumAxes)
        return sizes
    }

    /// The sizes of an input: positive numbers joined by `x`, where `?` leaves a size open (`nil`).
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` as ``sizes(_:noun:maximumAxes:fix:)`` does.
    static func inputSizes(_ token: Token, noun: String, fix: @autoclosure () -> String) throws(CNNCalcError) -> [Int?] {
        let parts = axisParts(token)
        guard parts.contains("?") else { return try sizes(token, noun: noun, maximumAxes: .max, fix: fix()) }
        var result: [Int?] = []
        for part in parts {
            if part == "?" {
                result.append(nil)
                continue
            }
            let sizeToken = Token(text: String(part), location: token.location)
            do throws(CNNCalcError) {
                result += try sizes(sizeToken, noun: noun, maximumAxes: 1, fix: fix()).map { $0 }
            } catch {
                throw CNNCalcError(
                    .badArgument,
                    "expected positive whole numbers or '?' joined by 'x' for the \(noun), found \(token.quoted)",
                    fix: fix(), location: token.location)
            }
        }
        return result
    }

    /// The sizes of a reshape: positive numbers joined by `x`, one of which may be `-1`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for anything else, two `-1`, a size over
    ///   ``sizeLimit`` or more than 4 sizes.
    static func reshapeSizes(_ token: Token, fix: @autoclosure () -> String) throws(CNNCalcError) -> [Int] {
        let parts = axisParts(token)
        var sizes: [Int] = []
        for part in parts {
            if part == "-1" {
                sizes.append(-1)
                continue
            }
            switch wholeNumber(part) {
            case .value(let value) where value > 0: sizes.append(value)
            case .tooLarge: throw tooLarge(token, noun: "target shape")
            case .value, .invalid:
                throw CNNCalcError(
                    .badArgument,
                    "expected positive whole numbers joined by 'x', one of them possibly -1, for the target shape, found \(token.quoted)",
                    fix: fix(), location: token.location)
            }
        }
        guard sizes.count <= LayerBuilder.maximumInputAxes else {
            throw CNNCalcError(
                .badArgument,
                "the target shape \(token.quoted) has \(sizes.count) numbers, but a shape has at most \(LayerBuilder.maximumInputAxes)",
                fix: "write up to 3 spatial sizes and the channels, e.g. '7x7x64'", location: token.location)
        }
        guard sizes.filter({ $0 == -1 }).count <= 1 else {
            throw CNNCalcError(
                .badArgument, "the target shape \(token.quoted) has more than one -1",
                fix: "write -1 for at most one size; it is worked out from the others", location: token.location)
        }
        return sizes
    }

    /// One of `keywords` (matched without regard to case, `_` or `-`), as the value it stands for.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` listing the keywords.
    static func keyword<Value>(_ token: Token, noun: String, among keywords: [(String, Value)], key: String) throws(CNNCalcError) -> Value {
        let written = Keyword.normalized(token.text)
        if let match = keywords.first(where: { Keyword.normalized($0.0) == written }) { return match.1 }
        let names = keywords.map(\.0)
        throw CNNCalcError(
            .badArgument, "expected \(Listing.or(names)) for the \(noun), found \(token.quoted)",
            fix: "write e.g. '\(key)=\(names.last ?? "")'", location: token.location)
    }
}
