import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// `deferredSince`: when a deferred message's current run of refusals began, the start of its
/// `smtp.max_deferred_hours`. Set by the first refusal of a run and kept by the next ones; cleared by an
/// answer that ends the run, by the operator's resend and by a retry waiting for a hold.
@Suite struct DeferralRunTests {
    typealias F = StoreFixtures
    static let busy = DeliveryOutcome.transient(code: 451, reply: "4.7.1 Try again later")

    func refuse(_ store: SQLiteStore, _ id: Int64, at minutes: Int) throws {
        try store.finishAttempt(messageID: id, outcome: Self.busy, nextAttemptAt: F.at(minutes: minutes + 15), at: F.at(minutes: minutes))
    }

    @Test func theFirstRefusalStartsTheRunAndTheNextOnesKeepIt() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        #expect(try store.message(id: id)?.deferredSince == nil)
        try refuse(store, id, at: 1)
        #expect(try store.message(id: id)?.deferredSince == F.at(minutes: 1))
        try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 20))
        try refuse(store, id, at: 21)
        #expect(try store.message(id: id)?.deferredSince == F.at(minutes: 1), "the run goes on")
        try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 40))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 41))
        #expect(try store.message(id: id)?.deferredSince == nil)
    }

    @Test func aWaitForAHoldEndsTheRunAndTheNextRefusalStartsAnother() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try refuse(store, id, at: 1)
        // The hold it waited for ends (however it ends, `endHold` is where).
        try store.addHold(
            scope: .client("C1"), kind: .pause(until: F.date("2026-12-01"), reason: "x"), by: "operator", at: F.at(minutes: 2))
        let hold = try #require(try store.standingHolds().first)
        try store.endHold(hold, ending: .lifted, openInvoices: [], by: "operator", at: F.at(minutes: 3))
        #expect(try store.message(id: id)?.deferredSince == nil)
        #expect(try store.message(id: id)?.state == .deferred, "still due for its retry")
        try store.beginRetry(messageID: id, bytes: nil, at: F.at(minutes: 5000))
        try refuse(store, id, at: 5001)
        #expect(try store.message(id: id)?.deferredSince == F.at(minutes: 5001))
    }

    @Test func aResendTheOperatorAsksForStartsWithNoRun() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        _ = try store.recoverInterruptedSends(at: F.at(minutes: 1))
        try store.resolveUnknown(messageID: id, delivered: false, note: "not in the log", by: "operator", at: F.at(minutes: 9000))
        let message = try #require(try store.message(id: id))
        #expect(message.state == .deferred && message.deferredSince == nil)
    }

    /// A store whose messages were deferred before the column existed counts them from their creation.
    @Test func messagesDeferredBeforeTheMigrationCountFromTheirCreation() throws {
        let path = StoreFixtures.temporaryPath()
        defer { F.remove(path) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let store = try SQLiteStore(path: path)
            let id = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
            try refuse(store, id, at: 1)
        }
        // Back to the schema before the migration, the deferred message kept.
        // Before any other connection of the process: SQLite's process-wide settings come first.
        SQLiteProcessSettings.apply()
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'deferred-since'")
            try db.execute(sql: "ALTER TABLE messages DROP COLUMN deferred_since")
        }
        try old.close()
        let store = try SQLiteStore(path: path)
        #expect(try store.message(id: 1)?.deferredSince == F.at(minutes: 0))
    }
}
