/// ANSI escape codes for the few colours the terminal tables use; callers decide whether to use them.
enum ANSI {
    /// `text` in bold.
    static func bold(_ text: String) -> String { "\u{1B}[1m\(text)\u{1B}[0m" }
    /// `text` in yellow, for warnings.
    static func yellow(_ text: String) -> String { "\u{1B}[33m\(text)\u{1B}[0m" }
}
