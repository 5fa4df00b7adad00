#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What standard output allows: the width a table may take and whether it may be coloured.
///
/// On a terminal, the width is the terminal's (`TIOCGWINSZ`) and colour is on unless `NO_COLOR`
/// is set to anything but the empty string (https://no-color.org). Into a pipe or a file, the
/// width is `COLUMNS` when that is a positive number, else unlimited, and there is never colour.
struct TerminalOutput: Equatable {
    /// Whether standard output is a terminal.
    var isTerminal: Bool
    /// The widest line a table may write; `nil` for no limit.
    var width: Int?
    /// Whether ANSI colour codes may be written.
    var color: Bool

    /// The decision, from what the process sees: whether standard output is a terminal, the
    /// terminal's columns when it is one (`nil` if unknown), and the environment.
    static func decide(isTerminal: Bool, terminalColumns: Int?, environment: [String: String]) -> TerminalOutput {
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let width = isTerminal ? (terminalColumns.flatMap { $0 > 0 ? $0 : nil } ?? columns) : columns
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return TerminalOutput(isTerminal: isTerminal, width: width, color: isTerminal && !noColor)
    }

    /// What this process's standard output allows.
    static var standardOutput: TerminalOutput {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        return decide(isTerminal: isTerminal, terminalColumns: isTerminal ? terminalColumns() : nil,
                      environment: ProcessInfo.processInfo.environment)
    }

    /// The columns of the terminal on standard output, from `ioctl(TIOCGWINSZ)`.
    private static func terminalColumns() -> Int? {
        var size = winsize()
        #if canImport(Glibc)
        let result = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size)
        #else
        let result = ioctl(STDOUT_FILENO, TIOCGWINSZ, &size)
        #endif
        return result == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }
}
