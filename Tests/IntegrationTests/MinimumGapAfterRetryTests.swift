import Foundation
import RelanceTestSupport
import Testing

/// `min_gap_days` counts from when a message last went to the server, not from when it was first
/// planned: a reminder deferred by the relay and delivered days later by a retry is not followed by
/// another message in the same cycle.
@Suite(.serialized) struct MinimumGapAfterRetryTests {
    /// C002: F2026-095 due Monday 16 November (first reminder on the 17th, second on the 24th), and
    /// F2026-110 due Monday 23 November (courtesy on Friday the 20th).
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0
        F2026-110,C002,2026-10-24,2026-11-23,1320.00,EUR,0

        """

    @Test func aRetryDeliveredDaysLaterIsNotFollowedByAnotherMessageInTheSameCycle() throws {
        // The first message is deferred (451), every later one accepted.
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "reply", "code": 451, "text": "4.3.0 Later"}}}"#)
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
            .replacingOccurrences(of: "min_gap_days: 5", with: "min_gap_days: 2")
            .replacingOccurrences(of: "max_per_minute: 60", with: "max_per_minute: 60\n  max_deferred_hours: 120")
        let ws = try Workspace(config: config, ledger: Self.ledger)
        let tuesday = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(tuesday.events("reminder.deferred").first?.contains("step=first") == true, "\(tuesday.stderr)")
        // Friday: the retry delivers the first reminder. F2026-110's courtesy is due too, but the client
        // has just heard from us: it waits two days, not the three since the first attempt.
        let friday = try ws.runOnce(at: "2026-11-20T10:00:00+01:00")
        #expect(friday.events("reminder.sent").count == 1, "\(friday.stderr)")
        #expect(friday.events("reminder.sent").first?.contains("attempt=2") == true, "\(friday.stderr)")
        #expect(try server.received().count == 1, "one message on Friday, not the retry and the courtesy")
        // Monday, the gap over: the courtesy goes.
        let monday = try ws.runOnce(at: "2026-11-23T10:00:00+01:00")
        #expect(monday.events("reminder.sent").first?.contains("step=courtesy") == true, "\(monday.stderr)")
        #expect(try server.received().count == 2)
    }
}
