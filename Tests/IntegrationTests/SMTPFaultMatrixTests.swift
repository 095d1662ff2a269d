import Foundation
import RelanceTestSupport
import Testing

/// One SMTP fault of the matrix: how the server misbehaves, and what relance must make of it.
struct SMTPFault: Sendable, CustomTestStringConvertible {
    enum State: String, Sendable { case sent, deferred, failed, unknown }
    /// What the next cycle (past the 15-minute retry delay) must do.
    enum Next: Sendable {
        /// The fault was one-off: the retry goes out, with the same Message-ID, and is delivered.
        case retriedAndDelivered
        /// The fault persists (a config problem): retried, deferred again, nothing reaches the server.
        case retriedAndDeferredAgain
        /// Final state: nothing is sent again.
        case nothing
    }

    var name: String
    /// `--rules` JSON for smtp_server.py.
    var rules: String? = nil
    var serverArguments: [String] = []
    /// The first cycle talks to a port that refuses connections; the server is up for the next one.
    var refuseFirst = false
    var startTLS = "never"
    var timeout = 10
    /// SMTP AUTH: the server wants `right`, the password file first holds `wrong`, then `right`.
    var auth = false
    var state: State
    /// The expected `smtp_code=` value (`-` when the server gave no code).
    var code: String
    /// A fragment of the logged `reply=`.
    var reply: String
    var next: Next
    /// The server eventually stores the message (a stalled reply after the client gave up).
    var serverKeepsACopy = false

    var testDescription: String { name }

    static let all: [SMTPFault] = [
        SMTPFault(name: "connection refused", refuseFirst: true, state: .deferred, code: "-",
            reply: "could not connect", next: .retriedAndDelivered),
        // Both of the config's connections (max_connections 2): a message whose connection fails before DATA is
        // tried again on the other connection in the same cycle, so a fault on one connection alone is not seen.
        SMTPFault(name: "greeting 421", rules: #"{"connections": {"1": {"action": "greet", "code": 421, "text": "4.3.2 Too busy"}, "2": {"action": "greet", "code": 421, "text": "4.3.2 Too busy"}}}"#,
            state: .deferred, code: "421", reply: "421", next: .retriedAndDelivered),
        SMTPFault(name: "451 on RCPT", rules: rcpt(451, "4.7.1 Try again later"), state: .deferred, code: "451",
            reply: "451 4.7.1 Try again later", next: .retriedAndDelivered),
        SMTPFault(name: "452 on RCPT", rules: rcpt(452, "4.2.2 Mailbox full"), state: .deferred, code: "452",
            reply: "452 4.2.2 Mailbox full", next: .retriedAndDelivered),
        SMTPFault(name: "550 on RCPT", rules: rcpt(550, "5.1.1 No such user"), state: .failed, code: "550",
            reply: "550 5.1.1 No such user", next: .nothing),
        SMTPFault(name: "553 on RCPT", rules: rcpt(553, "5.1.3 Bad recipient address syntax"), state: .failed, code: "553",
            reply: "553 5.1.3", next: .nothing),
        SMTPFault(name: "554 on RCPT", rules: rcpt(554, "5.7.1 Relay access denied"), state: .failed, code: "554",
            reply: "554 5.7.1 Relay access denied", next: .nothing),
        SMTPFault(name: "554 after DATA", rules: #"{"messages": {"1": {"action": "reply_data", "code": 554, "text": "5.7.1 Message refused"}}}"#,
            state: .failed, code: "554", reply: "554 5.7.1 Message refused", next: .nothing),
        SMTPFault(name: "connection dropped after the payload", rules: #"{"messages": {"1": {"action": "drop_data"}}}"#,
            state: .unknown, code: "-", reply: "connection lost", next: .nothing),
        SMTPFault(name: "final 250 stalled past the timeout", rules: #"{"messages": {"1": {"action": "stall_data", "seconds": 3.5}}}"#,
            timeout: 2, state: .unknown, code: "-", reply: "no reply within 2 s", next: .nothing, serverKeepsACopy: true),
        SMTPFault(name: "1 byte/s replies past the timeout", rules: #"{"connections": {"1": {"action": "slow"}, "2": {"action": "slow"}}}"#,
            timeout: 2, state: .deferred, code: "-", reply: "timed out after 2 s", next: .retriedAndDelivered),
        SMTPFault(name: "STARTTLS required, not offered", startTLS: "required", state: .deferred, code: "-",
            reply: "does not offer STARTTLS", next: .retriedAndDeferredAgain),
        SMTPFault(name: "AUTH rejected (535)", serverArguments: ["--auth", "--user", user, "--password", "right"], auth: true,
            state: .deferred, code: "535", reply: "authentication failed", next: .retriedAndDelivered),
        SMTPFault(name: "accepted", state: .sent, code: "250", reply: "250 2.0.0 Ok: queued as", next: .nothing),
    ]

    static let user = "relance@atelier-dupont.fr"

    /// The first message's RCPT answered with `code` (message rules apply to one message: the retry is
    /// message 2 and goes through).
    static func rcpt(_ code: Int, _ text: String) -> String {
        #"{"messages": {"1": {"action": "reply", "code": \#(code), "text": "\#(text)"}}}"#
    }
}

/// Every SMTP fault the transport can meet, end to end: the real binary, the real aiosmtpd, the store
/// read back with `status --json`, and the next cycle past the retry delay.
@Suite struct SMTPFaultMatrixTests {
    static let now = "2026-11-17T10:00:00+01:00"
    /// Past the first retry delay (15 min).
    static let later = "2026-11-17T10:20:00+01:00"
    /// One invoice of C002 (to factures@, cc direction@), due the day before: a first reminder.
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

        """

    @Test(arguments: SMTPFault.all)
    func faultEndsInTheRightStateAndTheNextCycleDoesTheRightThing(fault: SMTPFault) throws {
        let started = Date()
        // The first cycle's server (or a port that refuses), and the next cycle's.
        let closed = fault.refuseFirst ? try SMTPTestServer.ClosedPort() : nil
        var server = fault.refuseFirst ? nil : try SMTPTestServer(rules: fault.rules, arguments: fault.serverArguments)
        defer { server?.stop() }
        let firstURL = closed.map { "smtp://127.0.0.1:\($0.port)" } ?? server!.url
        func config(_ url: String) throws -> String {
            fault.auth
                ? try Workspace.exampleConfig(smtpURL: url, startTLS: fault.startTLS, timeout: fault.timeout, username: SMTPFault.user)
                : try Workspace.exampleConfig(smtpURL: url, startTLS: fault.startTLS, timeout: fault.timeout)
        }
        let ws = try Workspace(config: try config(firstURL), ledger: Self.ledger)
        if fault.auth { try ws.writePassword("wrong") }

        // First cycle: the fault.
        let first = try ws.relance("run", "--once", "--now", Self.now)
        #expect(first.status == 0, "\(first.stderr)")
        let outcomes = ["sent", "deferred", "failed", "unknown"].flatMap { first.events("reminder.\($0)") }
        #expect(outcomes.count == 1, "exactly one delivery result: \(first.stderr)")
        let line = try #require(first.events("reminder.\(fault.state.rawValue)").first, "\(first.stderr)")
        #expect(LogfmtField.value("smtp_code", in: line) == fault.code, "\(line)")
        #expect(LogfmtField.value("reply", in: line)?.contains(fault.reply) == true, "\(line)")
        #expect(LogfmtField.value("client", in: line) == "C002")
        #expect(LogfmtField.value("invoices", in: line) == "F2026-095")
        #expect(LogfmtField.value("step", in: line) == "first")
        #expect(LogfmtField.value("attempt", in: line) == "1")
        let messageID = try #require(LogfmtField.value("message_id", in: line)).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        if fault.state == .deferred {
            #expect(LogfmtField.value("retry_at", in: line) == "2026-11-17T09:15:00Z", "first retry 15 min later: \(line)")
        }
        #expect(try ws.messageStates() == [fault.state.rawValue: 1])
        if fault.state == .unknown {
            let unknown = try ws.statusJSON()["unknown_messages"] as? [[String: Any]]
            #expect(unknown?.first?["message_id"] as? String == messageID, "status lists it for the operator")
        }
        if fault.serverKeepsACopy, let server {
            // The server finishes the stalled transaction after relance gave up: the copy it keeps is the
            // reason this message is `unknown` and never resent.
            #expect(try server.waitForLog(seconds: 10) { $0.contains { $0.outcome == "accepted" } })
        }

        // The fault is over (one-off faults) or not (config problems); the next cycle, past the retry delay.
        if fault.refuseFirst {
            server = try SMTPTestServer()
            try ws.write(config: try config(server!.url))
        }
        if fault.auth { try ws.writePassword("right") }
        let next = try ws.relance("run", "--once", "--now", Self.later)
        #expect(next.status == 0, "\(next.stderr)")
        let received = try #require(server).received()
        switch fault.next {
        case .retriedAndDelivered:
            let sent = try #require(next.events("reminder.sent").first, "\(next.stderr)")
            #expect(LogfmtField.value("attempt", in: sent) == "2")
            #expect(LogfmtField.value("smtp_code", in: sent) == "250")
            #expect(LogfmtField.value("message_id", in: sent) == "<\(messageID)>", "a retry keeps its Message-ID")
            #expect(try ws.messageStates() == ["sent": 1])
            #expect(received.count == 1)
            #expect(received.first?.messageID == messageID)
            #expect(received.first?.recipients.sorted() == ["direction@sgm-menuiserie.fr", "factures@sgm-menuiserie.fr"])
        case .retriedAndDeferredAgain:
            let deferred = try #require(next.events("reminder.deferred").first, "\(next.stderr)")
            #expect(LogfmtField.value("attempt", in: deferred) == "2")
            #expect(LogfmtField.value("message_id", in: deferred) == "<\(messageID)>")
            #expect(next.events("reminder.sent").isEmpty)
            #expect(try ws.messageStates() == ["deferred": 1])
            #expect(received.isEmpty)
            #expect(try server!.log().allSatisfy { $0.event != "transaction" }, "no MAIL FROM in clear text")
        case .nothing:
            let results = ["sent", "deferred", "failed", "unknown"].flatMap { next.events("reminder.\($0)") }
            #expect(results.isEmpty, "nothing is sent again: \(next.stderr)")
            #expect(try ws.messageStates() == [fault.state.rawValue: 1])
            let expected = fault.state == .sent || fault.serverKeepsACopy ? 1 : 0
            #expect(received.count == expected)
            if expected == 1 { #expect(received.first?.messageID == messageID) }
        }
        // Never the same reminder twice: no Message-ID twice, and never two messages for this invoice.
        let ids = try server!.receivedMessageIDs()
        #expect(Set(ids).count == ids.count, "a Message-ID arrived twice: \(ids)")
        #expect(ids.count <= 1, "one reminder, at most one copy: \(ids)")
        print("fault matrix: \(fault.name): \(fault.state.rawValue) smtp_code=\(fault.code), "
            + "received \(ids.count), \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// `smtp.max_per_minute` is a delivery limit (contract, README): a relay that rate-limits answers 4xx
    /// or blocks the sender past it. The demo has six reminders due at once; with a limit of 2 per minute
    /// one cycle must not hand more than two to the server.
    @Test func maxPerMinuteLimitsWhatOneCycleSends() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url).replacingOccurrences(
            of: "max_per_minute: 60", with: "max_per_minute: 2")
        #expect(config.contains("max_per_minute: 2"))
        let ws = try Workspace(config: config, ledger: try Workspace.exampleLedger())
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try server.received().count == 2, "max_per_minute: 2 lets two messages out in the minute")
        #expect(run.events("reminder.throttled").first?.contains("waiting=4") == true, "\(run.stderr)")
        // Thirty seconds later the minute is still full: nothing goes.
        let early = try ws.relance("run", "--once", "--now", "2026-11-17T10:00:30+01:00")
        #expect(early.events("reminder.sent").isEmpty, "\(early.stderr)")
        // A minute later the next two go; the throttled ones were never committed, so nothing is lost.
        #expect(try ws.relance("run", "--once", "--now", "2026-11-17T10:01:01+01:00").events("reminder.sent").count == 2)
        #expect(try ws.relance("run", "--once", "--now", "2026-11-17T10:02:02+01:00").events("reminder.sent").count == 2)
        #expect(try server.received().count == 6)
        // Whatever the limit does, nothing is ever sent twice.
        let ids = try server.receivedMessageIDs()
        #expect(Set(ids).count == ids.count)
    }
}
