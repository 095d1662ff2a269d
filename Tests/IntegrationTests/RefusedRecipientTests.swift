import Foundation
import RelanceTestSupport
import Testing

/// One recipient refused at `RCPT TO` (a cc's dead mailbox, a full one) does not stop the reminder for the
/// others: they get it, the refusal is logged and journaled, and a mailbox refused for good (5xx) is
/// marked undeliverable at once, so the next reminders leave it out. The real binary, a real aiosmtpd.
@Suite(.serialized) struct RefusedRecipientTests {
    /// C002: To factures@, Cc direction@. F2026-095 is due on the 16th: its first reminder on the 17th.
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"

    func refusing(_ code: Int, _ text: String) -> String {
        #"{"recipients": {"direction@sgm-menuiserie.fr": {"action": "reply", "code": \#(code), "text": "\#(text)"}}}"#
    }

    @Test func aCopyWhoseMailboxDoesNotExistDoesNotStopTheReminder() throws {
        let server = try SMTPTestServer(rules: refusing(550, "5.1.1 No such user"))
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        let sent = try #require(first.events("reminder.sent").first, "\(first.stderr)")
        #expect(sent.contains("step=first") && sent.contains(#"refused="direction@sgm-menuiserie.fr 550""#), "\(sent)")
        #expect(first.events("reminder.failed").isEmpty && first.events("reminder.deferred").isEmpty, "\(first.stderr)")
        #expect(first.events("reminder.recipient_refused").first?.contains("smtp_code=550") == true, "\(first.stderr)")
        #expect(first.events("address.undeliverable").first?.contains("address=direction@sgm-menuiserie.fr") == true)
        let received = try server.received()
        #expect(received.map(\.recipients) == [["factures@sgm-menuiserie.fr"]])
        let history = try ws.relance("history", "--client", "C002").stdout
        #expect(history.contains("message.sent") && history.contains("refused=\"direction@sgm-menuiserie.fr 550\""), "\(history)")
        // The second reminder goes to factures@ alone: the dead mailbox is left out, nothing refused.
        let second = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        let next = try #require(second.events("reminder.sent").first, "\(second.stderr)")
        #expect(next.contains("step=second") && next.contains("to=factures@sgm-menuiserie.fr ") && !next.contains("refused"), "\(next)")
        #expect(try server.received().count == 2)
    }

    @Test func aCopyThatIsTemporarilyRefusedIsTriedAgainWithTheNextReminder() throws {
        let server = try SMTPTestServer(rules: refusing(452, "4.2.2 Mailbox full"))
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.sent").first?.contains(#"refused="direction@sgm-menuiserie.fr 452""#) == true, "\(first.stderr)")
        #expect(first.events("address.undeliverable").isEmpty, "\(first.stderr)")
        #expect(try server.received().map(\.recipients) == [["factures@sgm-menuiserie.fr"]])
        let second = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        #expect(second.events("reminder.recipient_refused").count == 1, "\(second.stderr)")
    }

    @Test func theClientsOwnAddressRefusedForGoodOpensATaskThoughTheCopyGotIt() throws {
        let server = try SMTPTestServer(rules: #"{"recipients": {"factures@sgm-menuiserie.fr": {"action": "reply", "code": 550, "text": "5.1.1 No such user"}}}"#)
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.sent").first?.contains(#"refused="factures@sgm-menuiserie.fr 550""#) == true, "\(first.stderr)")
        #expect(try server.received().map(\.recipients) == [["direction@sgm-menuiserie.fr"]])
        let tasks = try ws.relance("tasks", "--open").stdout
        #expect(tasks.contains("email address factures@sgm-menuiserie.fr of") && tasks.contains("reached only direction@sgm-menuiserie.fr"),
            "\(tasks)")
    }

    @Test func aMessageEveryRecipientRefusesIsRefused() throws {
        let server = try SMTPTestServer(rules: #"{"recipients": {"factures@sgm-menuiserie.fr": {"action": "reply", "code": 550, "text": "5.1.1 No such user"}, "direction@sgm-menuiserie.fr": {"action": "reply", "code": 550, "text": "5.1.1 No such user"}}}"#)
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.failed").first?.contains("smtp_code=550") == true, "\(first.stderr)")
        #expect(first.events("reminder.sent").isEmpty)
        #expect(try server.received().isEmpty)
    }
}
