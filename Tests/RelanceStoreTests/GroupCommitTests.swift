import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// Group commits: many messages begin in one transaction and many answers are recorded in one, with
/// the same rows, journal and archive as one by one.
@Suite struct GroupCommitTests {
    typealias F = StoreFixtures

    @Test func aGroupBeginsEveryMessageAndRollsBackOnlyTheStaleOne() throws {
        let store = try SQLiteStore.inMemory()
        // F2 already reached "second": a draft that would move it back to "first" is stale.
        _ = try store.beginMessage(F.draft(client: "C002", step: "second", invoices: ["F2"]), at: F.at(minutes: 0))
        let drafts = [
            F.draft(client: "C001", invoices: ["F1"]),
            F.draft(client: "C002", invoices: ["F2"]),
            F.draft(client: "C003", invoices: ["F3"]),
        ]
        let results = try store.beginMessages(drafts, at: F.at(minutes: 1))
        #expect(results.count == 3)
        guard case .success(let first) = results[0], case .failure(.staleAdvance(let invoice, _, _, _, _)) = results[1],
            case .success(let third) = results[2]
        else { Issue.record("unexpected results \(results)"); return }
        #expect(invoice == "F2")
        #expect(try store.message(id: first)?.state == .sending)
        #expect(try store.message(id: third)?.state == .sending)
        // The stale draft left nothing behind: no message, no journal entry.
        #expect(try store.messages(client: "C002", states: nil).count == 1)
        #expect(try store.history(invoice: "F2").filter { $0.kind == "message.sending" }.count == 1)
        #expect(try store.verifyJournal().firstBreak == nil)
    }

    /// One journal writer serves the whole group. A draft whose first invoice journals skipped steps and
    /// whose second invoice is stale is rolled back with those entries; the drafts after it still chain
    /// onto the entries that remain.
    @Test func entriesRolledBackWithAStaleDraftLeaveTheChainWhole() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.beginMessage(F.draft(client: "C002", step: "second", invoices: ["F3"]), at: F.at(minutes: 0))
        let skipping = F.advance("F2", client: "C002", step: "second", offset: 8, skipped: ["courtesy", "first"])
        let stale = F.advance("F3", client: "C002", step: "first", offset: 1)
        let drafts = [
            F.draft(client: "C001", invoices: ["F1"], advances: [F.advance("F1", skipped: ["courtesy"])]),
            F.draft(client: "C002", step: "second", invoices: ["F2", "F3"], advances: [skipping, stale]),
            F.draft(
                client: "C004", invoices: ["F4"], advances: [F.advance("F4", client: "C004", skipped: ["courtesy"])]),
        ]
        let results = try store.beginMessages(drafts, at: F.at(minutes: 1))
        guard case .success = results[0], case .failure(.staleAdvance) = results[1], case .success = results[2] else {
            Issue.record("unexpected results \(results)"); return
        }
        #expect(F.kinds(try store.history(invoice: "F2")).isEmpty)
        #expect(F.kinds(try store.history(invoice: "F1")) == ["step.skipped", "message.sending"])
        #expect(F.kinds(try store.history(invoice: "F4")) == ["step.skipped", "message.sending"])
        #expect(try store.verifyJournal().firstBreak == nil)
    }

    @Test func aDraftsTasksAreCommittedWithItsMessageOrRolledBackWithIt() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.beginMessage(F.draft(client: "C002", step: "second", invoices: ["F2"]), at: F.at(minutes: 0))
        func withTask(_ draft: MessageDraft, _ invoice: String) -> MessageDraft {
            var draft = draft
            draft.tasks = [NewTask(clientID: draft.clientID, invoice: invoice, stepName: "call", action: .call, summary: "call about \(invoice)")]
            return draft
        }
        let results = try store.beginMessages(
            [withTask(F.draft(client: "C001", invoices: ["F1"]), "F1"), withTask(F.draft(client: "C002", invoices: ["F2"]), "F2")],
            at: F.at(minutes: 1))
        guard case .success = results[0], case .failure(.staleAdvance) = results[1] else {
            Issue.record("unexpected results \(results)"); return
        }
        // The task of the committed message is there; the stale draft's task went with it.
        #expect(try store.tasks(openOnly: true).map(\.invoice) == ["F1"])
        #expect(try store.history(invoice: "F1").map(\.kind).contains("task.opened"))
        #expect(try store.verifyJournal().firstBreak == nil)
    }

    @Test func answersOfAGroupAreRecordedAndArchivedTogether() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let drafts = (1...5).map { F.draft(client: "C00\($0)", invoices: ["F\($0)"], bytes: Array("Subject: \($0)\r\n\r\nx\r\n".utf8)) }
        let ids = try store.beginMessages(drafts, at: F.at(minutes: 0)).map { try $0.get() }
        let outcomes: [DeliveryOutcome] = [
            .accepted(code: 250, reply: "250 ok 1"), .transient(code: 451, reply: "451 later"),
            .permanent(code: 550, reply: "550 no"), .unknown(reason: "lost"), .accepted(code: 250, reply: "250 ok 5"),
        ]
        try store.finishAttempts(zip(ids, outcomes).map {
            FinishedAttempt(messageID: $0, outcome: $1, nextAttemptAt: F.at(minutes: 15), at: F.at(minutes: 1))
        })
        #expect(try ids.map { try store.message(id: $0)?.state } == [.sent, .deferred, .failed, .unknown, .sent])
        // Sent and unknown messages are archived with their exact bytes; the journal checks them.
        let verification = try store.verifyJournal()
        #expect(verification.firstBreak == nil)
        #expect(verification.archivesVerified == 3)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let archived = FileManager.default.enumerator(atPath: folder.appendingPathComponent("archive").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".eml") } ?? []
        #expect(archived.count == 3)
        #expect(!archived.contains { $0.contains(".tmp") })
    }

    @Test func aGroupWithOneMessageNotInSendingRecordsNothing() throws {
        let store = try SQLiteStore.inMemory()
        let ids = try store.beginMessages([F.draft(client: "C001", invoices: ["F1"]), F.draft(client: "C002", invoices: ["F2"])],
            at: F.at(minutes: 0)).map { try $0.get() }
        try store.finishAttempt(messageID: ids[1], outcome: .accepted(code: 250, reply: "250"), nextAttemptAt: nil, at: F.at(minutes: 1))
        #expect(throws: StoreError.self) {
            try store.finishAttempts(ids.map {
                FinishedAttempt(messageID: $0, outcome: .accepted(code: 250, reply: "250 again"), nextAttemptAt: nil, at: F.at(minutes: 2))
            })
        }
        // All or nothing: the first message is still in flight.
        #expect(try store.message(id: ids[0])?.state == .sending)
    }
}
