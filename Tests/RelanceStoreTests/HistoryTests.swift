import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// `history(invoice:)` and `history(client:)`: every event that concerns them, oldest first.
@Suite struct HistoryTests {
    typealias F = StoreFixtures

    /// C001 owns F1 and F2, C002 owns G1; a message lists F1 and F2 but advances only F1.
    private func populatedStore() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2"), F.invoice("G1", client: "C002")], at: F.at(minutes: 0))
        let id = try store.beginMessage(
            F.draft(invoices: ["F1", "F2"], advances: [F.advance("F1")]), at: F.at(minutes: 1))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 2))
        try store.recordAdvances(
            [F.advance("G1", client: "C002", step: "call", offset: 15, action: .call)],
            tasks: [NewTask(clientID: "C002", invoice: "G1", stepName: "call", action: .call, summary: "Call about G1")],
            at: F.at(minutes: 3))
        try store.journal(NewJournalEvent(kind: "send.held", at: F.at(minutes: 4), clientID: "C001", detail: "reason=stale_ledger"))
        // A daemon event about an invoice, without a client: found through the invoice's owner.
        try store.journal(NewJournalEvent(kind: "pdf.missing", at: F.at(minutes: 5), invoice: "F2", detail: "path=/x/F2.pdf"))
        try store.journal(NewJournalEvent(kind: "config.reloaded", at: F.at(minutes: 6), detail: "clients=2"))
        return store
    }

    @Test func invoiceHistoryIncludesTheMessagesThatListedIt() throws {
        let store = try populatedStore()
        let f1 = try store.history(invoice: "F1")
        #expect(F.kinds(f1) == ["ledger.imported", "message.sending", "message.sent"])
        #expect(f1.map(\.at) == [F.at(minutes: 0), F.at(minutes: 1), F.at(minutes: 2)])
        #expect(f1.map(\.id) == f1.map(\.id).sorted())

        let f2 = try store.history(invoice: "F2")
        #expect(F.kinds(f2) == ["ledger.imported", "message.sending", "message.sent", "pdf.missing"])
        #expect(f2[3] == JournalEvent(id: f2[3].id, kind: "pdf.missing", at: F.at(minutes: 5), clientID: nil, invoice: "F2",
            messageID: nil, detail: "path=/x/F2.pdf"))

        #expect(F.kinds(try store.history(invoice: "G1")) == ["ledger.imported", "step.reached", "task.opened"])
        #expect(try store.history(invoice: "nope").isEmpty)
    }

    @Test func clientHistoryIncludesItsInvoicesAndItsOwnEvents() throws {
        let store = try populatedStore()
        let c1 = try store.history(client: "C001")
        #expect(F.kinds(c1) == ["ledger.imported", "ledger.imported", "message.sending", "message.sent", "send.held", "pdf.missing"])
        #expect(c1.map(\.invoice) == ["F1", "F2", nil, nil, nil, "F2"])
        #expect(c1.map(\.id) == c1.map(\.id).sorted())

        let c2 = try store.history(client: "C002")
        #expect(F.kinds(c2) == ["ledger.imported", "step.reached", "task.opened"])
        #expect(c2[1].detail == "step=call offset_days=15 action=call")
        #expect(c2[2].detail == #"task=1 step=call action=call summary="Call about G1""#)
        #expect(try store.history(client: "C404").isEmpty)
    }
}
