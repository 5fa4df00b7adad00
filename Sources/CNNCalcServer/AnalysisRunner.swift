import Foundation

/// Runs analyses on threads of their own, at most ``ServerConfiguration/concurrentAnalyses`` at
/// once, and gives up waiting for one after ``ServerConfiguration/analysisTimeout``, counted
/// from the request's arrival: a request that waits for a free slot has that much less time.
///
/// An analysis is plain computation that cannot be interrupted, so one that runs past its time
/// keeps its thread and its slot until it ends; its request has already been answered with
/// status 503. The slots therefore bound the work the server does at any moment, and the
/// deadline bounds how long a client waits. The threads are not the tasks of Swift's cooperative
/// pool, so a long analysis never stalls the server's reading and writing of other requests.
final class AnalysisRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private let slots: Int
    private let timeout: Duration
    /// Where the deadlines fire.
    private static let deadlines = DispatchQueue(label: "cnncalc.analysis-deadlines")

    init(slots: Int, timeout: Duration) {
        self.slots = slots
        self.timeout = timeout
    }

    /// The result of `work`, or the error it threw.
    ///
    /// - Throws: ``ServerError`` with status 503 when no slot frees up or the work runs past
    ///   the deadline; whatever `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !acquire() {
            guard clock.now < deadline else {
                throw ServerError(503, "the server was busy with \(slots) other analyses for \(Self.text(timeout))", fix: "try again in a moment")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        let remaining = deadline - clock.now
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.set(continuation)
            let thread = Thread { [self] in
                let result = Result { try work() }
                release()
                outcome.finish(result)
            }
            // Readers of deeply nested text recurse; the main thread's stack size is the usual 8 MiB.
            thread.stackSize = 16 << 20
            thread.start()
            // The deadline is kept on a queue of its own, not the tasks of the cooperative pool,
            // which work that blocks a thread could hold up.
            let (seconds, attoseconds) = remaining.components
            let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            Self.deadlines.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [timeout] in
                outcome.finish(.failure(ServerError(
                    503, "the analysis took longer than \(Self.text(timeout)), the server's limit",
                    fix: "analyse this model with the command line (cnncalc FILE), which has no time limit")))
            }
        }
    }

    /// A duration as people write it: `10 s`, or `250 ms` below a second.
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds >= 1 { return "\(seconds) s" }
        return "\(attoseconds / 1_000_000_000_000_000) ms"
    }

    private func acquire() -> Bool {
        lock.withLock {
            guard running < slots else { return false }
            running += 1
            return true
        }
    }

    private func release() {
        lock.withLock { running -= 1 }
    }
}

/// A continuation resumed by whichever comes first: the work's result or the deadline.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let result: Result<T, any Error>? = lock.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    func finish(_ result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = lock.withLock {
            guard let waiting = self.continuation else {
                if early == nil { early = result }
                return nil
            }
            self.continuation = nil
            early = result
            return waiting
        }
        continuation?.resume(with: result)
    }
}
