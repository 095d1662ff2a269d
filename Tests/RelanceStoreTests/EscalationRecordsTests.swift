import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// What the escalation tracker records after the fact: plan instalments paid (once), a registered
/// letter's receipt, and the attempts of addresses that keep being deferred.
@Suite struct EscalationRecordsTests {
    typealias F = StoreFixtures

    func plan(_ store: SQLiteStore) throws -> Hold {
        let instalments = [Instalment(date: F.date("2026-02-10"), amount: F.eur("400.00")),
                           Instalment(date: F.date("2026-03-10"), amount: F.eur("400.00")),
                           Instalment(date: F.date("2026-04-10"), amount: F.eur("400.00"))]
        let kind = HoldKind.plan(instalments: instalments, graceDays: 3, paidAtStart: F.eur("0"))
        let id = try store.addHold(scope: .invoice("F1"), kind: kind, by: "operator", at: F.at(minutes: 1))
        return Hold(id: id, scope: .invoice("F1"), kind: kind)
    }

    @Test func eachPaidInstalmentIsJournaledOnceWhateverTheCycles() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        _ = try store.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        let hold = try plan(store)
        #expect(try store.recordInstalmentsPaid(hold, covered: 0, at: F.at(minutes: 2)).isEmpty)
        #expect(try store.recordInstalmentsPaid(hold, covered: 1, at: F.at(minutes: 3)).map(\.date) == [F.date("2026-02-10")])
        #expect(try store.recordInstalmentsPaid(hold, covered: 1, at: F.at(minutes: 4)).isEmpty, "the next cycle sees the same payment")
        #expect(try store.recordInstalmentsPaid(hold, covered: 3, at: F.at(minutes: 5)).count == 2)
        let paid = try store.history(invoice: "F1").filter { $0.kind == "plan.instalment.paid" }
        #expect(paid.count == 3)
        #expect(paid.first?.detail.contains("date=2026-02-10") == true && paid.first?.detail.contains("amount=400.00") == true)
        #expect(paid.last?.detail.contains("instalment=3/3") == true, "\(paid.last?.detail ?? "")")
        #expect(paid.first?.clientID == "C001")
    }

    @Test func aMissedInstalmentIsJournaledWithTheHoldsEnd() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        _ = try store.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        let hold = try plan(store)
        let missed = Instalment(date: F.date("2026-02-10"), amount: F.eur("400.00"))
        try store.endHold(hold, ending: .instalmentMissed, missed: missed, openInvoices: [F.invoice("F1")], by: "daemon", at: F.at(minutes: 9))
        let kinds = F.kinds(try store.history(invoice: "F1"))
        #expect(kinds.suffix(3) == ["plan.instalment.missed", "hold.ended", "task.opened"], "\(kinds)")
        #expect(try store.tasks(openOnly: true).first?.summary.contains("400.00 EUR due 2026-02-10") == true)
        #expect(try store.recordInstalmentsPaid(hold, covered: 3, at: F.at(minutes: 10)).isEmpty, "an ended plan records nothing more")
    }

    @Test func aTaskKeepsTheDayItsLetterWasReceived() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        _ = try store.syncLedger([F.invoice("F1")], at: F.at(minutes: 0))
        try store.recordAdvances(
            [F.advance("F1", step: "notice", offset: 30, action: .formalNotice)],
            tasks: [NewTask(clientID: "C001", invoice: "F1", stepName: "notice", action: .formalNotice, summary: "post it", gate: true)],
            at: F.at(minutes: 1))
        let id = try #require(try store.tasks(openOnly: true).first?.id)
        try store.closeTask(
            id: id, skipped: false, outcome: "sent by LRAR", reference: "1A12345678901", received: F.date("2026-01-09"),
            by: "operator", at: F.at(minutes: 2))
        let outcome = try #require(try store.taskOutcomes()[id])
        #expect(outcome.reference == "1A12345678901" && outcome.received == F.date("2026-01-09") && outcome.outcome == "sent by LRAR")
        #expect(try store.history(invoice: "F1").last?.detail.contains("received=2026-01-09") == true)
    }

    @Test func theAttemptsOfADeferredAddressAreReadAcrossItsMessages() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2")], at: F.at(minutes: 0))
        let first = try store.beginMessage(F.draft(invoices: ["F1"]), at: F.at(minutes: 1))
        try store.finishAttempt(messageID: first, outcome: .transient(code: 451, reply: "451 later"), nextAttemptAt: F.at(minutes: 20), at: F.at(minutes: 1))
        try store.beginRetry(messageID: first, bytes: nil, at: F.at(minutes: 20))
        try store.finishAttempt(messageID: first, outcome: .transient(code: nil, reply: "refused"), nextAttemptAt: F.at(minutes: 50), at: F.at(minutes: 20))
        let addresses = try store.deferredAddressAttempts()
        #expect(addresses.map(\.address) == ["compta@client.test", "dg@client.test"])
        #expect(addresses.first?.attempts.map(\.code) == [451, nil])
        #expect(addresses.first?.deferredMessages == [first])
        try store.markUndeliverable(["dg@client.test"], clientID: "C001", reason: "test", at: F.at(minutes: 51))
        #expect(try store.deferredAddressAttempts().map(\.address) == ["compta@client.test"], "already undeliverable: not read again")
    }
}
