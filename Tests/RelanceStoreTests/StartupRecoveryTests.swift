import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// A message left in `sending` by a crash becomes `unknown` at start-up, is shown, and is never resent.
@Suite struct StartupRecoveryTests {
    typealias F = StoreFixtures

    @Test func sendingBecomesUnknownAndOtherStatesAreUntouched() throws {
        let store = try SQLiteStore.inMemory()
        let sent = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: sent, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let deferred = try store.beginMessage(F.draft(client: "C2", invoices: ["B"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: deferred, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 30), at: F.at(minutes: 1))
        let failed = try store.beginMessage(F.draft(client: "C3", invoices: ["C"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: failed, outcome: .permanent(code: 550, reply: "no"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let cancelled = try store.beginMessage(F.draft(client: "C4", invoices: ["D"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: cancelled, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 30), at: F.at(minutes: 1))
        try store.cancelMessage(messageID: cancelled, reason: "settled", at: F.at(minutes: 2))
        let inFlight = try store.beginMessage(F.draft(client: "C5", invoices: ["E", "E2"]), at: F.at(minutes: 3))
        let retrying = try store.beginMessage(F.draft(client: "C6", invoices: ["G"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: retrying, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 2), at: F.at(minutes: 1))
        try store.beginRetry(messageID: retrying, bytes: nil, at: F.at(minutes: 3))
        let before = try store.messages(states: [.sent, .deferred, .failed, .cancelled])

        let recovered = try store.recoverInterruptedSends(at: F.at(minutes: 10))

        #expect(recovered.map(\.id) == [inFlight, retrying])
        #expect(recovered.allSatisfy { $0.state == .unknown && $0.updatedAt == F.at(minutes: 10) })
        #expect(recovered.map(\.attempts) == [1, 2])
        #expect(recovered[0].lastReply == SQLiteStore.interruptedReply)
        #expect(try store.messages(states: [.sent, .deferred, .failed, .cancelled]) == before)
        #expect(try store.messages(states: [.sending]).isEmpty)

        let e = try store.history(invoice: "E2")
        #expect(F.kinds(e) == ["message.sending", "message.unknown"])
        #expect(e[1].messageID == inFlight)
        #expect(e[1].at == F.at(minutes: 10))
        #expect(e[1].detail == #"attempt=1 reply="interrupted: relance stopped while the message was being sent" message_id="#
            + recovered[0].messageID)
        #expect(try store.history(invoice: "G").last?.detail
            == #"attempt=2 reply="interrupted: relance stopped while the message was being sent" message_id="#
            + recovered[1].messageID)

        let attempt = try #require(try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT outcome, finished_at FROM attempts WHERE message = ? AND number = 2", arguments: [retrying])
        })
        #expect(attempt["outcome"] == "unknown")
        #expect(attempt["finished_at"] == StoreCodec.millis(F.at(minutes: 10)))

        // Running it again finds nothing and journals nothing.
        #expect(try store.recoverInterruptedSends(at: F.at(minutes: 11)).isEmpty)
        #expect(F.kinds(try store.history(invoice: "E")) == ["message.sending", "message.unknown"])
    }

    @Test func crashBetweenBeginAndFinishLeavesAnUnknownMessageThatIsNeverResent() throws {
        let path = StoreFixtures.temporaryPath()
        defer { StoreFixtures.remove(path) }
        let id: Int64
        do {
            // The daemon commits `sending`, starts SMTP, and dies: the store object is dropped
            // without finishAttempt.
            let daemon = try SQLiteStore(path: path)
            id = try daemon.beginMessage(
                F.draft(step: "second", invoices: ["F1", "F2"], advances: [
                    F.advance("F1", step: "second", offset: 8, skipped: ["first"]),
                    F.advance("F2", step: "first", offset: 1),
                ]),
                at: F.at(minutes: 0))
        }

        let restarted = try SQLiteStore(path: path)
        let recovered = try restarted.recoverInterruptedSends(at: F.at(minutes: 5))
        #expect(recovered.map(\.id) == [id])
        #expect(recovered.first?.state == .unknown)

        // The planner still sees the progress, so it will not plan the same step again…
        let state = try restarted.plannerState()
        #expect(state.reached["F1"] == ReachedStep(stepName: "second", offsetDays: 8, at: F.at(minutes: 0)))
        #expect(state.reached["F2"] == ReachedStep(stepName: "first", offsetDays: 1, at: F.at(minutes: 0)))
        // …the message counts for the minimum gap, and does not block the client forever.
        #expect(state.clients["C001"] == ClientContact(lastMessageAt: F.at(minutes: 0), hasPendingMessage: false))
        // Nothing can resend it: it is not due, cannot be retried, and a new message for the step is refused.
        #expect(try restarted.dueRetries(at: F.at(minutes: 10_000)).isEmpty)
        #expect(throws: StoreError.invalidTransition(messageID: id, state: .unknown, required: .deferred, action: "retry")) {
            try restarted.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 6))
        }
        #expect(throws: StoreError.staleAdvance(invoice: "F1", step: "second", offsetDays: 8, reachedStep: "second", reachedOffsetDays: 8)) {
            try restarted.beginMessage(F.draft(step: "second", advances: [F.advance("F1", step: "second", offset: 8)]), at: F.at(minutes: 6))
        }
        #expect(try restarted.messages(states: [.unknown]).map(\.id) == [id])
        // A message that may have been delivered is evidence: its bytes are archived.
        #expect(
            F.kinds(try restarted.history(invoice: "F1"))
                == ["step.skipped", "message.sending", "message.unknown", "message.archived"])
    }
}
