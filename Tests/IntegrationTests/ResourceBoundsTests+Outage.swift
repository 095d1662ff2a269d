import Foundation
import RelanceTestSupport
import Testing

/// The SMTP relay is down for a day: every reminder stays `deferred` with doubling retry delays, none is
/// lost or given up before `smtp.max_deferred_hours`, and once the relay is back each one is delivered
/// exactly once, with the Message-ID it was first given. (An outage longer than `max_deferred_hours`,
/// where the reminder becomes a task, is `DeliveryFailureTests/aMessageDeferredTooLongBecomesATaskForAPerson`.)
extension ResourceBoundsTests {
    /// The demo config, sending at any hour of any day (so retries fall when they are due, not at the next
    /// window), with `max_deferred_hours: 48`: a day-long outage must not expire anything.
    static func roundTheClockConfig(smtpURL: String) throws -> String {
        var text = try Workspace.exampleConfig(smtpURL: smtpURL, timeout: 5)
        for (from, to) in [
            ("days: [mon, tue, wed, thu, fri]", "days: [mon, tue, wed, thu, fri, sat, sun]"),
            ("hours: \"09:00-17:00\"", "hours: \"00:00-23:59\""), ("holidays: FR ", "holidays: none "),
            ("  max_per_minute: 60\n", "  max_per_minute: 60\n  max_deferred_hours: 48\n"),
        ] {
            try #require(text.contains(from), "the example config has no `\(from)`")
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }

    /// One invoice per client, due 7 November: every one at its `second` step from the 15th to the 21st, so
    /// that no later step falls due during the outage. (A retry overtaken by a later step gives way to it:
    /// `RetriedReminderTests`.)
    static let outageLedger = "invoice,client,issued,due,amount,currency,paid\n"
        + (1...6).map { "F2026-30\($0),C00\($0),2026-10-08,2026-11-07,\(100 * $0).00,EUR,0\n" }.joined()

    @Test func aDayWithoutTheSMTPServerLosesNothingAndTheNextDueCycleDeliversEachReminderOnce() throws {
        var closed: SMTPTestServer.ClosedPort? = try SMTPTestServer.ClosedPort()
        let port = closed!.port
        let ws = try Workspace(config: try Self.roundTheClockConfig(smtpURL: "smtp://127.0.0.1:\(port)"), ledger: Self.outageLedger)
        let iso = ISO8601DateFormatter()
        let start = iso.date(from: Self.monday)!
        let end = start.addingTimeInterval(24 * 3600)

        // The cycles the daemon would run: each at the earliest retry the previous one scheduled.
        var now = start
        var delays: [String: [TimeInterval]] = [:]  // message_id → the retry delays it was given
        var cycles = 0
        while now < end {
            let run = try ws.runOnce(at: iso.string(from: now))
            cycles += 1
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.events("reminder.sent").isEmpty && run.events("reminder.expired").isEmpty, "\(run.stderr)")
            var next: Date?
            for line in run.events("reminder.deferred") {
                guard let id = LogfmtField.value("message_id", in: line),
                    let retry = LogfmtField.value("retry_at", in: line).flatMap(iso.date(from:))
                else {
                    Issue.record("a deferred line without message_id or retry_at: \(line)")
                    continue
                }
                delays[id, default: []].append(retry.timeIntervalSince(now))
                next = min(next ?? retry, retry)
            }
            #expect(try ws.messageStates().keys.sorted() == ["deferred"], "nothing lost, failed or expired")
            guard let next else {
                Issue.record("a cycle at \(now) retried nothing: \(run.stderr)")
                break
            }
            now = next
        }
        let reminders = delays.count
        #expect(reminders == 6, "the six reminders were all deferred: \(delays.keys.sorted())")
        #expect(try ws.messageStates() == ["deferred": reminders])
        // 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 16 h: seven attempts in the day, the next at 31 h 45.
        let expected: [TimeInterval] = [15, 30, 60, 120, 240, 480, 960].map { $0 * 60 }
        for (id, given) in delays { #expect(given == expected, "retry delays of \(id)") }
        #expect(cycles == 7)

        // The relay comes back on the same port. A cycle before the next retry sends nothing yet…
        closed = nil
        let server = try SMTPTestServer(arguments: ["--port", "\(port)"])
        defer { server.stop() }
        let back = try ws.runOnce(at: iso.string(from: end))
        #expect(back.events("reminder.sent").isEmpty && back.status == 0, "\(back.stderr)")
        #expect(try ws.messageStates() == ["deferred": reminders])
        // …and the cycle at the retry delivers every reminder once, with its first Message-ID.
        let delivered = try ws.runOnce(at: iso.string(from: now))
        let sent = delivered.events("reminder.sent")
        #expect(sent.count == reminders, "\(delivered.stderr)")
        #expect(sent.allSatisfy { $0.contains("attempt=8") }, "\(sent)")
        #expect(try ws.runOnce(at: iso.string(from: now.addingTimeInterval(3600))).events("reminder.sent").isEmpty)
        let received = try server.receivedMessageIDs()
        #expect(received.count == reminders && Set(received).count == reminders, "each exactly once: \(received)")
        #expect(Set(received.map { "<\($0)>" }) == Set(delays.keys), "the same messages, not new ones")
        #expect(try ws.messageStates() == ["sent": reminders])
        _ = closed
    }
}
