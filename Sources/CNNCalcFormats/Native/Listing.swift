/// Words joined for a message: `a`, `a and b`, `a, b and c`.
enum Listing {
    /// `items` separated by commas, the last two by "and".
    static func and(_ items: [String]) -> String {
        joined(items, last: "and")
    }

    /// `items` separated by commas, the last two by "or".
    static func or(_ items: [String]) -> String {
        joined(items, last: "or")
    }

    private static func joined(_ items: [String], last conjunction: String) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
