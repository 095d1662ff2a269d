import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// What the planner reads back: progress, per-client message facts, tasks and cycles.
@Suite struct PlannerStateTests {
    typealias F = StoreFixtures

    @Test func recordAdvancesMovesProgressOpensTasksAndJournals() throws {
        let store = try SQLiteStore.inMemory()
        try store.recordAdvances(
            [F.advance("F1", step: "call", offset: 15, action: .call, skipped: ["first", "second"])],
            tasks: [NewTask(clientID: "C001", invoice: "F1", stepName: "call", action: .call, summary: "Call Mme Martin")],
            at: F.at(minutes: 0))

        #expect(try store.plannerState().reached == ["F1": ReachedStep(stepName: "call", offsetDays: 15, at: F.at(minutes: 0))])
        let events = try store.history(invoice: "F1")
        #expect(F.kinds(events) == ["step.skipped", "step.skipped", "step.reached", "task.opened"])
        #expect(events.map(\.detail) == [
            "step=first reached=call", "step=second reached=call", "step=call offset_days=15 action=call",
            #"task=1 step=call action=call summary="Call Mme Martin""#,
        ])
        #expect(events.allSatisfy { $0.clientID == "C001" && $0.invoice == "F1" && $0.messageID == nil })
        #expect(try store.tasks(openOnly: true) == [
            TaskRecord(id: 1, clientID: "C001", invoice: "F1", stepName: "call", action: .call, summary: "Call Mme Martin",
                state: .open, createdAt: F.at(minutes: 0)),
        ])

        // Further up the ladder: fine. Back down, or the same step again: refused, nothing written.
        try store.recordAdvances(
            [F.advance("F1", step: "notice", offset: 30, action: .formalNotice)],
            tasks: [NewTask(clientID: "C001", invoice: "F1", stepName: "notice", action: .formalNotice, summary: "Print")],
            at: F.at(minutes: 1))
        #expect(throws: StoreError.staleAdvance(invoice: "F1", step: "call", offsetDays: 15, reachedStep: "notice", reachedOffsetDays: 30)) {
            try store.recordAdvances(
                [F.advance("F1", step: "call", offset: 15, action: .call)],
                tasks: [NewTask(clientID: "C001", invoice: "F1", stepName: "call", action: .call, summary: "again")],
                at: F.at(minutes: 2))
        }
        #expect(try store.plannerState().reached["F1"] == ReachedStep(stepName: "notice", offsetDays: 30, at: F.at(minutes: 1)))
        #expect(try store.tasks(openOnly: false).map(\.summary) == ["Call Mme Martin", "Print"])
        #expect(try store.history(invoice: "F1").count == 6)
    }

    @Test func clientFactsIgnoreCancelledMessagesAndUnknownOnesDoNotBlock() throws {
        let store = try SQLiteStore.inMemory()
        // C1: sent at 0, then a message in flight at 10 → pending, last = 10.
        let a = try store.beginMessage(F.draft(client: "C1", invoices: ["A1"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: a, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        _ = try store.beginMessage(F.draft(client: "C1", invoices: ["A2"]), at: F.at(minutes: 10))
        // C2: deferred → pending.
        let b = try store.beginMessage(F.draft(client: "C2", invoices: ["B1"]), at: F.at(minutes: 5))
        try store.finishAttempt(messageID: b, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 60), at: F.at(minutes: 6))
        // C3: unknown at 7, then a later message cancelled at 20 → not pending, last = 7.
        let c = try store.beginMessage(F.draft(client: "C3", invoices: ["C1"]), at: F.at(minutes: 7))
        try store.finishAttempt(messageID: c, outcome: .unknown(reason: "timeout"), nextAttemptAt: nil, at: F.at(minutes: 8))
        let d = try store.beginMessage(F.draft(client: "C3", invoices: ["C2"]), at: F.at(minutes: 20))
        try store.finishAttempt(messageID: d, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 60), at: F.at(minutes: 21))
        try store.cancelMessage(messageID: d, reason: "settled", at: F.at(minutes: 22))
        // C4: failed → not pending.
        let e = try store.beginMessage(F.draft(client: "C4", invoices: ["D1"]), at: F.at(minutes: 3))
        try store.finishAttempt(messageID: e, outcome: .permanent(code: 550, reply: "no"), nextAttemptAt: nil, at: F.at(minutes: 4))

        #expect(try store.plannerState().clients == [
            "C1": ClientContact(lastMessageAt: F.at(minutes: 10), hasPendingMessage: true),
            "C2": ClientContact(lastMessageAt: F.at(minutes: 5), hasPendingMessage: true),
            "C3": ClientContact(lastMessageAt: F.at(minutes: 7), hasPendingMessage: false),
            "C4": ClientContact(lastMessageAt: F.at(minutes: 3), hasPendingMessage: false),
        ])
    }

    @Test func theLastContactIsTheLastAttemptNotTheMessagesCreation() throws {
        let store = try SQLiteStore.inMemory()
        // Deferred at minute 0, delivered by a retry three days later: the client heard from us then.
        let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A1"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 15),
            at: F.at(minutes: 1))
        let retried = 3 * 24 * 60
        try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: retried))
        try store.finishAttempt(
            messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: retried + 1))
        #expect(try store.plannerState().clients["C1"] == ClientContact(lastMessageAt: F.at(minutes: retried), hasPendingMessage: false))
    }

    @Test func cyclesRoundTrip() throws {
        let store = try SQLiteStore.inMemory()
        #expect(try store.lastCycle() == nil)
        var first = CycleRecord(startedAt: F.at(minutes: 0), finishedAt: F.at(minutes: 1))
        first.planned = 3
        first.sent = 2
        try store.recordCycle(first)
        var second = CycleRecord(startedAt: F.at(minutes: 5), finishedAt: F.at(minutes: 6))
        second.planned = 4
        second.sent = 1
        second.deferred = 1
        second.failed = 1
        second.unknown = 1
        second.tasks = 2
        second.heldReason = "ledger is 40 hours old"
        try store.recordCycle(second)
        #expect(try store.lastCycle() == second)
    }
}
