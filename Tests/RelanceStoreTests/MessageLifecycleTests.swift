import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// The message state machine: sending → sent | deferred | failed | unknown, retries, cancellation,
/// and the guards that refuse every transition that could send a message twice.
@Suite struct MessageLifecycleTests {
    typealias F = StoreFixtures

    @Test func beginMessageRecordsSendingMessageProgressAndJournalInOneGo() throws {
        let store = try SQLiteStore.inMemory()
        let bytes: [UInt8] = [0x00, 0xFF, 0x0D, 0x0A, 0x41]
        let draft = F.draft(
            step: "second", invoices: ["F1", "F2"],
            advances: [F.advance("F1", step: "second", offset: 8, skipped: ["courtesy", "first"])],
            messageID: "abc.123@relance.test", bytes: bytes)
        let id = try store.beginMessage(draft, at: F.at(minutes: 0))
        #expect(id == 1)

        let message = try #require(try store.message(id: id))
        #expect(
            message
                == MessageRecord(
                    id: 1, clientID: "C001", stepName: "second", template: "first-reminder", invoices: ["F1", "F2"],
                    state: .sending, messageID: "abc.123@relance.test", subject: "Rappel : facture F1",
                    recipients: ["compta@client.test", "dg@client.test"], attempts: 1, createdAt: F.at(minutes: 0),
                    updatedAt: F.at(minutes: 0), nextAttemptAt: nil, lastCode: nil, lastReply: nil, bytes: bytes))

        let state = try store.plannerState()
        #expect(state.reached == ["F1": ReachedStep(stepName: "second", offsetDays: 8, at: F.at(minutes: 0))])

        let f1 = try store.history(invoice: "F1")
        #expect(F.kinds(f1) == ["step.skipped", "step.skipped", "message.sending"])
        #expect(f1[0].detail == "step=courtesy reached=second")
        #expect(f1[1].detail == "step=first reached=second")
        #expect(f1[2].messageID == 1)
        #expect(
            f1[2].detail
                == "step=second template=first-reminder invoices=F1,F2 to=compta@client.test,dg@client.test "
                + "message_id=abc.123@relance.test attempt=1")
        // F2 is listed but not advanced: it still sees the message through the link table.
        #expect(F.kinds(try store.history(invoice: "F2")) == ["message.sending"])

        let attempts = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT message, number, started_at, finished_at, outcome FROM attempts")
        }
        #expect(attempts.count == 1)
        #expect(attempts[0]["number"] == 1)
        #expect(attempts[0]["started_at"] == StoreCodec.millis(F.at(minutes: 0)))
        #expect(attempts[0]["finished_at"] as Int64? == nil)
    }

    @Test func acceptedAttemptMakesTheMessageSentAndClosesTheAttempt() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .accepted(code: 250, reply: "2.0.0 Ok: queued as 1234"),
            nextAttemptAt: F.at(minutes: 99), at: F.at(minutes: 1))

        let message = try #require(try store.message(id: id))
        #expect(message.state == .sent)
        #expect(message.lastCode == 250)
        #expect(message.lastReply == "2.0.0 Ok: queued as 1234")
        #expect(message.nextAttemptAt == nil)
        #expect(message.updatedAt == F.at(minutes: 1))
        #expect(message.createdAt == F.at(minutes: 0))

        let last = try #require(try store.history(invoice: "F1").last)
        #expect(last.kind == "message.sent")
        #expect(last.detail == #"attempt=1 code=250 reply="2.0.0 Ok: queued as 1234" message_id="# + message.messageID)

        let attempt = try #require(
            try store.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM attempts WHERE message = ?", arguments: [id]) })
        #expect(attempt["outcome"] == "sent")
        #expect(attempt["code"] == 250)
        #expect(attempt["finished_at"] == StoreCodec.millis(F.at(minutes: 1)))
    }

    @Test func deferredMessageIsRetriedWithNewBytesThenSent() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: id, outcome: .transient(code: 451, reply: "4.7.1 try later"), nextAttemptAt: F.at(minutes: 30),
            at: F.at(minutes: 1))

        var message = try #require(try store.message(id: id))
        #expect(message.state == .deferred)
        #expect(message.nextAttemptAt == F.at(minutes: 30))
        #expect(message.lastCode == 451)
        #expect(try store.history(invoice: "F1").last?.detail
            == #"attempt=1 code=451 reply="4.7.1 try later" next_attempt=2026-01-05T09:30:00Z message_id="#
            + message.messageID)

        #expect(try store.dueRetries(at: F.at(minutes: 29)).isEmpty)
        #expect(try store.dueRetries(at: F.at(minutes: 30)).map(\.id) == [id])
        #expect(try store.plannerState().clients["C001"]?.hasPendingMessage == true)

        let rerendered: [UInt8] = Array("new bytes".utf8)
        try store.beginRetry(messageID: id, bytes: rerendered, at: F.at(minutes: 31))
        message = try #require(try store.message(id: id))
        #expect(message.state == .sending)
        #expect(message.attempts == 2)
        #expect(message.bytes == rerendered)
        #expect(message.nextAttemptAt == nil)
        #expect(try store.dueRetries(at: F.at(minutes: 60)).isEmpty)

        try store.finishAttempt(
            messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 32))
        #expect(try store.message(id: id)?.state == .sent)
        #expect(
            F.kinds(try store.history(invoice: "F1"))
                == ["message.sending", "message.deferred", "message.retry", "message.sent"])
        #expect(try store.history(invoice: "F1")[2].detail == "attempt=2 rerendered=true")

        let attempts = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT number, outcome, code FROM attempts WHERE message = ? ORDER BY number", arguments: [id])
        }
        #expect(attempts.map { $0["number"] as Int } == [1, 2])
        #expect(attempts.map { $0["outcome"] as String } == ["deferred", "sent"])
        #expect(attempts.map { $0["code"] as Int } == [451, 250])
    }

    @Test func retryWithoutBytesKeepsTheOriginalBytes() throws {
        let store = try SQLiteStore.inMemory()
        let original: [UInt8] = Array("original".utf8)
        let id = try store.beginMessage(F.draft(bytes: original), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .transient(code: nil, reply: "connection refused"), nextAttemptAt: nil, at: F.at(minutes: 1))
        // No retry time given: due at once rather than blocking the client forever.
        #expect(try store.message(id: id)?.nextAttemptAt == F.at(minutes: 1))
        #expect(try store.history(invoice: "F1").last?.detail
            == #"attempt=1 reply="connection refused" next_attempt=2026-01-05T09:01:00Z message_id="#
            + (try store.message(id: id)?.messageID ?? ""))
        try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 2))
        #expect(try store.message(id: id)?.bytes == original)
        #expect(try store.history(invoice: "F1").last?.detail == "attempt=2 rerendered=false")

        // Empty bytes are bytes too (not NULL), and replace the previous ones.
        try store.finishAttempt(messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: nil, at: F.at(minutes: 3))
        try store.beginRetry(messageID: id, bytes: [], at: F.at(minutes: 4))
        #expect(try store.message(id: id)?.bytes == [])
    }

    @Test func permanentAndUnknownOutcomesAreFinal() throws {
        let store = try SQLiteStore.inMemory()
        let failed = try store.beginMessage(F.draft(invoices: ["F1"]), at: F.at(minutes: 0))
        try store.finishAttempt(
            messageID: failed, outcome: .permanent(code: 550, reply: "5.1.1 no such user"), nextAttemptAt: F.at(minutes: 9),
            at: F.at(minutes: 1))
        let unknown = try store.beginMessage(F.draft(client: "C002", invoices: ["F2"]), at: F.at(minutes: 2))
        try store.finishAttempt(
            messageID: unknown, outcome: .unknown(reason: "timeout after final dot"), nextAttemptAt: nil, at: F.at(minutes: 3))

        #expect(try store.message(id: failed)?.state == .failed)
        #expect(try store.message(id: failed)?.nextAttemptAt == nil)
        #expect(try store.message(id: unknown)?.state == .unknown)
        #expect(try store.message(id: unknown)?.lastCode == nil)
        #expect(try store.history(invoice: "F2").last?.kind == "message.unknown")
        #expect(try store.history(invoice: "F2").last?.detail
            == #"attempt=1 reply="timeout after final dot" message_id="# + (try store.message(id: unknown)?.messageID ?? ""))
        #expect(try store.dueRetries(at: F.at(minutes: 600)).isEmpty)

        #expect(throws: StoreError.invalidTransition(messageID: failed, state: .failed, required: .deferred, action: "retry")) {
            try store.beginRetry(messageID: failed, bytes: nil, at: F.at(minutes: 4))
        }
        #expect(throws: StoreError.invalidTransition(messageID: unknown, state: .unknown, required: .deferred, action: "retry")) {
            try store.beginRetry(messageID: unknown, bytes: nil, at: F.at(minutes: 4))
        }
    }

    @Test func transitionsOutOfTheRightStateAreRefused() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))

        // A message being sent cannot be retried or cancelled (that would be a second copy in flight).
        #expect(throws: StoreError.invalidTransition(messageID: id, state: .sending, required: .deferred, action: "retry")) {
            try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 1))
        }
        #expect(throws: StoreError.invalidTransition(messageID: id, state: .sending, required: .deferred, action: "cancel")) {
            try store.cancelMessage(messageID: id, reason: "settled", at: F.at(minutes: 1))
        }
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))

        let retry = StoreError.invalidTransition(messageID: id, state: .sent, required: .deferred, action: "retry")
        #expect(retry.description == "message 1 is in state sent, not deferred; refusing to retry")
        #expect(throws: retry) { try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 2)) }
        #expect(
            throws: StoreError.invalidTransition(
                messageID: id, state: .sent, required: .sending, action: "record the outcome of an attempt")
        ) {
            try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "again"), nextAttemptAt: nil, at: F.at(minutes: 2))
        }
        #expect(throws: StoreError.unknownMessage(id: 42)) {
            try store.finishAttempt(messageID: 42, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 2))
        }
        #expect(throws: StoreError.unknownMessage(id: 42)) { try store.beginRetry(messageID: 42, bytes: nil, at: F.at(minutes: 2)) }
        // The refused calls changed nothing.
        let message = try #require(try store.message(id: id))
        #expect(message.state == .sent)
        #expect(message.attempts == 1)
        #expect(message.lastReply == "ok")
        #expect(F.kinds(try store.history(invoice: "F1")) == ["message.sending", "message.sent"])
    }

    @Test func deferredMessageCanBeCancelled() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .transient(code: 421, reply: "busy"), nextAttemptAt: F.at(minutes: 10), at: F.at(minutes: 1))
        try store.cancelMessage(messageID: id, reason: "all invoices settled", at: F.at(minutes: 5))

        let message = try #require(try store.message(id: id))
        #expect(message.state == .cancelled)
        #expect(message.nextAttemptAt == nil)
        #expect(try store.dueRetries(at: F.at(minutes: 60)).isEmpty)
        let history = try store.history(invoice: "F1")
        // Never delivered: the step its commit recorded is given back (CancelledStepRestoreTests).
        #expect(F.kinds(history).suffix(2) == ["message.cancelled", "step.restored"])
        #expect(history.dropLast().last?.detail == #"reason="all invoices settled""#)
        #expect(throws: StoreError.invalidTransition(messageID: id, state: .cancelled, required: .deferred, action: "cancel")) {
            try store.cancelMessage(messageID: id, reason: "again", at: F.at(minutes: 6))
        }
        // A cancelled message neither blocks its client nor counts for the minimum gap.
        #expect(try store.plannerState().clients["C001"] == ClientContact(lastMessageAt: nil, hasPendingMessage: false))
    }

    @Test func duplicateMessageIDIsRefusedAndWritesNothing() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.beginMessage(F.draft(invoices: ["F1"], messageID: "same@relance.test"), at: F.at(minutes: 0))
        let error = StoreError.duplicateMessageID("same@relance.test", existingID: 1)
        #expect(throws: error) {
            try store.beginMessage(F.draft(client: "C002", invoices: ["F2"], messageID: "same@relance.test"), at: F.at(minutes: 1))
        }
        #expect(error.description == "Message-ID <same@relance.test> is already used by message 1; refusing to record it twice")
        #expect(try store.messages(states: nil).count == 1)
        #expect(try store.plannerState().reached["F2"] == nil)
        #expect(try store.history(invoice: "F2").isEmpty)
    }

    @Test func messageForAStepAlreadyReachedIsRefusedAndRolledBack() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.beginMessage(F.draft(step: "second", advances: [F.advance("F1", step: "second", offset: 8)]), at: F.at(minutes: 0))
        // Another planner working from a stale view tries the same step, or an earlier one.
        let error = StoreError.staleAdvance(invoice: "F1", step: "second", offsetDays: 8, reachedStep: "second", reachedOffsetDays: 8)
        #expect(throws: error) {
            try store.beginMessage(F.draft(step: "second", advances: [F.advance("F1", step: "second", offset: 8)]), at: F.at(minutes: 1))
        }
        #expect(throws: StoreError.staleAdvance(invoice: "F1", step: "first", offsetDays: 1, reachedStep: "second", reachedOffsetDays: 8)) {
            try store.beginMessage(F.draft(step: "first", advances: [F.advance("F1", step: "first", offset: 1)]), at: F.at(minutes: 1))
        }
        #expect(try store.messages(states: nil).map(\.id) == [1])
        #expect(try store.plannerState().reached["F1"] == ReachedStep(stepName: "second", offsetDays: 8, at: F.at(minutes: 0)))
        #expect(F.kinds(try store.history(invoice: "F1")) == ["message.sending"])
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM attempts") } == 1)
    }

    @Test func messagesAreListedNewestFirstAndFilteredByState() throws {
        let store = try SQLiteStore.inMemory()
        let a = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        let b = try store.beginMessage(F.draft(client: "C2", invoices: ["B"]), at: F.at(minutes: 1))
        let c = try store.beginMessage(F.draft(client: "C3", invoices: ["C"]), at: F.at(minutes: 2))
        try store.finishAttempt(messageID: a, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 3))
        try store.finishAttempt(messageID: c, outcome: .transient(code: 450, reply: "later"), nextAttemptAt: F.at(minutes: 9), at: F.at(minutes: 3))

        #expect(try store.messages(states: nil).map(\.id) == [c, b, a])
        #expect(try store.messages(states: [.sent]).map(\.id) == [a])
        #expect(try store.messages(states: [.sending, .deferred]).map(\.id) == [c, b])
        #expect(try store.messages(states: []).isEmpty)
        #expect(try store.message(id: 99) == nil)
    }
}
