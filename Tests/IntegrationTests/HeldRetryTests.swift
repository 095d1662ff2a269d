import Foundation
import RelanceTestSupport
import Testing

/// A deferred reminder is tried again at a later cycle. A hold put on its client or on one of its
/// invoices meanwhile (a pause, a promise, a payment plan, a dispute) must stop that retry as it stops
/// a new reminder: the retry waits while the hold stands, and goes once it has ended.
@Suite(.serialized) struct HeldRetryTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,0\n"

    /// The first message is deferred (451), every later one accepted.
    static let rules = #"{"messages": {"1": {"action": "reply", "code": 451, "text": "4.3.0 Try again later"}}}"#

    @Test func aPauseOnTheClientStopsTheRetryUntilItEnds() throws {
        let server = try SMTPTestServer(rules: Self.rules)
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").count == 1, "\(first.stderr)")
        let pause = try ws.relance("pause", "--client", "C003", "--until", "2026-11-18", "--reason", "call on Thursday",
            "--now", "2026-11-17T10:10:00+01:00")
        #expect(pause.status == 0, "\(pause.stderr)")
        let preview = try ws.relance("preview", "--now", "2026-11-17T10:20:00+01:00")
        #expect(preview.stdout.contains("(first): on hold: retried once the hold ends"), "\(preview.stdout)")
        // The plan takes the retry as going once the pause is over (the 19th), and the ladder on from
        // there: the second reminder on the 24th, not "call … skips: second".
        #expect(preview.stdout.contains("2026-11-24 09:00 Europe/Paris  C003  second  email second-reminder"), "\(preview.stdout)")
        #expect(!preview.stdout.contains("skips: second"), "\(preview.stdout)")
        let held = try ws.runOnce(at: "2026-11-17T10:20:00+01:00")
        #expect(held.events("reminder.sent").isEmpty && held.events("reminder.deferred").isEmpty, "\(held.stderr)")
        #expect(held.events("reminder.held").first?.contains("message_id=<") == true, "\(held.stderr)")
        #expect(try ws.runOnce(at: "2026-11-18T10:00:00+01:00").events("reminder.sent").isEmpty, "paused up to the 18th included")
        #expect(try server.received().isEmpty, "nothing reaches the server while the client is paused")
        // The pause covers the 18th: on the 19th it has ended and the deferred message goes, once.
        let after = try ws.runOnce(at: "2026-11-19T10:00:00+01:00")
        #expect(after.events("hold.ended").count == 1, "\(after.stderr)")
        #expect(after.events("reminder.sent").first?.contains("attempt=2") == true, "\(after.stderr)")
        #expect(try server.received().count == 1)
    }

    @Test func aDisputeOnTheInvoiceStopsTheRetry() throws {
        let server = try SMTPTestServer(rules: Self.rules)
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").events("reminder.deferred").count == 1)
        let dispute = try ws.relance(
            "dispute", "F2026-090", "--reason", "goods returned", "--review", "2026-12-15", "--now", "2026-11-17T10:10:00+01:00")
        #expect(dispute.status == 0, "\(dispute.stderr)")
        let held = try ws.runOnce(at: "2026-11-17T10:20:00+01:00")
        #expect(held.events("reminder.sent").isEmpty, "\(held.stderr)")
        #expect(try server.received().isEmpty, "a disputed invoice is not reminded, not even by a retry")
    }

    @Test func aRetryLeavesOutTheInvoiceOnHoldAndGoesForTheOthers() throws {
        let server = try SMTPTestServer(rules: Self.rules)
        defer { server.stop() }
        let ledger = Self.ledger + "F2026-091,C003,2026-10-11,2026-11-16,220.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").first?.contains("invoices=F2026-090,F2026-091") == true, "\(first.stderr)")
        #expect(try ws.relance(
            "dispute", "F2026-090", "--reason", "goods returned", "--review", "2026-12-15", "--now", "2026-11-17T10:10:00+01:00"
        ).status == 0)
        let retry = try ws.runOnce(at: "2026-11-17T10:20:00+01:00")
        #expect(retry.events("reminder.sent").first?.contains("invoices=F2026-091 ") == true, "\(retry.stderr)")
        let mail = try server.received()
        #expect(mail.count == 1)
        #expect(mail.first.map { $0.text.contains("F2026-091") && !$0.text.contains("F2026-090") } == true, "\(mail)")
    }

    @Test func anInvoiceLeftOutOfTheRetryForAPauseGetsItsOwnReminderOnceThePauseEnds() throws {
        let server = try SMTPTestServer(rules: Self.rules)
        defer { server.stop() }
        // Two invoices of C003, both at their first step on the 17th: one message lists both.
        let ledger = Self.ledger + "F2026-091,C003,2026-10-12,2026-11-16,200.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").events("reminder.deferred").first?.contains("F2026-090,F2026-091") == true)
        #expect(try ws.relance("pause", "--invoice", "F2026-091", "--until", "2026-11-18", "--reason", "checking",
            "--now", "2026-11-17T10:10:00+01:00").status == 0)
        // Preview says so before the cycle does: the retry leaves F2026-091 out, and its first reminder
        // comes on the 23rd.
        let preview = try ws.relance("preview", "--now", "2026-11-17T10:15:00+01:00", "--days", "10").stdout
        #expect(preview.contains("it leaves out F2026-091, whose step is given back"), "\(preview)")
        #expect(preview.contains("2026-11-23 09:00 Europe/Paris  C003  first  email first-reminder  invoices: F2026-091"), "\(preview)")
        // The retry goes about F2026-090 alone; F2026-091 was not reminded by it, so its first step is given back.
        let retry = try ws.runOnce(at: "2026-11-17T10:20:00+01:00")
        #expect(retry.events("reminder.sent").first?.contains("invoices=F2026-090 step=first") == true, "\(retry.stderr)")
        let history = try ws.relance("history", "--invoice", "F2026-091").stdout
        #expect(history.contains("left_out=F2026-091") && history.contains("step.restored"), "\(history)")
        // The pause over, F2026-091 gets its own first reminder on Monday the 23rd (min_gap_days 5 after
        // the 17th), not nothing until a "second reminder" on the 24th with no first before it.
        let monday = try ws.runOnce(at: "2026-11-23T10:00:00+01:00")
        let sent = monday.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("step=first") == true && sent.first?.contains("F2026-091") == true,
            "\(monday.stderr)")
    }
}
