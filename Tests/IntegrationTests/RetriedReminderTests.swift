import Foundation
import RelanceTestSupport
import Testing

/// A deferred message, at its retry, says nothing a reminder planned that day would not say: when the
/// invoice it was sent for is paid, it is not sent about the others; when a later step is due, that
/// step goes instead of this one late.
@Suite(.serialized) struct RetriedReminderTests {
    /// The first message is deferred (451), every later one accepted.
    static let deferFirst = #"{"messages": {"1": {"action": "reply", "code": 451, "text": "4.3.0 Later"}}}"#

    @Test func aRetryWhoseOverdueInvoiceWasPaidIsNotSentAboutTheInvoiceNotYetDue() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        // C001: F2026-087 overdue (its second reminder is due on the 17th), F2026-101 due on the 20th.
        let ledger = """
            invoice,client,issued,due,amount,currency,paid
            F2026-087,C001,2026-10-10,2026-11-09,1200.00,EUR,300.00
            F2026-101,C001,2026-10-21,2026-11-20,486.40,EUR,0

            """
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").first?.contains("step=second") == true, "\(first.stderr)")
        #expect(try ws.relance("pay", "F2026-087", "900.00", "--date", "2026-11-17").status == 0)
        let preview = try ws.relance("preview", "--now", "2026-11-17T10:30:00+01:00").stdout
        #expect(preview.contains("(second): cancelled at the next cycle: the invoices it was sent for are paid"), "\(preview)")
        // What the cycle then plans, the message cancelled, shows too: F2026-101's courtesy.
        #expect(preview.contains("C001  courtesy  email courtesy  invoices: F2026-101"), "\(preview)")
        let retry = try ws.runOnce(at: "2026-11-17T10:30:00+01:00")
        #expect(retry.events("reminder.cancelled").first?.contains("paid, written off or on hold") == true, "\(retry.stderr)")
        // No "second reminder" about F2026-101. The cancelled message never delivered its courtesy, whose
        // day it is (three days before the 20th): that goes, alone, with its own template.
        let courtesy = retry.events("reminder.sent")
        #expect(courtesy.count == 1 && courtesy.first?.contains("invoices=F2026-101 step=courtesy") == true, "\(retry.stderr)")
        #expect(try server.received().count == 1)
        // F2026-101 goes on with its own ladder: its first reminder on the 21st (a Saturday: Monday 23rd).
        let monday = try ws.runOnce(at: "2026-11-23T10:00:00+01:00")
        let sent = monday.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("invoices=F2026-101 step=first") == true, "\(monday.stderr)")
    }

    @Test func aCourtesyDeferredPastTheDueDateGivesWayToTheFirstReminder() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let friday = try ws.runOnce(at: "2026-11-13T10:00:00+01:00")
        #expect(friday.events("reminder.deferred").first?.contains("step=courtesy") == true, "\(friday.stderr)")
        // Tuesday 17th: "due on the 16th" would arrive late; the first reminder is due: it goes, alone.
        let tuesday = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(tuesday.events("reminder.cancelled").first?.contains("step first is due for F2026-095") == true,
            "\(tuesday.stderr)")
        let sent = tuesday.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("step=first") == true, "\(tuesday.stderr)")
        #expect(tuesday.events("reminder.expired").isEmpty, "no 'email not delivered' task for a courtesy overtaken")
        #expect(try server.received().count == 1)
    }

    @Test func anInvoiceBackInTheExportGetsTheStepItsCancelledRetryNeverDelivered() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        // F2026-120 (C003, due in January) stays in every export: nothing is due for it.
        let others = "invoice,client,issued,due,amount,currency,paid\nF2026-120,C003,2026-11-02,2027-01-15,100.00,EUR,0\n"
        let row = "F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: others + row)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").first?.contains("step=first") == true, "\(first.stderr)")
        // The next export leaves it out (a correction in the accounts), so its retry is cancelled unsent.
        try ws.write(ledger: others)
        let gone = try ws.runOnce(at: "2026-11-17T10:30:00+01:00")
        #expect(gone.events("reminder.cancelled").first?.contains("settled or gone") == true, "\(gone.stderr)")
        // Back the next day, still unpaid: its first reminder was never delivered, so that is what goes,
        // not nothing until the second reminder's day.
        try ws.write(ledger: others + row)
        let back = try ws.runOnce(at: "2026-11-18T10:00:00+01:00")
        let sent = back.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("step=first") == true, "\(back.stderr)")
        #expect(try server.received().count == 1)
        let history = try ws.relance("history", "--invoice", "F2026-095").stdout
        #expect(history.contains("step.restored"), "\(history)")
    }

    @Test func aRetryListingAnOlderInvoiceAtItsCallStepGoes() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        // F2026-060 is at its call step on the 17th; F2026-095's first reminder is due, and lists it.
        let ledger = """
            invoice,client,issued,due,amount,currency,paid
            F2026-060,C002,2026-09-30,2026-10-30,2000.00,EUR,0
            F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

            """
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").first?.contains("step=first") == true, "\(first.stderr)")
        // F2026-060's second step passed long ago, but it is past it: nothing is late for F2026-095.
        let retry = try ws.runOnce(at: "2026-11-17T10:30:00+01:00")
        #expect(retry.events("reminder.cancelled").isEmpty, "\(retry.stderr)")
        let sent = retry.events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("step=first") == true, "\(retry.stderr)")
        #expect(try server.received().count == 1)
    }

    @Test func aFormalNoticeApprovedLateAndDeferredOnceIsRetriedNotDropped() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url, sending: #"min_gap_days: 1"#) + """
            schedules:
              standard:
                - { step: notice, offset_days: 30, action: formal-notice, template: formal-notice }
                - { step: legal, offset_days: 45, action: legal }
            clients:
              - { id: C1, name: "Client SAS", email: ["c1@example.fr"], schedule: standard, kind: business, address: ["1 rue A", "75001 Paris"] }

            """
        let ws = try Workspace(config: config, ledger: "invoice,client,issued,due,amount,currency,paid\nA1,C1,2025-08-01,2025-09-01,1000.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2025-10-01T10:00:00+02:00").events("approval.requested").count == 1)
        // Approved on the 17th, past the legal day (16 Oct); the first attempt is greylisted.
        #expect(try RelanceProcess.run(["approve", "1", "--config", ws.configPath, "--now", "2025-10-17T09:00:00+02:00"]).status == 0)
        let deferred = try ws.runOnce(at: "2025-10-17T10:00:00+02:00")
        #expect(deferred.events("reminder.deferred").first?.contains("step=notice") == true, "\(deferred.stderr)")
        let retry = try ws.runOnce(at: "2025-10-17T10:20:00+02:00")
        #expect(retry.events("reminder.cancelled").isEmpty, "\(retry.stderr)")
        #expect(retry.events("reminder.sent").first?.contains("step=notice") == true, "\(retry.stderr)")
        #expect(try server.received().count == 1)
        // One registered letter to post, and the hand-over waits for the notice's time to pay.
        let tasks = try ws.relance("tasks", "--json").stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(tasks.utf8)) as? [String: Any])
        let letters = (json["tasks"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "formal-notice" }
        #expect(letters.count == 1, "\(tasks)")
        #expect(try ws.runOnce(at: "2025-10-20T10:00:00+02:00").events("approval.requested").isEmpty)
    }

    @Test func previewGoesOnWithTheLadderAfterARetryItExpectsToBeDelivered() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        let ws = try Workspace(
            config: try Workspace.exampleConfig(smtpURL: server.url),
            ledger: "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").events("reminder.deferred").count == 1)
        // The first reminder waits for its retry at 10:15: the plan goes on from there, its second reminder
        // on the 24th, not "call … skips: second" as if the client stayed blocked.
        let preview = try ws.relance("preview", "--now", "2026-11-17T10:05:00+01:00", "--days", "14").stdout
        #expect(preview.contains("2026-11-24 09:00 Europe/Paris  C002  second  email second-reminder"), "\(preview)")
        #expect(!preview.contains("skips: second"), "\(preview)")
        #expect(preview.contains("(first): next attempt 2026-11-17T09:15:00Z (the plan above takes it as delivered then)"), "\(preview)")
        // The JSON says the same.
        let json = try ws.relance("preview", "--now", "2026-11-17T10:05:00+01:00", "--days", "14", "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let retries = try #require(object["retries"] as? [[String: Any]], "\(json)")
        #expect(retries.count == 1 && retries[0]["verdict"] as? String == "send", "\(json)")
        #expect(retries[0]["next_attempt"] as? String == "2026-11-17T09:15:00Z" && retries[0]["step"] as? String == "first")
    }

    @Test func previewPutsARetryDueAfterHoursAtTheNextOpening() throws {
        let server = try SMTPTestServer(rules: Self.deferFirst)
        defer { server.stop() }
        // Due Thursday the 19th: the first reminder on Friday the 20th, deferred at 16:50; its retry at 17:05
        // falls after the window (09:00-17:00) and goes on Monday 23rd at 09:00.
        let ws = try Workspace(
            config: try Workspace.exampleConfig(smtpURL: server.url),
            ledger: "invoice,client,issued,due,amount,currency,paid\nF2026-096,C002,2026-10-20,2026-11-19,480.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2026-11-20T16:50:00+01:00").events("reminder.deferred").count == 1)
        let preview = try ws.relance("preview", "--now", "2026-11-20T16:55:00+01:00", "--days", "14").stdout
        #expect(preview.contains("(first): next attempt 2026-11-23T08:00:00Z"), "\(preview)")
        // min_gap_days (5) counts from that attempt: the second reminder (due the 27th) waits for the 30th.
        #expect(preview.contains("2026-11-30 09:00 Europe/Paris  C002  second  email second-reminder"), "\(preview)")
    }
}
