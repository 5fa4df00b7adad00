import ArgumentParser

/// The bounds on one run, as ``InputLimits`` gives them: the largest file read and the seconds
/// before the run is stopped.
struct RunLimits: Equatable, Sendable {
    /// The largest input read, in bytes; `nil` for each kind of file's own default (``InputFile``).
    var maxFileSize: Int?
    /// The seconds before the run is stopped with exit status 1; 0 for never.
    var timeout: Double = 60

    /// The limits of a run with no options.
    static let defaults = RunLimits()

    /// Refuses a timeout that is not a number of seconds.
    func validate() throws {
        guard timeout.isFinite, timeout >= 0 else {
            throw ValidationError("--timeout takes a number of seconds of at least 0 (0: no limit), not \(timeout)")
        }
    }

    /// Sets the file size limit and starts the clock; called once, before any file is read.
    func apply() {
        if let maxFileSize { InputFile.limitOverride = maxFileSize }
        if timeout > 0 {
            let shown = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            Watchdog.arm(seconds: timeout, message: "error: the run took longer than \(shown) second\(shown == "1" ? "" : "s") and was stopped; raise --timeout, or give a smaller model")
        }
    }
}
