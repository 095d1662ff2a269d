import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// A message cancelled while deferred was never delivered: the steps its commit recorded are given back,
/// so an invoice that comes back to the export (or a client added back to the config) gets that step,
/// not the one after it.
@Suite struct CancelledStepRestoreTests {
    typealias F = StoreFixtures

    /// Begins `draft`, defers it (421) and cancels it.
    private func deferAndCancel(_ store: SQLiteStore, _ draft: MessageDraft, minutes: Int) throws -> Int64 {
        let id = try store.beginMessage(draft, at: F.at(minutes: minutes))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: minutes + 10),
            at: F.at(minutes: minutes + 1))
        try store.cancelMessage(
            messageID: id, reason: "every invoice in it is settled or gone from the ledger", at: F.at(minutes: minutes + 20))
        return id
    }

    @Test func aCancelledFirstReminderLeavesTheInvoiceWithNoStepReached() throws {
        let store = try SQLiteStore.inMemory()
        let id = try deferAndCancel(store, F.draft(step: "first", invoices: ["F1"]), minutes: 0)

        #expect(try store.plannerState().reached["F1"] == nil)
        let last = try #require(try store.history(invoice: "F1").last)
        #expect(last.kind == "step.restored")
        #expect(last.messageID == id)
        #expect(last.detail == #"step=first restored=none reason="message cancelled before it was delivered""#)
    }

    @Test func aCancelledSecondReminderGivesTheFirstBackWithItsDate() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.beginMessage(F.draft(step: "first", invoices: ["F1"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: first, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let second = F.draft(step: "second", invoices: ["F1", "F2"], advances: [
            F.advance("F1", step: "second", offset: 8), F.advance("F2", step: "second", offset: 8, skipped: ["first"]),
        ])
        _ = try deferAndCancel(store, second, minutes: 60)

        let reached = try store.plannerState().reached
        #expect(reached["F1"] == ReachedStep(stepName: "first", offsetDays: 1, at: F.at(minutes: 0)))
        #expect(reached["F2"] == nil)
        #expect(try store.history(invoice: "F1").last?.detail
            == #"step=second restored=first reason="message cancelled before it was delivered""#)
        // The restored row no longer names a message: a second cancel of another message changes nothing.
        let row = try #require(try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT message, previous_step FROM progress WHERE invoice = 'F1'")
        })
        #expect(row[0] as Int64? == nil)
        #expect(row[1] as String? == nil)
    }

    @Test func aStepMovedSinceByAnotherRecordIsLeftAlone() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(step: "first", invoices: ["F1"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        // A call step reached meanwhile (no message): the progress is no longer the message's.
        try store.recordAdvances([F.advance("F1", step: "call", offset: 15, action: .call)], tasks: [], at: F.at(minutes: 5))
        try store.cancelMessage(messageID: id, reason: "step call is due", at: F.at(minutes: 20))

        #expect(try store.plannerState().reached["F1"]?.stepName == "call")
        #expect(!F.kinds(try store.history(invoice: "F1")).contains("step.restored"))
    }

    @Test func aRungTakenAfterAHoldIsGivenBackWithTheStep() throws {
        let store = try SQLiteStore.inMemory()
        try store.writer.write { db in try db.execute(sql: "INSERT INTO resume_next (invoice) VALUES ('F1')") }
        let id = try store.beginMessage(F.draft(step: "first", invoices: ["F1"]), at: F.at(minutes: 0))
        #expect(try store.resumeAtNext().isEmpty)
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        try store.cancelMessage(messageID: id, reason: "client removed from the config", at: F.at(minutes: 20))

        #expect(try store.resumeAtNext() == ["F1"])
        #expect(try store.plannerState().reached["F1"] == nil)
    }

    @Test func anExpiredMessageKeepsItsStep() throws {
        // Expired: a person takes over with a task, so the step stands.
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(step: "first", invoices: ["F1"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        try store.expireDeferred(messageID: id, reason: "still deferred after 72 h", at: F.at(minutes: 20))

        #expect(try store.plannerState().reached["F1"]?.stepName == "first")
    }

    @Test func thePlannerStateOfACancelToComeIsTheOneAfterIt() throws {
        // `relance preview` plans with `plannerState(cancelling:trimming:)` before the cycle cancels: the same view.
        let store = try SQLiteStore.inMemory()
        let sent = try store.beginMessage(F.draft(step: "first", invoices: ["F1"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: sent, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        try store.writer.write { db in try db.execute(sql: "INSERT INTO resume_next (invoice) VALUES ('F2')") }
        let draft = F.draft(step: "second", invoices: ["F1", "F2"], advances: [
            F.advance("F1", step: "second", offset: 8), F.advance("F2", step: "first", offset: 1),
        ])
        let id = try store.beginMessage(draft, at: F.at(minutes: 60))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 70), at: F.at(minutes: 61))

        let before = try store.plannerState()
        #expect(before.clients["C001"]?.hasPendingMessage == true)
        let ahead = try store.plannerState(cancelling: [id], trimming: [:])
        try store.cancelMessage(messageID: id, reason: "client removed from the config", at: F.at(minutes: 80))
        let after = try store.plannerState()

        #expect(ahead.reached == after.reached)
        #expect(ahead.reached["F1"]?.stepName == "first" && ahead.reached["F2"] == nil)
        #expect(ahead.clients == after.clients)
        #expect(ahead.clients["C001"] == ClientContact(lastMessageAt: F.at(minutes: 0), hasPendingMessage: false))
        #expect(ahead.resumeAtNext == ["F2"])
        #expect(try store.resumeAtNext() == ["F2"])
    }

    @Test func theTasksOpenedWithACancelledMessageAreSkipped() throws {
        // A formal notice opens its registered-letter task with it; cancelled unsent, the letter must not go.
        let store = try SQLiteStore.inMemory()
        var draft = F.draft(step: "notice", invoices: ["F1"], advances: [F.advance("F1", step: "notice", offset: 30, action: .formalNotice)])
        draft.tasks = [NewTask(clientID: "C001", invoice: "F1", stepName: "notice", action: .formalNotice, summary: "post it", gate: true)]
        let earlier = NewTask(clientID: "C001", invoice: "F1", stepName: "call", action: .call, summary: "call", gate: false)
        try store.recordAdvances([], tasks: [earlier], at: F.at(minutes: -10))
        let id = try deferAndCancel(store, draft, minutes: 0)

        let tasks = try store.tasks(openOnly: false)
        #expect(tasks.map(\.stepName) == ["call", "notice"])
        #expect(tasks.map(\.state) == [.open, .skipped], "the call task, opened earlier, stays open")
        let last = try #require(try store.history(invoice: "F1").last { $0.kind == "task.skipped" })
        #expect(last.messageID == id && last.detail.contains("its message was cancelled before it was delivered"))
    }

    @Test func anInvoiceARetryLeavesOutGetsItsStepBack() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(step: "first", invoices: ["F1", "F2"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        try store.beginRetry(messageID: id, bytes: nil, plannedAt: nil, listing: ["F1"], at: F.at(minutes: 15))

        let reached = try store.plannerState().reached
        #expect(reached["F1"]?.stepName == "first" && reached["F2"] == nil)
        #expect(try store.message(id: id)?.invoices == ["F1"])
        #expect(F.kinds(try store.history(invoice: "F2")).suffix(2) == ["step.restored", "message.retry"])
    }

    @Test func theRegisteredLetterOfAnInvoiceANoticesRetryLeavesOutIsSkipped() throws {
        let store = try SQLiteStore.inMemory()
        var draft = F.draft(step: "notice", invoices: ["F1", "F2"], advances: [
            F.advance("F1", step: "notice", offset: 30, action: .formalNotice), F.advance("F2", step: "notice", offset: 30, action: .formalNotice),
        ])
        draft.tasks = ["F1", "F2"].map {
            NewTask(clientID: "C001", invoice: $0, stepName: "notice", action: .formalNotice, summary: "post it", gate: true)
        }
        let id = try store.beginMessage(draft, at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        try store.beginRetry(messageID: id, bytes: nil, plannedAt: nil, listing: ["F1"], at: F.at(minutes: 15))

        let tasks = try store.tasks(openOnly: false)
        #expect(tasks.map(\.invoice) == ["F1", "F2"] && tasks.map(\.state) == [.open, .skipped])
    }
}
