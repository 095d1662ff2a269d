import Foundation
import RelanceTestSupport
import Testing

/// What the SMTP server answers decides each message's state; the real binary, a real aiosmtpd.
@Suite(.serialized) struct DeliveryFailureTests {
    static let now = "2026-11-17T10:00:00+01:00"
    /// One invoice of C002 (to factures@, cc direction@), due the day before: a first reminder.
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

        """

    func workspace(_ url: String, startTLS: String = "never") throws -> Workspace {
        try Workspace(config: try Workspace.exampleConfig(smtpURL: url, startTLS: startTLS, timeout: 5), ledger: Self.ledger)
    }

    func messageStates(_ ws: Workspace) throws -> [String: Int] {
        let status = try ws.relance("status", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        return json["messages"] as? [String: Int] ?? [:]
    }

    @Test func a451LeavesTheMessageDeferredAndALaterRunDeliversIt() throws {
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "reply", "code": 451, "text": "4.7.1 Try again later"}}}"#)
        defer { server.stop() }
        let ws = try workspace(server.url)
        let first = try ws.relance("run", "--once", "--now", Self.now)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.events("reminder.deferred").first?.contains("smtp_code=451") == true)
        #expect(try server.received().isEmpty)
        #expect(try messageStates(ws) == ["deferred": 1])
        // Ten minutes later the retry is not due yet (first delay 15 minutes).
        #expect(try ws.relance("run", "--once", "--now", "2026-11-17T10:10:00+01:00").events("reminder.sent").isEmpty)
        let later = try ws.relance("run", "--once", "--now", "2026-11-17T10:20:00+01:00")
        #expect(later.events("reminder.sent").first?.contains("attempt=2") == true, "\(later.stderr)")
        let mails = try server.received()
        #expect(mails.count == 1)
        #expect(mails.first?.recipients.sorted() == ["direction@sgm-menuiserie.fr", "factures@sgm-menuiserie.fr"])
        #expect(try messageStates(ws) == ["sent": 1])
        // Delivered once: the next runs send nothing more.
        #expect(try ws.relance("run", "--once", "--now", "2026-11-17T11:00:00+01:00").events("reminder.sent").isEmpty)
        #expect(try server.received().count == 1)
    }

    @Test func a550LeavesTheMessageFailedAndNothingIsResent() throws {
        let server = try SMTPTestServer(rules: #"{"default": {"action": "reply", "code": 550, "text": "5.1.1 No such user"}}"#)
        defer { server.stop() }
        let ws = try workspace(server.url)
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0)
        #expect(run.events("reminder.failed").first?.contains("smtp_code=550") == true)
        // The log says what the journal says: the address given up, and the task for a person.
        #expect(!run.events("address.undeliverable").isEmpty && run.events("task.opened").count == 1, "\(run.stderr)")
        #expect(run.events("task.opened").first?.contains("email undeliverable") == true, "\(run.stderr)")
        #expect(try messageStates(ws) == ["failed": 1])
        let next = try ws.relance("run", "--once", "--now", "2026-11-18T10:00:00+01:00")
        #expect(next.events("reminder.sent").isEmpty && next.events("reminder.failed").isEmpty)
        #expect(try server.received().isEmpty)
    }

    @Test func aRefusedConnectionIsTransient() throws {
        let closed = try SMTPTestServer.ClosedPort()
        let ws = try workspace("smtp://127.0.0.1:\(closed.port)")
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0)
        #expect(run.events("reminder.deferred").count == 1, "\(run.stderr)")
        #expect(try messageStates(ws) == ["deferred": 1])
    }

    @Test func requiredSTARTTLSAgainstAServerWithoutItSendsNothingInClear() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server.url, startTLS: "required")
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0)
        let line = run.events("reminder.deferred").first ?? ""
        #expect(line.contains("STARTTLS"), "\(run.stderr)")
        #expect(try server.received().isEmpty)
        #expect(try server.log().filter { $0.event == "transaction" }.isEmpty, "no MAIL FROM was sent in clear")
    }

    @Test func aMessageDeferredTooLongBecomesATaskForAPerson() throws {
        let server = try SMTPTestServer(rules: #"{"default": {"action": "reply", "code": 451, "text": "4.3.0 Try later"}}"#)
        defer { server.stop() }
        let ws = try workspace(server.url)
        #expect(try ws.relance("run", "--once", "--now", Self.now).events("reminder.deferred").count == 1)
        // 73 hours later (max_deferred_hours 72): no more retries, a task instead.
        let later = try ws.runOnce(at: "2026-11-20T11:00:00+01:00")
        #expect(later.events("reminder.expired").count == 1, "\(later.stderr)")
        #expect(later.events("reminder.deferred").isEmpty)
        #expect(try messageStates(ws) == ["failed": 1])
        #expect(try ws.relance("tasks", "--open").stdout.contains("email not delivered: still deferred after 72 h"))
        #expect(try server.received().isEmpty)
    }

    /// `smtp.max_deferred_hours` (72) counts the relay's refusals, not the message's age: a resend the
    /// operator asks for three days later is sent, not expired into a "still deferred" task.
    @Test func aResendAskedForDaysLaterIsSentNotExpired() throws {
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "drop_data"}}}"#)
        defer { server.stop() }
        let ws = try workspace(server.url)
        #expect(try ws.relance("run", "--once", "--now", Self.now).events("reminder.unknown").count == 1)
        let resolve = try ws.relance(
            "resolve", "1", "--not-delivered", "--note", "not in the relay's log", "--now", "2026-11-20T10:30:00+01:00")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let resend = try ws.runOnce(at: "2026-11-20T11:00:00+01:00")  // 73 hours after it was created
        #expect(resend.events("reminder.expired").isEmpty, "\(resend.stderr)")
        #expect(resend.events("reminder.sent").first?.contains("attempt=2") == true, "\(resend.stderr)")
        #expect(try messageStates(ws) == ["sent": 1])
        #expect(try ws.relance("tasks", "--open").stdout.contains("still deferred") == false)
    }

    /// A deferred retry that waited for a hold was not refused meanwhile: once the hold ends it is tried
    /// again, 73 hours after its first refusal, and expires only after 72 hours of refusals of its own.
    @Test func aRetryThatWaitedForAHoldGetsItsOwnHours() throws {
        let refusing = try SMTPTestServer(rules: #"{"default": {"action": "reply", "code": 451, "text": "4.3.0 Try later"}}"#)
        defer { refusing.stop() }
        let ws = try workspace(refusing.url)
        #expect(try ws.relance("run", "--once", "--now", Self.now).events("reminder.deferred").count == 1)
        let pause = try ws.relance(
            "pause", "--client", "C002", "--until", "2026-11-19", "--reason", "call on Thursday", "--now", "2026-11-17T11:00:00+01:00")
        #expect(pause.status == 0, "\(pause.stderr)")
        #expect(try ws.runOnce(at: "2026-11-18T10:00:00+01:00").events("reminder.held").count == 1)
        // 20 November: the pause is over, 73 hours after the first refusal.
        let after = try ws.runOnce(at: "2026-11-20T11:00:00+01:00")
        #expect(after.events("reminder.expired").isEmpty, "\(after.stderr)")
        #expect(after.events("reminder.deferred").first?.contains("attempt=2") == true, "\(after.stderr)")
        // 73 hours of refusals since then (before the second step, due on the 24th): a task.
        let expired = try ws.runOnce(at: "2026-11-23T12:00:00+01:00")
        #expect(expired.events("reminder.expired").count == 1, "\(expired.stderr)")
        #expect(try ws.relance("tasks", "--open").stdout.contains("email not delivered: still deferred after 72 h"))
        #expect(try refusing.received().isEmpty)
    }

    /// The same when no cycle ran during the hold (the daemon stopped, a cron that did not run): the hold's
    /// ending, not a cycle that saw it standing, is what restarts the retry's hours.
    @Test func aRetryThatWaitedForAHoldNoCycleSawGetsItsOwnHoursToo() throws {
        let refusing = try SMTPTestServer(rules: #"{"default": {"action": "reply", "code": 451, "text": "4.3.0 Try later"}}"#)
        defer { refusing.stop() }
        let ws = try workspace(refusing.url)
        #expect(try ws.relance("run", "--once", "--now", Self.now).events("reminder.deferred").count == 1)
        #expect(try ws.relance(
            "pause", "--client", "C002", "--until", "2026-11-19", "--reason", "call on Thursday", "--now", "2026-11-17T11:00:00+01:00"
        ).status == 0)
        let preview = try ws.relance("preview", "--now", "2026-11-20T10:59:00+01:00").stdout
        #expect(!preview.contains("given up"), "\(preview)")
        let after = try ws.runOnce(at: "2026-11-20T11:00:00+01:00")
        #expect(after.events("reminder.expired").isEmpty, "\(after.stderr)")
        #expect(after.events("reminder.deferred").first?.contains("attempt=2") == true, "\(after.stderr)")
    }
}
