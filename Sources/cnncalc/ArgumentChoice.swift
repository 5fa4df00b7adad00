import ArgumentParser

/// An option's value that is one of a fixed list of words: `--format json`, `--layout chw`.
///
/// ArgumentParser's own lists of the words (for help and shell completion) go through a key path
/// and `String(describing:)`, which the Swift runtime resolves by reflection the first time, on
/// every start of `cnncalc`; these give the same words with plain closures.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
    /// Every accepted word, in declaration order.
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }

    /// No word has a description of its own: the option's help text lists them.
    public static var allValueDescriptions: [String: String] { [:] }

    /// The word of the value, shown as an option's default in help.
    public var defaultValueDescription: String { rawValue }
}
