import Foundation
import RelanceTestSupport
import Testing

/// An invoice number the ledger gives to another client (a number reused, or an invoice moved to the
/// right client) starts its ladder over for that client: it never got the earlier reminders.
@Suite(.serialized) struct InvoiceNumberReuseTests {
    @Test func aNumberGivenToAnotherClientStartsAtItsOwnFirstStep() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let first = "invoice,client,issued,due,amount,currency,paid\nF100,C001,2026-10-06,2026-11-05,1000.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: first)
        let before = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(before.events("reminder.sent").first?.contains("step=second") == true, "\(before.stderr)")
        // F100 is now client C002's: 222.00 due 23 Nov.
        try ws.write(ledger: "invoice,client,issued,due,amount,currency,paid\nF100,C002,2026-10-24,2026-11-23,222.00,EUR,0\n")
        let after = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        let sent = after.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("client=C002") == true, "\(after.stderr)")
        #expect(sent.first?.contains("step=first") == true, "its own first reminder, not C001's next step: \(sent)")
        let changed = try ws.relance("history", "--invoice", "F100").stdout
        #expect(changed.contains("previous_client=C001") && changed.contains("ladder=restarted"), "\(changed)")
        // C002's history is about C002: not C001's reminder (the invoice's first appearance stays, as it was).
        let history = try ws.relance("history", "--client", "C002").stdout
        #expect(!history.contains("message=1 ") && history.components(separatedBy: "message.sent").count == 2, "\(history)")
    }
}
