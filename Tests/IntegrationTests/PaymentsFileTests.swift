import Foundation
import RelanceTestSupport
import Testing

/// With `ledger.payments`, a payment in the payments file stops the reminders as one in the ledger's
/// `paid` column does, though the export has not caught up: the cycle, `preview` and `status` count the
/// larger of the two. The real binary, a real aiosmtpd.
@Suite(.serialized) struct PaymentsFileTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nB1,C001,2026-10-10,2026-11-09,500.00,EUR,0\n"

    func workspace(_ server: SMTPTestServer) throws -> Workspace {
        let config = try Workspace.exampleConfig(smtpURL: server.url).replacingOccurrences(
            of: "  path: \"ledger.csv\"", with: "  path: \"ledger.csv\"\n  payments: \"payments.csv\"")
        let ws = try Workspace(config: config, ledger: Self.ledger)
        try write("invoice,date,amount\n", to: ws)
        return ws
    }

    func write(_ payments: String, to ws: Workspace) throws {
        try Data(payments.utf8).write(to: ws.folder.appendingPathComponent("payments.csv"))
    }

    @Test func anInvoiceThePaymentsFileShowsPaidIsNotRemindedThoughTheLedgerLags() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        let first = try ws.runOnce(at: "2026-11-10T10:00:00+01:00")
        #expect(first.events("reminder.sent").first?.contains("step=first") == true, "\(first.stderr)")
        // Paid in full on the 12th: the payments file says so, the ledger's export still says 0.
        try write("invoice,date,amount\nB1,2026-11-12,500.00\n", to: ws)
        let preview = try ws.relance("preview", "--now", "2026-11-17T10:00:00+01:00", "--days", "30")
        #expect(preview.stdout.contains("Nothing would be sent or raised."), "\(preview.stdout)")
        let second = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(second.events("reminder.sent").isEmpty, "\(second.stderr)")
        let mismatch = try #require(second.events("payments.mismatch").first, "\(second.stderr)")
        #expect(mismatch.contains("B1 (ledger 0.00, file 500.00)"), "\(mismatch)")
        #expect(try server.received().count == 1)
        // `status` counts the file too: no open invoice left (before: "reminded(first) 500.00 EUR").
        let status = try ws.relance("status", "--json").stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        #expect((json["stages"] as? [Any])?.isEmpty == true, "\(status)")
    }

    @Test func aPaymentDatedAfterTodayDoesNotCountYet() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        try write("invoice,date,amount\nB1,2026-11-20,500.00\n", to: ws)
        let early = try ws.runOnce(at: "2026-11-10T10:00:00+01:00")
        #expect(early.events("reminder.sent").first?.contains("invoices=B1 step=first") == true, "\(early.stderr)")
    }

    @Test func aPaymentsFileThatCannotBeReadHoldsEverySend() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        try write("number;day;sum\nB1;2026-11-12;500.00\n", to: ws)
        let run = try ws.runOnce(at: "2026-11-10T10:00:00+01:00")
        #expect(run.events("payments.unreadable").count == 1, "\(run.stderr)")
        #expect(run.events("reminder.sent").isEmpty)
        #expect(try server.received().isEmpty)
        let preview = try ws.relance("preview", "--now", "2026-11-10T10:00:00+01:00")
        #expect(preview.stdout.contains("HELD: "), "\(preview.stdout)")
    }

    @Test func aPromisesBaselineCountsTheFilesPaymentsUpToItsOwnDayAndNeedsTheFile() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        #expect(try ws.runOnce(at: "2026-11-10T10:00:00+01:00").status == 0)
        // 200.00 arrived on the 12th, 300.00 is dated the 20th: a promise recorded on the 17th starts from 200.00.
        try write("invoice,date,amount\nB1,2026-11-12,200.00\nB1,2026-11-20,300.00\n", to: ws)
        let promise = try ws.relance(
            "promise", "B1", "--amount", "300.00", "--date", "2026-11-27", "--now", "2026-11-17T10:00:00+01:00", "--json")
        #expect(promise.status == 0, "\(promise.stderr)")
        #expect(promise.stdout.contains("paid_at_start=200.00"), "\(promise.stdout)")
        // A payments file that cannot be read: no baseline can be told, so nothing is recorded.
        try write("number;day\n", to: ws)
        let refused = try ws.relance(
            "promise", "B1", "--amount", "300.00", "--date", "2026-11-27", "--now", "2026-11-17T10:05:00+01:00")
        #expect(refused.status == 1 && refused.stderr.contains("payments.csv"), "\(refused.stderr)")
        // A promised day already past is refused.
        try write("invoice,date,amount\n", to: ws)
        let past = try ws.relance("promise", "B1", "--amount", "300.00", "--date", "2026-11-16", "--now", "2026-11-17T10:05:00+01:00")
        #expect(past.status != 0 && past.stderr.contains("--date: 2026-11-16 is before today"), "\(past.stderr)")
    }
}
