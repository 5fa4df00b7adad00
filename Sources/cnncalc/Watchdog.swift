#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Ends a run that takes longer than `--timeout` with one error line and exit status 1.
///
/// A thread waits for the deadline. Until the report starts to be written, it may end the process:
/// nothing has gone to standard output yet, so the user sees the error alone, never half a report.
/// Writing to standard output (``print(_:terminator:)`` of this module) first disarms it: from then
/// on the run finishes, however long the writing takes.
enum Watchdog {
    private enum State { case idle, armed, disarmed }

    nonisolated(unsafe) private static var state = State.idle
    private static let lock = NSLock()

    /// Starts the clock: after `seconds`, unless disarmed, writes `message` to standard error and exits with 1.
    static func arm(seconds: Double, message: String) {
        lock.lock()
        defer { lock.unlock() }
        guard state == .idle else { return }
        state = .armed
        let thread = Thread {
            Thread.sleep(forTimeInterval: seconds)
            lock.lock()
            guard state == .armed else {
                lock.unlock()
                return
            }
            printError(message)
            // Standard output holds nothing, so no buffer needs flushing; other threads are mid-analysis.
            _exit(1)
        }
        thread.start()
    }

    /// Stops the clock for good; called before anything is written to standard output.
    static func disarm() {
        lock.lock()
        state = .disarmed
        lock.unlock()
    }
}

/// Writes to standard output, as the standard library's `print` does, after disarming the ``Watchdog``:
/// every report of `cnncalc` goes through here, so a timeout never cuts one short.
func print(_ text: String, terminator: String = "\n") {
    Watchdog.disarm()
    Swift.print(text, terminator: terminator)
}
