import Foundation
import RelanceTestSupport
import Testing

/// `smtp.max_per_minute` counts the attempts started in the last minute: a message that starts none
/// leaves its place to the next one. (What is over the limit waiting for the next minute is
/// `SMTPFaultMatrixTests.maxPerMinuteLimitsWhatOneCycleSends`.)
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
