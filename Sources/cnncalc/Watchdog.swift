#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ends a run that takes longer than `--timeout` with one error line and exit status 1.
///
/// An interval timer (`setitimer`) raises `SIGALRM` at the deadline, and its handler writes the
/// message and exits; no thread waits. Until the report starts to be written, it may end the
/// process: nothing has gone to standard output yet, so the user sees the error alone, never half
/// a report. Writing to standard output (``print(_:terminator:)`` of this module) first disarms it:
/// from then on the run finishes, however long the writing takes.
enum Watchdog {
    /// Whether the timer runs; once disarmed, it is never armed again.
    nonisolated(unsafe) private static var state = State.idle
    private enum State { case idle, armed, disarmed }

    /// Starts the clock: after `seconds`, unless disarmed, writes `message` to standard error and exits with 1.
    static func arm(seconds: Double, message: String) {
        guard state == .idle, seconds > 0 else { return }
        state = .armed
        // The handler may not allocate: the message is laid out in memory now.
        let bytes = Array((message + "\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        watchdogMessage = UnsafeBufferPointer(buffer)
        signal(SIGALRM) { _ in
            if let message = watchdogMessage { _ = write(2, message.baseAddress, message.count) }
            _exit(1)
        }
        // A parent may have started this process with SIGALRM blocked (the mask is inherited).
        var alarm = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        pthread_sigmask(SIG_UNBLOCK, &alarm, nil)
        // Beyond 31 years the deadline is as good as none.
        let clamped = min(seconds, 1e9)
        let whole = clamped.rounded(.down)
        var timer = itimerval()
        timer.it_value.tv_sec = Int(whole)
        timer.it_value.tv_usec = max(Int((clamped - whole) * 1_000_000), whole == 0 ? 1 : 0)
        setitimer(realTimer, &timer, nil)
    }

    /// Stops the clock for good; called before anything is written to standard output.
    static func disarm() {
        guard state != .disarmed else { return }
        if state == .armed {
            var stopped = itimerval()
            setitimer(realTimer, &stopped, nil)
        }
        state = .disarmed
    }
}

/// The timer of wall-clock time, which raises `SIGALRM`.
#if canImport(Glibc)
private let realTimer = __itimer_which_t(ITIMER_REAL.rawValue)
#else
private let realTimer = ITIMER_REAL
#endif

/// The line the ``Watchdog``'s signal handler writes: set before the timer starts, never freed.
nonisolated(unsafe) private var watchdogMessage: UnsafeBufferPointer<UInt8>?

/// Writes to standard output, as the standard library's `print` does, after disarming the ``Watchdog``:
/// every report of `cnncalc` goes through here, so a timeout never cuts one short.
func print(_ text: String, terminator: String = "\n") {
    Watchdog.disarm()
    Swift.print(text, terminator: terminator)
}
