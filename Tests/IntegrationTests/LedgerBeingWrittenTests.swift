import Foundation
import RelanceTestSupport
import Testing

/// An export being written in place can be read when it stops in the middle of its last line: `…,EUR,2`
/// of a `2500.00` paid parses as a valid row, and a paid invoice would be reminded for 2,498.00. A ledger
/// whose last line has no line end and which changed moments ago is not used until it has settled.
@Suite struct LedgerBeingWrittenTests {
    static let header = "invoice,client,issued,due,amount,currency,paid\n"

    @Test func aLedgerCutInItsLastLineIsNotUsedUntilItHasSettled() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(
            config: try Workspace.exampleConfig(smtpURL: server.url),
            ledger: Self.header + "N4,C004,2026-10-17,2026-11-16,2500.00,EUR,2")
        // Written 5 s before the cycle (the run's clock is --now, as the ledger's age is judged by it).
        let ledger = ws.folder.appendingPathComponent("ledger.csv").path
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-17T09:00:00Z"))
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-5)], ofItemAtPath: ledger)
        let held = try ws.relance("run", "--once", "--now", "2026-11-17T10:00:00+01:00")
        #expect(held.events("reminder.sent").isEmpty, "\(held.stderr)")
        #expect(held.events("ledger.unreadable").first?.contains("may still be being written") == true, "\(held.stderr)")
        #expect(try server.received().isEmpty)
        // The same file minutes later (a complete export without a final line end) is used.
        let settled = try ws.runOnce(at: "2026-11-17T10:05:00+01:00")
        #expect(settled.events("ledger.unreadable").isEmpty && settled.events("reminder.sent").count == 1, "\(settled.stderr)")
        // A file that ends its last line is used at once.
        try ws.write(ledger: Self.header + "N5,C002,2026-10-17,2026-11-16,100.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2026-11-17T10:10:00+01:00").events("ledger.unreadable").isEmpty)
    }
}
