/// How the format compares its keywords: kinds, option keys, activations and layouts.
enum Keyword {
    /// `text` lowercased and without `_` or `-`: `Max_Pool2d`, `maxpool2d` and `max-pool2d`
    /// all become `maxpool2d`, and `ceil_mode` becomes `ceilmode`.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
