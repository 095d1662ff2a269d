import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// The light queries the daemon runs every cycle: counts and retry times, never the messages' bytes.
@Suite struct MessageQueriesTests {
    typealias F = StoreFixtures

    @Test func countsByStateRetryScheduleAndOneClientsMessages() throws {
        let store = try SQLiteStore.inMemory()
        let sent = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: sent, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let deferred = try store.beginMessage(F.draft(client: "C2", invoices: ["B"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: deferred, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: F.at(minutes: 15), at: F.at(minutes: 1))
        _ = try store.beginMessage(F.draft(client: "C1", invoices: ["C"]), at: F.at(minutes: 2))

        #expect(try store.messageCounts() == [.sent: 1, .deferred: 1, .sending: 1])
        let schedule = try store.deferredSchedule()
        #expect(schedule.map(\.clientID) == ["C2"])
        #expect(schedule.first?.nextAttemptAt == F.at(minutes: 15))
        #expect(try store.messages(client: "C1", states: nil).map(\.invoices) == [["C"], ["A"]])
        #expect(try store.messages(client: "C1", states: [.sent]).map(\.id) == [sent])
        #expect(try store.messages(client: "C3", states: nil).isEmpty)
    }
}
