import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// Only the operator settles an `unknown` message; the store accepts that verdict for `unknown` only.
@Suite struct UnknownResolutionTests {
    typealias F = StoreFixtures

    func unknownMessage(_ store: SQLiteStore, client: ClientID) throws -> Int64 {
        let id = try store.beginMessage(F.draft(client: client, invoices: ["\(client)-1"]), at: F.at(minutes: 0))
        _ = try store.recoverInterruptedSends(at: F.at(minutes: 1))
        return id
    }

    @Test func notDeliveredBecomesDueForRetryAndDeliveredBecomesSent() throws {
        let store = try SQLiteStore.inMemory()
        let lost = try unknownMessage(store, client: "C1")
        try store.resolveUnknown(messageID: lost, delivered: false, note: "not in the relay's log", by: "operator", at: F.at(minutes: 5))
        #expect(try store.message(id: lost)?.state == .deferred)
        #expect(try store.dueRetries(at: F.at(minutes: 5)).map(\.id) == [lost])
        let kept = try unknownMessage(store, client: "C2")
        try store.resolveUnknown(messageID: kept, delivered: true, note: "queued as ABC", by: "operator", at: F.at(minutes: 6))
        #expect(try store.message(id: kept)?.state == .sent)
        #expect(F.kinds(try store.history(invoice: "C2-1")).suffix(1) == ["message.resolved"])
        #expect(try store.history(invoice: "C2-1").last?.detail.contains("note=\"queued as ABC\"") == true)
        #expect(try store.history(invoice: "C2-1").last?.detail.hasSuffix("by=operator") == true)
    }

    @Test func refusesAnythingButUnknown() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        #expect(throws: StoreError.self) { try store.resolveUnknown(messageID: id, delivered: false, note: "", by: "operator", at: F.at(minutes: 2)) }
        #expect(try store.message(id: id)?.state == .sent)
    }
}
