import CSQLiteSettings
import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// The daemon and the CLI open the same file: committed writes are visible to the other connection,
/// a writer waits (busy timeout) instead of failing, and commits are durable (synchronous=FULL).
@Suite struct ConcurrentAccessTests {
    typealias F = StoreFixtures

    @Test func openingCreatesFoldersAndConfiguresTheConnection() throws {
        let path = StoreFixtures.temporaryPath()
        defer { StoreFixtures.remove(path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try SQLiteStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store.path == path)
        let pragmas = try store.writer.writeWithoutTransaction { db -> [String?] in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchOne(db, sql: "PRAGMA synchronous"),  // 2 = FULL
                try String.fetchOne(db, sql: "PRAGMA busy_timeout"),
                try String.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchOne(db, sql: "PRAGMA temp_store"),  // 2 = MEMORY
            ]
        }
        #expect(pragmas == ["wal", "2", "5000", "1", "2"])
        #expect(try store.writer.read { db in try DatabaseMigrator().appliedIdentifiers(db) } == Set(StoreSchema.migrator.migrations))
        #expect(StoreSchema.migrator.migrations.prefix(2) == ["v1", "v2"])
        // Reopening an existing file migrates nothing and keeps the data.
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 0), clientID: "C1", detail: "kept"))
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.history(client: "C1").map(\.detail) == ["kept"])
    }

    /// SQLite keeps no memory statistics in a process that opened a store (every allocation inside
    /// SQLite would otherwise take one process-wide mutex): SQLite counts no bytes, however much it uses.
    @Test func sqliteKeepsNoMemoryStatisticsOnceAStoreIsOpen() throws {
        let (store, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 0), clientID: "C1", detail: "counted?"))
        #expect(SQLiteProcessSettings.applied == SQLITE_OK)
        #expect(sqlite3_memory_used() == 0)
        #expect(try store.history(client: "C1").count == 1)
    }

    @Test func aSecondStoreOnTheSameFileSeesCommittedWrites() throws {
        let (daemon, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        let cli = try SQLiteStore(path: path)

        _ = try daemon.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        let id = try daemon.beginMessage(F.draft(), at: F.at(minutes: 1))
        #expect(try cli.message(id: id)?.state == .sending)
        #expect(try cli.plannerState().reached["F1"]?.stepName == "first")

        try daemon.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 2))
        #expect(try cli.message(id: id)?.state == .sent)

        // And the other way round: the CLI writes, the daemon reads.
        try cli.journal(NewJournalEvent(kind: "operator.note", at: F.at(minutes: 3), invoice: "F1", detail: "called"))
        #expect(
            F.kinds(try daemon.history(invoice: "F1"))
                == ["ledger.imported", "message.sending", "message.sent", "message.archived", "operator.note"])
    }

    @Test func aWriterWaitsForTheOtherConnectionInsteadOfFailing() async throws {
        let (daemon, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        let cli = try SQLiteStore(path: path)

        let inside = DispatchSemaphore(value: 0)
        let holder = Task.detached {
            try await daemon.writer.write { db in
                try JournalWriter(db).append(
                    kind: "daemon.hold", at: F.at(minutes: 0), clientID: nil, invoice: nil, message: nil, detail: "")
                inside.signal()
                Thread.sleep(forTimeInterval: 0.5)  // holds the write lock for half a second
            }
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                inside.wait()
                done.resume()
            }
        }
        // Without the busy timeout this throws SQLITE_BUSY at once; with it, it waits for the holder.
        try cli.journal(NewJournalEvent(kind: "cli.write", at: F.at(minutes: 1), clientID: "C1", detail: ""))
        try await holder.value
        let kinds = try await cli.writer.read { db in try String.fetchAll(db, sql: "SELECT kind FROM journal ORDER BY id") }
        #expect(kinds == ["daemon.hold", "cli.write"])
    }

    @Test func twoProcessesPlanningTheSameStepSendItOnce() async throws {
        let (daemon, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        let other = try SQLiteStore(path: path)

        // Both planned from the same (empty) past; they race to commit `sending`.
        async let a = Result { try daemon.beginMessage(F.draft(), at: F.at(minutes: 0)) }
        async let b = Result { try other.beginMessage(F.draft(), at: F.at(minutes: 0)) }
        let results = [await a, await b]
        let succeeded = results.compactMap { try? $0.get() }
        #expect(succeeded.count == 1)
        let refusals = results.compactMap { result -> StoreError? in
            if case .failure(let error) = result { return error as? StoreError }
            return nil
        }
        #expect(refusals == [.staleAdvance(invoice: "F1", step: "first", offsetDays: 1, reachedStep: "first", reachedOffsetDays: 1)])
        #expect(try daemon.messages(states: nil).count == 1)
    }
}
