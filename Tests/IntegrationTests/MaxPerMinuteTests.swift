import Foundation
import RelanceTestSupport
import Testing

/// `smtp.max_per_minute`: the messages started in the last minute count against it; what is over waits
/// for the next cycle (`reminder.throttled`), and a message that starts no attempt leaves its place.
@Suite(.serialized) struct MaxPerMinuteTests {
    /// Four clients, one invoice each, due on Monday 16 November 2026.
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-101,C001,2026-10-15,2026-11-16,420.00,EUR,0
        F2026-102,C002,2026-10-15,2026-11-16,310.00,EUR,0
        F2026-103,C003,2026-10-15,2026-11-16,275.50,EUR,0
        F2026-105,C005,2026-10-15,2026-11-16,98.00,EUR,0

        """

    static func config(smtpURL: String, perMinute: Int) throws -> String {
        try Workspace.exampleConfig(smtpURL: smtpURL)
            .replacingOccurrences(of: "max_per_minute: 60", with: "max_per_minute: \(perMinute)")
    }

    @Test func whatIsOverTheMinutesBudgetWaitsForTheNextMinute() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Self.config(smtpURL: server.url, perMinute: 3), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.sent").count == 3, "\(first.stderr)")
        #expect(first.events("reminder.throttled").first?.contains("waiting=1") == true, "\(first.stderr)")
        // Thirty seconds later the minute is still full: nothing goes.
        let early = try ws.runOnce(at: "2026-11-17T10:00:30+01:00")
        #expect(early.events("reminder.sent").isEmpty, "\(early.stderr)")
        #expect(early.events("reminder.throttled").first?.contains("waiting=1") == true, "\(early.stderr)")
        // A minute later the last one goes, and none of the first three again.
        let next = try ws.runOnce(at: "2026-11-17T10:01:05+01:00")
        #expect(next.events("reminder.sent").count == 1, "\(next.stderr)")
        #expect(next.events("reminder.throttled").isEmpty, "\(next.stderr)")
        let received = try server.received().map(\.recipients)
        #expect(received.count == 4 && Set(received).count == 4, "\(received)")
    }

    @Test func aMessageThatStartsNoAttemptLeavesItsPlaceInTheMinute() throws {
        // C001's address refuses mail: after the first reminder it is undeliverable, and its second
        // reminder becomes a task for a person, not an email.
        let refusal = #"{"action": "reply", "code": 550, "text": "5.1.1 No such user"}"#
        let server = try SMTPTestServer(rules: #"{"recipients": {"compta@boulangerie-martin.fr": "# + refusal + "}}")
        defer { server.stop() }
        let ws = try Workspace(config: try Self.config(smtpURL: server.url, perMinute: 60), ledger: Self.ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.sent").count == 3, "\(first.stderr)")
        #expect(first.events("reminder.failed").count == 1, "\(first.stderr)")
        // A week later the second reminder is due for all four, two a minute: C001's takes no place.
        try ws.write(config: try Self.config(smtpURL: server.url, perMinute: 2))
        let later = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        #expect(later.events("reminder.undeliverable").count == 1, "\(later.stderr)")
        #expect(later.events("reminder.sent").count == 2, "\(later.stderr)")
        #expect(later.events("reminder.throttled").first?.contains("waiting=1") == true, "\(later.stderr)")
    }
}
