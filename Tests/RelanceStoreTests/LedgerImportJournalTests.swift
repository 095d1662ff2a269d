import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// The invoices a sync sees first are journaled as one `ledger.imported` entry whose detail carries
/// their count and the SHA-256 of their rows: history still shows each invoice's first appearance,
/// and the verifier finds any edit of those rows.
@Suite struct LedgerImportJournalTests {
    typealias F = StoreFixtures

    /// The digest as `LedgerRecord` documents it, written out independently of the store's code.
    private func documentedDigest(_ rows: [(String, String, String, String, Int64, Int64, String)]) -> String {
        var bytes = Array("relance.ledger.v1\u{0}".utf8)
        func str(_ s: String) {
            withUnsafeBytes(of: UInt64(s.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: s.utf8)
        }
        func i64(_ v: Int64) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
        for row in rows.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
            str(row.0); str(row.1); str(row.2); str(row.3); i64(row.4); i64(row.5); str(row.6)
        }
        return SHA256Hex.digest(bytes)
    }

    @Test func oneEntryPerSyncCoversTheNewRowsInNumberOrder() throws {
        let store = try SQLiteStore.inMemory()
        // Not in number order, and "F10" sorts before "F2" by bytes.
        let ledger = [F.invoice("F2", amount: "10.00"), F.invoice("F10", client: "C002", paid: "5.00"), F.invoice("F1")]
        _ = try store.syncLedger(ledger, at: F.at(minutes: 0))
        let entries = try store.journalEntries(after: 0)
        #expect(entries.map(\.event.kind) == ["ledger.imported"])
        let digest = documentedDigest([
            ("F2", "C001", "2026-01-01", "2026-01-31", 1000, 0, "EUR"),
            ("F10", "C002", "2026-01-01", "2026-01-31", 120_000, 500, "EUR"),
            ("F1", "C001", "2026-01-01", "2026-01-31", 120_000, 0, "EUR"),
        ])
        #expect(entries[0].event.detail == "invoices=3 sha256=\(digest)")
        #expect(entries[0].event.clientID == nil && entries[0].event.invoice == nil)
        let links = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM journal_invoices") }
        #expect(links == 0)
        let origins = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT origin_event FROM invoices") }
        #expect(origins == [1, 1, 1])

        // A second sync: only the new invoice, in an entry of its own; an unchanged ledger adds nothing.
        _ = try store.syncLedger(ledger + [F.invoice("F3")], at: F.at(minutes: 10))
        _ = try store.syncLedger(ledger + [F.invoice("F3")], at: F.at(minutes: 20))
        let after = try store.journalEntries(after: 1)
        #expect(after.map(\.event.detail) == ["invoices=1 sha256=\(documentedDigest([("F3", "C001", "2026-01-01", "2026-01-31", 120_000, 0, "EUR")]))"])
        #expect(try store.verifyJournal().isIntact)
    }

    /// 200 rows: three statements of `insertBatch` rows, then eight one by one.
    @Test func batchedInsertsStoreEveryRowAsGiven() throws {
        #expect(LedgerSync.insertBatch == 64)
        let store = try SQLiteStore.inMemory()
        let ledger = (0..<200).map { i in
            Invoice(
                number: "N\(1000 + i)", clientID: "C\(i % 7)", issued: LocalDate(daysSinceEpoch: 20_000 + i),
                due: LocalDate(daysSinceEpoch: 20_030 + i), amount: Money(minorUnits: Int64(100 + i), currency: .eur),
                paid: Money(minorUnits: Int64(i % 3 == 0 ? 100 + i : i), currency: .eur))
        }
        #expect(try store.syncLedger(ledger, at: F.at(minutes: 0)).added == 200)
        #expect(try store.invoices() == ledger.map {
            StoredInvoice(number: $0.number, clientID: $0.clientID, due: $0.due, amount: $0.amount, paid: $0.paid,
                inLedger: true, reached: nil)
        })
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT issued, settled_at, origin_event FROM invoices ORDER BY number")
        }
        #expect(rows.map { $0[0] as String } == ledger.map { StoreCodec.iso($0.issued) })
        #expect(rows.map { $0[1] as Int64? != nil } == ledger.map(\.isSettled))
        #expect(Set(rows.map { $0[2] as Int64 }) == [1])
        #expect(try store.syncLedger(ledger, at: F.at(minutes: 1)).unchanged == 200)
        #expect(try store.verifyJournal().isIntact)
    }

    @Test func historyShowsWhatTheInvoiceFirstSaidAfterItChanged() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2")], at: F.at(minutes: 0))
        // F1 moves to C009 with a new due date and a payment; then vanishes and comes back.
        _ = try store.syncLedger([F.invoice("F1", client: "C009", due: "2026-03-31", paid: "100.00"), F.invoice("F2")], at: F.at(minutes: 10))
        _ = try store.syncLedger([F.invoice("F2")], at: F.at(minutes: 20))
        _ = try store.syncLedger([F.invoice("F1", client: "C009", due: "2026-04-30"), F.invoice("F2")], at: F.at(minutes: 30))

        let f1 = try store.history(invoice: "F1")
        #expect(F.kinds(f1) == ["ledger.imported", "invoice.changed", "invoice.vanished", "invoice.reappeared"])
        #expect(f1[0] == JournalEvent(id: 1, kind: "ledger.imported", at: F.at(minutes: 0), clientID: "C001", invoice: "F1",
            messageID: nil, detail: "client=C001 issued=2026-01-01 due=2026-01-31 amount=1200.00 paid=0.00 currency=EUR"))
        #expect(f1[1].detail
            == "client=C009 previous_client=C001 due=2026-03-31 previous_due=2026-01-31 paid=100.00 previous_paid=0.00 ladder=restarted")
        // The client it had then and the client it has now both see its first appearance, once.
        #expect(try store.history(client: "C001").filter { $0.invoice == "F1" }.map(\.kind) == ["ledger.imported"])
        #expect(F.kinds(try store.history(client: "C009").filter { $0.invoice == "F1" })
            == ["ledger.imported", "invoice.changed", "invoice.vanished", "invoice.reappeared"])
        #expect(try store.history(client: "C001").filter { $0.invoice == "F2" }.map(\.kind) == ["ledger.imported"])
        let verification = try store.verifyJournal()
        #expect(verification.isIntact, "\(String(describing: verification.firstBreak))")
    }

    /// What an attacker with write access to the file does first.
    private func dropTriggers(_ store: SQLiteStore) throws {
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER invoices_origin_fixed; DROP TRIGGER invoices_origin_no_delete; DROP TRIGGER journal_no_update")
        }
    }

    /// Entry 1 imports F1, F2 (C001) and G1 (C002); entry 2 records F2's payment (F2 keeps its origin),
    /// entry 3 imports H1.
    private func populatedStore() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        let first = [F.invoice("F1"), F.invoice("F2"), F.invoice("G1", client: "C002")]
        _ = try store.syncLedger(first, at: F.at(minutes: 0))
        _ = try store.syncLedger([first[0], F.invoice("F2", paid: "1200.00"), first[2]], at: F.at(minutes: 10))
        _ = try store.syncLedger([first[0], F.invoice("F2", paid: "1200.00"), first[2], F.invoice("H1")], at: F.at(minutes: 20))
        #expect(F.kinds(try store.journalEntries(after: 0).map(\.event)) == ["ledger.imported", "invoice.settled", "ledger.imported"])
        #expect(try store.verifyJournal().isIntact)
        return store
    }

    @Test(arguments: [
        // A current value of a row that never changed (its origin is still the row itself).
        "UPDATE invoices SET amount_minor = 1 WHERE number = 'F1'",
        "UPDATE invoices SET due = '2027-01-31' WHERE number = 'G1'",
        "UPDATE invoices SET client_id = 'C002' WHERE number = 'F1'",
        // The kept first form of a row that changed.
        "UPDATE invoices SET origin = CAST(substr(origin, 1, length(origin) - 1) || 'F' AS BLOB) WHERE number = 'F2'",
        "UPDATE invoices SET origin = NULL WHERE number = 'F2'",
        // An imported row deleted, or moved to the other entry.
        "DELETE FROM invoices WHERE number = 'G1'",
        "UPDATE invoices SET origin_event = 3 WHERE number = 'G1'",
    ])
    func anEditedImportedRowIsFoundAtItsEntry(sql: String) throws {
        let store = try populatedStore()
        try dropTriggers(store)
        try store.writer.write { db in try db.execute(sql: sql) }
        let result = try store.verifyJournal()
        let broken = try #require(result.firstBreak)
        #expect(broken.entryID == 1)
        #expect(broken.reason == .ledgerMismatch)
        #expect(broken.detail.contains("entry 1 (ledger.imported) introduced 3 invoices"), "\(broken.detail)")
        #expect(result.entriesChecked == 0)
    }

    @Test func anEditedEntryOrARowPointingElsewhereIsFound() throws {
        let store = try populatedStore()
        try dropTriggers(store)
        // The entry's own detail: its hash no longer matches.
        try store.writer.write { db in try db.execute(sql: "UPDATE journal SET detail = replace(detail, 'invoices=3', 'invoices=2') WHERE id = 1") }
        #expect(try store.verifyJournal().firstBreak?.reason == .hashMismatch)

        let other = try populatedStore()
        try dropTriggers(other)
        try other.writer.write { db in try db.execute(sql: "UPDATE invoices SET origin_event = 2 WHERE number = 'H1'") }
        let broken = try #require(try other.verifyJournal().firstBreak)
        #expect(broken.reason == .ledgerMismatch)
        #expect(broken.entryID == 2 || broken.entryID == 3)
    }

    @Test func theDatabaseRefusesToRewriteAFirstAppearance() throws {
        let store = try populatedStore()
        let refused = [
            "UPDATE invoices SET paid_minor = 1 WHERE number = 'F1'",
            "UPDATE invoices SET origin_event = 2 WHERE number = 'F1'",
            "UPDATE invoices SET origin = x'00' WHERE number = 'F2'",
            "DELETE FROM invoices WHERE number = 'H1'",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.writer.write { db in try db.execute(sql: sql) } }
        }
        // What the sync itself does stays allowed: vanishing leaves the values alone.
        try store.writer.write { db in try db.execute(sql: "UPDATE invoices SET in_ledger = 0 WHERE number = 'F1'") }
        #expect(try store.verifyJournal().isIntact)
    }

    /// A store written before `ledger.imported` (one `invoice.new` entry per invoice, linked) keeps its
    /// history and still verifies once migrated; its next sync journals the new way.
    @Test func aStoreWithInvoiceNewEntriesStillVerifiesAfterTheMigration() throws {
        let path = StoreFixtures.temporaryPath()
        defer { F.remove(path) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        // Before any other connection of the process: SQLite's process-wide settings come first.
        SQLiteProcessSettings.apply()
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "escalation-v2-receipts")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO invoices (number, client_id, issued, due, amount_minor, paid_minor, currency, first_seen, changed_at)
                    VALUES ('OLD1', 'C001', '2026-01-01', '2026-01-31', 120000, 0, 'EUR', 0, 0)
                    """)
            try JournalWriter(db).append(
                kind: "invoice.new", at: F.t0, clientID: "C001", invoice: "OLD1", message: nil,
                detail: "client=C001 due=2026-01-31 amount=1200.00 paid=0.00 currency=EUR")
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.verifyJournal().isIntact)
        _ = try store.syncLedger([F.invoice("OLD1", paid: "1200.00"), F.invoice("NEW1")], at: F.at(minutes: 10))
        #expect(F.kinds(try store.history(invoice: "OLD1")) == ["invoice.new", "invoice.settled"])
        #expect(F.kinds(try store.history(invoice: "NEW1")) == ["ledger.imported"])
        #expect(F.kinds(try store.history(client: "C001")) == ["invoice.new", "ledger.imported", "invoice.settled"])
        let result = try store.verifyJournal()
        #expect(result.isIntact, "\(String(describing: result.firstBreak))")
        #expect(result.entriesChecked == 3)
    }
}
