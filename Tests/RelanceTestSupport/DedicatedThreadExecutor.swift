import Foundation

/// A task executor with one thread of its own, for the tests that wait against a clock.
///
/// Swift's shared pool has one thread per core (two on CI). The integration tests are synchronous:
/// each holds a pool thread while its `relance` process runs, for up to twenty seconds. Two of them at
/// once leave no thread for any other test, and a test that gives something two seconds to happen
/// then fails because it was not run, not because the thing did not happen. Tasks run with this
/// executor as their preference (`Task(executorPreference:)`, `withTaskExecutorPreference`) keep
/// running while the pool is held.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked Sendable: `jobs` is only touched while `condition` is locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts the thread; it lives as long as the process (a test suite makes one, once).
    public init(name: String) {
        let thread = Thread { self.run() }  // keeps the executor alive: it runs for the whole process
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
