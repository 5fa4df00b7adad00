import Foundation

/// Runs analyses on threads of their own, at most ``ServerConfiguration/concurrentAnalyses`` at
/// once, and gives up waiting for one after ``ServerConfiguration/analysisTimeout``.
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

    init(slots: Int, timeout: Duration) {
        self.slots = slots
        self.timeout = timeout
    }

    /// The result of `work`, or the error it threw.
    ///
    /// - Throws: ``ServerError`` with status 503 when every slot is taken or the work runs past
    ///   the deadline; whatever `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard acquire() else {
            throw ServerError(503, "the server is already running \(slots) analyses", fix: "try again in a moment")
        }
        let seconds = timeout.components.seconds
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
            Task { [timeout] in
                try? await Task.sleep(for: timeout)
                outcome.finish(.failure(ServerError(
                    503, "the analysis took longer than \(seconds) s, the server's limit",
                    fix: "analyse this model with the command line (cnncalc FILE), which has no time limit")))
            }
        }
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
