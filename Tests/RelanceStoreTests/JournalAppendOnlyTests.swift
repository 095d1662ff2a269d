import Foundation
import GRDB
import Testing
@testable import RelanceStore

/// The journal cannot be rewritten: SQLite triggers refuse UPDATE and DELETE, even in raw SQL.
@Suite struct JournalAppendOnlyTests {
    typealias F = StoreFixtures

    private func expectRefused(_ store: SQLiteStore, _ sql: String, because reason: String = "the journal is append-only") {
        do {
            try store.writer.write { db in try db.execute(sql: sql) }
            Issue.record("\(sql) was accepted")
        } catch let error as DatabaseError {
            #expect(error.message?.contains(reason) == true, "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func updateAndDeleteOfJournalRowsFail() throws {
        let (store, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        _ = try store.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        // An event linked to F1, so journal_invoices has a row to refuse to touch.
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 0), invoice: "F1", detail: "x=0"))
        let before = try store.history(invoice: "F1")
        #expect(before.count == 2)

        expectRefused(store, "UPDATE journal SET detail = 'rewritten'")
        expectRefused(store, "DELETE FROM journal")
        expectRefused(store, "UPDATE journal_invoices SET invoice = 'F9'")
        expectRefused(store, "DELETE FROM journal_invoices")
        // The row a ledger.imported entry covers keeps what it said, and stays.
        expectRefused(store, "UPDATE invoices SET amount_minor = 1", because: "first appearance is journaled")
        expectRefused(store, "UPDATE invoices SET origin_event = NULL", because: "first appearance is journaled")
        expectRefused(store, "DELETE FROM invoices", because: "covered by its ledger.imported entry")

        #expect(try store.history(invoice: "F1") == before)
        // Appending still works.
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 1), invoice: "F1", detail: "x=1"))
        #expect(F.kinds(try store.history(invoice: "F1")) == ["ledger.imported", "note", "note"])
    }
}
