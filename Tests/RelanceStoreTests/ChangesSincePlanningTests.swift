import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// A message planned at a `JournalMark` is refused at its commit when a hold, a payment told by hand or a
/// write-off for its client or one of its invoices was recorded after the mark; nothing of it is stored,
/// and the rest of its group is committed.
@Suite struct ChangesSincePlanningTests {
    typealias F = StoreFixtures

    /// A store that knows invoices F1, F2 (client C001) and F3 (client C002).
    func storeWithLedger() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger(
            [F.invoice("F1"), F.invoice("F2"), F.invoice("F3", client: "C002")], at: F.at(minutes: 0))
        return store
    }

    func planned(_ draft: MessageDraft, at mark: JournalMark) -> MessageDraft {
        var draft = draft
        draft.plannedAt = mark
        return draft
    }

    @Test func aHoldOnTheClientAfterTheMarkRefusesItsDraftAndOnlyIt() throws {
        let store = try storeWithLedger()
        let mark = try store.journalMark()
        try store.addHold(
            scope: .client("C001"), kind: .pause(until: F.date("2026-02-01"), reason: "on holiday"), by: "operator",
            at: F.at(minutes: 1))
        let results = try store.beginMessages(
            [planned(F.draft(), at: mark), planned(F.draft(client: "C002", invoices: ["F3"]), at: mark)],
            at: F.at(minutes: 2))
        guard case .failure(.changedSincePlanning(let client, let invoice, let kind, let event)) = results[0] else {
            Issue.record("C001's draft was not refused: \(results[0])")
            return
        }
        #expect(client == "C001" && invoice == nil && kind == "hold.added" && event > mark.lastEntry)
        #expect((try? results[1].get()) != nil, "C002 has no hold: its draft is committed")
        // Nothing of the refused draft is stored: no message, no progress.
        #expect(try store.plannerState().reached.keys.sorted() == ["F3"])
        #expect(F.kinds(try store.history(invoice: "F1")).contains("message.sending") == false)
    }

    @Test func anInvoicesEventRefusesOnlyTheDraftsThatListIt() throws {
        let store = try storeWithLedger()
        let mark = try store.journalMark()
        try store.recordPayment(
            invoice: "F2", amount: F.eur("1200.00"), date: F.date("2026-01-05"), ledgerPaid: F.eur("0"),
            by: "operator", at: F.at(minutes: 1))
        let listing = try store.beginMessages([planned(F.draft(invoices: ["F1", "F2"]), at: mark)], at: F.at(minutes: 2))
        #expect(listing.count == 1)
        if case .failure(.changedSincePlanning(_, "F2", "payment.recorded", _)) = listing[0] {} else {
            Issue.record("the draft listing the paid invoice was not refused: \(listing[0])")
        }
        let other = try store.beginMessages([planned(F.draft(invoices: ["F1"]), at: mark)], at: F.at(minutes: 3))
        #expect((try? other[0].get()) != nil, "the same client's draft without F2 is not concerned")
    }

    @Test func aWriteOffAfterTheMarkRefusesTheSingleBegin() throws {
        let store = try storeWithLedger()
        let mark = try store.journalMark()
        try store.closeInvoice("F1", reason: .writtenOff, note: "waived", by: "operator", at: F.at(minutes: 1))
        let refusal = #expect(throws: StoreError.self) {
            try store.beginMessage(planned(F.draft(), at: mark), at: F.at(minutes: 2))
        }
        #expect(refusal?.isChangedSincePlanning == true, "\(String(describing: refusal))")
        #expect(try store.message(id: 1) == nil)
    }

    @Test func eventsBeforeTheMarkAndOtherEventsDoNotRefuse() throws {
        let store = try storeWithLedger()
        try store.addHold(
            scope: .invoice("F1"), kind: .dispute(reason: "wrong quantity", review: F.date("2026-01-06")),
            by: "operator", at: F.at(minutes: 1))
        let mark = try store.journalMark()
        // After the mark: a message of another client (journaled), a ledger change. Neither stops C001.
        _ = try store.beginMessage(F.draft(client: "C002", invoices: ["F3"]), at: F.at(minutes: 2))
        _ = try store.syncLedger(
            [F.invoice("F1"), F.invoice("F2", paid: "100.00"), F.invoice("F3", client: "C002")], at: F.at(minutes: 3))
        let results = try store.beginMessages([planned(F.draft(), at: mark)], at: F.at(minutes: 4))
        #expect((try? results[0].get()) != nil, "\(results[0])")
        // Without a mark nothing is checked (older callers, tests).
        try store.addHold(
            scope: .client("C001"), kind: .pause(until: F.date("2026-02-01"), reason: "x"), by: "operator",
            at: F.at(minutes: 5))
        #expect((try? store.beginMessage(F.draft(invoices: ["F2"]), at: F.at(minutes: 6))) != nil)
    }

    @Test func aRetryPlannedBeforeAHoldIsRefusedAndStaysDeferred() throws {
        let store = try storeWithLedger()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 451, reply: "4.3.0 later"), nextAttemptAt: F.at(minutes: 15),
            at: F.at(minutes: 1))
        let mark = try store.journalMark()
        try store.addHold(
            scope: .invoice("F1"), kind: .promise(amount: F.eur("1200.00"), date: F.date("2026-01-10"), graceDays: 3),
            by: "operator", at: F.at(minutes: 10))
        let refusal = #expect(throws: StoreError.self) {
            try store.beginRetry(messageID: id, bytes: nil, plannedAt: mark, at: F.at(minutes: 20))
        }
        #expect(refusal?.isChangedSincePlanning == true, "\(String(describing: refusal))")
        #expect(try store.message(id: id)?.state == .deferred)
        #expect(try store.message(id: id)?.attempts == 1)
        // Planned after the hold (a later cycle's mark): the store lets it go; holds are the planner's to apply.
        try store.beginRetry(messageID: id, bytes: nil, plannedAt: try store.journalMark(), at: F.at(minutes: 30))
        #expect(try store.message(id: id)?.state == .sending)
    }
}
