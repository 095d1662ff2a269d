import Foundation
import Glibc
import RelanceTestSupport
import Synchronization
import Testing

@testable import RelanceDaemon

/// Counts what a watcher's stream delivers, from a consumer task.
///
/// The consumer and the waits run on a thread of their own (`DedicatedThreadExecutor`), not on Swift's
/// shared pool: the synchronous integration tests that run beside these can hold every thread of the
/// pool for seconds, and a wait that was not run for two seconds would fail with the event delivered.
private final class StreamProbe: Sendable {
    private static let executor = DedicatedThreadExecutor(name: "relance.tests.watcher-probe")

    private final class Counts: Sendable {
        let state = Mutex((events: 0, finished: false))
    }
    private let counts = Counts()
    private let consumer: Task<Void, Never>

    init(_ watcher: FileChangeWatcher) {
        let counts = self.counts
        consumer = Task(executorPreference: Self.executor) {
            for await _ in watcher.changes { counts.state.withLock { $0.events += 1 } }
            counts.state.withLock { $0.finished = true }
        }
    }

    var events: Int { counts.state.withLock { $0.events } }
    var finished: Bool { counts.state.withLock { $0.finished } }

    /// Polls `condition` every 10 ms for up to `seconds`; returns its final value.
    func wait(upTo seconds: Double = 2, until condition: (StreamProbe) -> Bool) async -> Bool {
        await withTaskExecutorPreference(Self.executor) {
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            while ContinuousClock.now < deadline {
                if condition(self) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return condition(self)
        }
    }

    deinit { consumer.cancel() }
}

@Suite struct FileChangeWatcherTests {
    let folder: URL
    let ledger: URL

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "relance-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        ledger = folder.appendingPathComponent("ledger.csv")
        try Data("invoice,client\n".utf8).write(to: ledger)
    }

    private func watch(
        _ paths: [URL]? = nil, settle: Duration = .milliseconds(30)
    ) throws -> (FileChangeWatcher, StreamProbe) {
        let watcher = try FileChangeWatcher(paths: (paths ?? [ledger]).map(\.path), settle: settle)
        return (watcher, StreamProbe(watcher))
    }

    @Test func rewritingTheFileInPlaceIsReported() async throws {
        let (watcher, probe) = try watch()
        defer { watcher.stop() }
        let handle = try FileHandle(forWritingTo: ledger)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("F-1,C001\n".utf8))
        try handle.close()
        #expect(await probe.wait { $0.events == 1 })
    }

    @Test func replacingTheFileByRenameIsReported() async throws {
        let (watcher, probe) = try watch()
        defer { watcher.stop() }
        let temporary = folder.appendingPathComponent(".ledger.csv.tmp")
        try Data("invoice,client\nF-2,C002\n".utf8).write(to: temporary)
        #expect(rename(temporary.path, ledger.path) == 0)
        #expect(await probe.wait { $0.events == 1 })
    }

    @Test func touchingAnotherFileInTheFolderIsNotReported() async throws {
        let (watcher, probe) = try watch()
        defer { watcher.stop() }
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("y".utf8).write(to: folder.appendingPathComponent("ledger.csv.bak"), options: .atomic)
        #expect(await probe.wait(upTo: 0.3) { $0.events > 0 } == false)
        // The watcher is alive all the same: the ledger itself is still seen. (At least once: a write is
        // an open, a truncate and a close, which a starved test run may see as two changes; coalescing
        // has a test of its own.)
        try Data("z".utf8).write(to: ledger)
        #expect(await probe.wait { $0.events >= 1 })
    }

    @Test func deletingAndRecreatingTheFileIsReported() async throws {
        let (watcher, probe) = try watch()
        defer { watcher.stop() }
        try FileManager.default.removeItem(at: ledger)
        #expect(await probe.wait { $0.events >= 1 })
    }

    @Test func aBurstOfWritesIsCoalescedIntoOneChange() async throws {
        // A settle long enough that a test thread preempted in the middle of the burst (a loaded CI
        // machine) still writes it as one burst.
        let (watcher, probe) = try watch(settle: .milliseconds(300))
        defer { watcher.stop() }
        for round in 0..<20 { try Data("round \(round)\n".utf8).write(to: ledger) }
        #expect(await probe.wait { $0.events >= 1 })
        try await Task.sleep(for: .milliseconds(200))
        #expect(probe.events == 1)
    }

    @Test func filesInSeveralFoldersAreWatched() async throws {
        let other = folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let payments = other.appendingPathComponent("payments.csv")
        let (watcher, probe) = try watch([ledger, payments])
        defer { watcher.stop() }
        try Data("invoice,date,amount\n".utf8).write(to: payments, options: .atomic)
        #expect(await probe.wait { $0.events == 1 })
    }

    @Test func stopEndsTheStream() async throws {
        let (watcher, probe) = try watch()
        #expect(!probe.finished)
        watcher.stop()
        watcher.stop()
        #expect(await probe.wait { $0.finished })
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: FileChangeWatcher.SetupError.self) {
            _ = try FileChangeWatcher(paths: [folder.appendingPathComponent("nope/ledger.csv").path])
        }
    }
}
