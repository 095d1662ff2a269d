import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// The journal is a hash chain: every entry's hash covers the previous hash and every field, ids have
/// no gaps, and `journal_head` records the last entry, so an edited, deleted or inserted entry is found
/// by `verifyJournal()`, even after the attacker dropped the append-only triggers.
@Suite struct JournalChainTests {
    typealias F = StoreFixtures

    /// Ten entries: 1–3 `ledger.imported` (F1; F2; G1: three syncs), 4 message.sending (linked to F1 and F2),
    /// 5 message.sent, 6 message.archived, 7 step.reached, 8 task.opened, 9 a note, 10 a reload.
    private func populatedStore() throws -> (SQLiteStore, String) {
        let (store, path) = try F.makeStore()
        _ = try store.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2")], at: F.at(minutes: 0))
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2"), F.invoice("G1", client: "C002")], at: F.at(minutes: 0))
        let id = try store.beginMessage(F.draft(invoices: ["F1", "F2"], advances: [F.advance("F1")]), at: F.at(minutes: 1))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "2.0.0 Ok"), nextAttemptAt: nil, at: F.at(minutes: 2))
        try store.recordAdvances(
            [F.advance("G1", client: "C002", step: "call", offset: 15, action: .call)],
            tasks: [NewTask(clientID: "C002", invoice: "G1", stepName: "call", action: .call, summary: "Call about G1")],
            at: F.at(minutes: 3))
        try store.journal(NewJournalEvent(kind: "operator.note", at: F.at(minutes: 4), clientID: "C001", detail: "called"))
        try store.journal(NewJournalEvent(kind: "config.reloaded", at: F.at(minutes: 5), detail: "clients=2"))
        return (store, path)
    }

    /// What an attacker with write access to the file does first.
    private func dropAppendOnlyTriggers(_ store: SQLiteStore) throws {
        try store.writer.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;
                    DROP TRIGGER journal_invoices_no_update; DROP TRIGGER journal_invoices_no_delete;
                    """)
        }
    }

    private func count(_ store: SQLiteStore) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM journal")! }
    }

    @Test func aFreshChainVerifiesAndItsHeadIsTheLastHash() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        let rows = try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT id, prev_hash, hash FROM journal ORDER BY id") }
        #expect(rows.count == 10)
        #expect(rows.map { $0["id"] as Int64 } == Array(1...10))
        #expect(rows[0]["prev_hash"] == JournalChain.genesis)
        for (before, after) in zip(rows, rows.dropFirst()) { #expect(after["prev_hash"] == before["hash"] as String) }

        let result = try store.verifyJournal()
        #expect(result.isIntact, "\(String(describing: result.firstBreak))")
        #expect(result.entriesChecked == 10)
        #expect(result.archivesVerified == 1)
        #expect(result.lastHash == rows.last?["hash"])
        #expect(result.lastHash == (try store.writer.read { db in try String.fetchOne(db, sql: "SELECT hash FROM journal_head") }))
        #expect(try SQLiteStore.inMemory().verifyJournal() == JournalVerification(
            entriesChecked: 0, archivesVerified: 0, archiveFailures: 0, lastHash: JournalChain.genesis, firstBreak: nil))
    }

    /// The expected values were computed with Python's hashlib from the format documented in
    /// `JournalChain`, so anyone can check the journal without relance.
    @Test func hashesFollowTheDocumentedFormat() throws {
        let store = try SQLiteStore.inMemory()
        try store.journal(NewJournalEvent(
            kind: "invoice.new", at: F.t0, clientID: "C001", invoice: "F1", detail: "client=C001 due=2026-01-31"))
        _ = try store.writer.write { db in
            try JournalWriter(db).append(
                kind: "message.sent", at: F.at(minutes: 1), clientID: "C001", invoice: nil, message: 7,
                detail: #"attempt=1 code=250 reply="2.0.0 Ok" message_id=a@b"#, linkedInvoices: ["F2", "F1", "É1"])
        }
        let hashes = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT hash FROM journal ORDER BY id") }
        #expect(hashes == [
            "ffdfd1f127131d87fdf486a888cc46b6bc30eec7ace97222d5e61e3a161f9073",
            "7d0bd6ff35cb6c86dd48d03433a073c850c9af6410ec7993e28dcd0b5b0c46bf",
        ])
        #expect(SHA256Hex.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A writer that is kept for a transaction (a group commit) believes the head is the entry it appended
    /// last while `lastInsertedRowID` still names it. Another writer may append meanwhile and a row of
    /// another table may then get that same id: the stale writer's insert is refused, and it re-reads the
    /// head and appends after the real one.
    @Test func aKeptWriterFollowsEntriesAnotherWriterAppended() throws {
        let store = try SQLiteStore.inMemory()
        try store.writer.write { db in
            let kept = try JournalWriter(db)
            let first = try kept.append(
                kind: "kept.one", at: F.t0, clientID: "C1", invoice: nil, message: nil, detail: "")
            try JournalWriter(db).append(
                kind: "other", at: F.t0, clientID: "C1", invoice: nil, message: nil, detail: "")
            try db.execute(
                sql: """
                    INSERT INTO cycles (id, started_at, finished_at, planned, sent, deferred, failed, unknown, tasks)
                    VALUES (?, 0, 0, 0, 0, 0, 0, 0, 0)
                    """,
                arguments: [first])
            #expect(db.lastInsertedRowID == first)  // what the kept writer checks: it looks unchanged
            try kept.append(kind: "kept.two", at: F.t0, clientID: "C1", invoice: nil, message: nil, detail: "")
        }
        let kinds = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT kind FROM journal ORDER BY id") }
        #expect(kinds == ["kept.one", "other", "kept.two"])
        #expect(try store.verifyJournal().firstBreak == nil)
    }

    @Test func theCanonicalFormKeepsFieldBoundariesAndNulls() {
        func hash(client: String?, invoice: String?, detail: String = "", linked: [String] = []) -> String {
            JournalChain.hash(
                previous: JournalChain.genesis,
                .init(id: 1, atMillis: 0, kind: "k", clientID: client, invoice: invoice, message: nil, detail: detail, linkedInvoices: linked))
        }
        #expect(hash(client: "AB", invoice: "C") != hash(client: "A", invoice: "BC"))
        #expect(hash(client: nil, invoice: "A") != hash(client: "", invoice: "A"))
        #expect(hash(client: "A", invoice: nil) != hash(client: nil, invoice: "A"))
        #expect(hash(client: nil, invoice: nil, detail: "F1") != hash(client: nil, invoice: nil, linked: ["F1"]))
    }

    @Test func oneChangedByteInADetailIsFoundAtThatEntry() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        try dropAppendOnlyTriggers(store)
        let original = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT detail FROM journal WHERE id = 3")! }
        var bytes = Array(original.utf8)
        bytes[bytes.count / 2] ^= 0x01  // one ASCII byte, one bit
        let forged = String(decoding: bytes, as: UTF8.self)
        #expect(zip(original.utf8, forged.utf8).filter { $0 != $1 }.count == 1)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE journal SET detail = ? WHERE id = 3", arguments: [forged])
        }

        let result = try store.verifyJournal()
        let broken = try #require(result.firstBreak)
        #expect(broken.entryID == 3)
        #expect(broken.reason == .hashMismatch)
        #expect(broken.detail.contains("entry 3 (ledger.imported) was edited"))
        #expect(result.entriesChecked == 2)
    }

    @Test(arguments: [
        "UPDATE journal SET kind = 'invoice.neu' WHERE id = 4",
        "UPDATE journal SET at = at + 1 WHERE id = 4",
        "UPDATE journal SET client_id = 'C002' WHERE id = 4",
        "UPDATE journal SET invoice = 'F2' WHERE id = 4",
        "UPDATE journal SET message = NULL WHERE id = 4",
        "UPDATE journal SET detail = detail || ' ' WHERE id = 4",
        "UPDATE journal_invoices SET invoice = 'F9' WHERE event_id = 4 AND invoice = 'F2'",
        "INSERT INTO journal_invoices (invoice, event_id) VALUES ('G1', 4)",
        "DELETE FROM journal_invoices WHERE event_id = 4 AND invoice = 'F1'",
    ])
    func anEditToAnyFieldOrLinkIsFound(sql: String) throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        #expect(try store.history(invoice: "F1").first { $0.id == 4 }?.kind == "message.sending")
        try dropAppendOnlyTriggers(store)
        try store.writer.write { db in try db.execute(sql: sql) }
        let broken = try #require(try store.verifyJournal().firstBreak)
        #expect(broken.entryID == 4)
        #expect(broken.reason == .hashMismatch)
    }

    @Test func anEntryRewrittenWithARecomputedHashBreaksTheNextLink() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        try dropAppendOnlyTriggers(store)
        try store.writer.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE id = 1")!
            let entry = JournalChain.Entry(
                id: 1, atMillis: (row["at"] as Int64) - 86_400_000, kind: row["kind"], clientID: row["client_id"],
                invoice: row["invoice"], message: row["message"], detail: row["detail"], linkedInvoices: [])
            try db.execute(
                sql: "UPDATE journal SET at = ?, hash = ? WHERE id = 1",
                arguments: [entry.atMillis, JournalChain.hash(previous: JournalChain.genesis, entry)])
        }
        let broken = try #require(try store.verifyJournal().firstBreak)
        #expect(broken.entryID == 2)
        #expect(broken.reason == .prevHashMismatch)
    }

    @Test(arguments: [1, 5])
    func aDeletedEntryIsFound(id: Int) throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        try dropAppendOnlyTriggers(store)
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM journal_invoices WHERE event_id = ?; DELETE FROM journal WHERE id = ?", arguments: [id, id])
        }
        #expect(try count(store) == 9)
        let result = try store.verifyJournal()
        let broken = try #require(result.firstBreak)
        #expect(broken.entryID == Int64(id))
        #expect(broken.reason == .missingEntry)
        #expect(broken.detail.hasPrefix("entry \(id) is missing (deleted)"))
        #expect(result.entriesChecked == id - 1)
    }

    @Test func aDeletedLastEntryIsFoundThroughTheHead() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        try dropAppendOnlyTriggers(store)
        try store.writer.write { db in try db.execute(sql: "DELETE FROM journal WHERE id = 10") }
        let result = try store.verifyJournal()
        let broken = try #require(result.firstBreak)
        #expect(broken.entryID == 10)
        #expect(broken.reason == .missingEntry)
        #expect(broken.detail.contains("journal_head records entry 10"))
        #expect(result.entriesChecked == 9)
    }

    /// The documented limit: whoever can write the file can also rewind the head. Only a head hash kept
    /// elsewhere shows it: the exported head is no longer the head, nor any entry's hash.
    @Test func rewindingTheHeadToo_OnlyAnExportedHeadShowsIt() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        let exported = try store.verifyJournal().lastHash
        try dropAppendOnlyTriggers(store)
        try store.writer.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER journal_head_forward_only;
                    DELETE FROM journal WHERE id = 10;
                    UPDATE journal_head SET last_id = 9, hash = (SELECT hash FROM journal WHERE id = 9);
                    """)
        }
        let result = try store.verifyJournal()
        #expect(result.isIntact)
        #expect(result.lastHash != exported)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM journal WHERE hash = ?", arguments: [exported]) } == 0)
    }

    @Test func writesOutsideTheChainAreRefusedByTheDatabase() throws {
        let (store, path) = try populatedStore()
        defer { F.remove(path) }
        let refused = [
            "INSERT INTO journal (at, kind, detail) VALUES (0, 'forged', '')",
            "INSERT INTO journal (id, at, kind, detail, prev_hash, hash) VALUES (12, 0, 'forged', '', '', '')",
            "UPDATE journal_head SET last_id = 3",
            "UPDATE journal_head SET hash = 'x'",
            "DELETE FROM journal_head",
            "INSERT INTO journal_head (singleton, last_id, hash) VALUES (2, 0, '')",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.writer.write { db in try db.execute(sql: sql) } }
        }
        #expect(try store.verifyJournal().isIntact)
        #expect(try store.verifyJournal().entriesChecked == 10)
    }

    @Test func aV1JournalIsHashedInIdOrderByTheMigration() throws {
        let path = F.temporaryPath()
        defer { F.remove(path) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            // Before any other connection of the process: SQLite's process-wide settings come first.
            SQLiteProcessSettings.apply()
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO journal (at, kind, client_id, invoice, message, detail) VALUES
                            (1000, 'invoice.new', 'C001', 'F1', NULL, 'client=C001'),
                            (2000, 'message.sending', 'C001', NULL, 1, 'message_id=x@y'),
                            (3000, 'config.reloaded', NULL, NULL, NULL, '');
                        INSERT INTO journal_invoices (invoice, event_id) VALUES ('F1', 1), ('F2', 2), ('F1', 2);
                        """)
            }
        }
        let store = try SQLiteStore(path: path)
        var result = try store.verifyJournal()
        #expect(result.isIntact, "\(String(describing: result.firstBreak))")
        #expect(result.entriesChecked == 3)
        let first = JournalChain.hash(
            previous: JournalChain.genesis,
            .init(id: 1, atMillis: 1000, kind: "invoice.new", clientID: "C001", invoice: "F1", message: nil, detail: "client=C001", linkedInvoices: ["F1"]))
        #expect(try store.writer.read { db in try String.fetchOne(db, sql: "SELECT hash FROM journal WHERE id = 1") } == first)

        try store.journal(NewJournalEvent(kind: "operator.note", at: F.t0, detail: "after the migration"))
        result = try store.verifyJournal()
        #expect(result.isIntact)
        #expect(result.entriesChecked == 4)
        // The append-only triggers are back.
        #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: "UPDATE journal SET detail = ''") } }
    }

    @Test func twoConnectionsAppendToOneChain() async throws {
        let (daemon, path) = try F.makeStore()
        defer { F.remove(path) }
        let cli = try SQLiteStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, store) in [("daemon", daemon), ("cli", cli)] {
                group.addTask {
                    for i in 0..<20 {
                        try store.journal(NewJournalEvent(kind: "\(name).note", at: F.at(minutes: i), detail: "n=\(i)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let result = try cli.verifyJournal()
        #expect(result.isIntact)
        #expect(result.entriesChecked == 40)
    }
}
