import Foundation
import RelanceCore
import RelanceMail
import RelanceTestSupport
import Testing

/// Scripted server faults and network failures, each classified as the state machine needs.
@Suite struct SMTPFaultClassificationTests {
    private func sendOne(
        rules: String? = nil, arguments: [String] = [], to recipients: [EmailAddress] = [SMTPFixtures.client],
        startTLS: StartTLSPolicy = .never
    ) async throws -> (DeliveryOutcome, SMTPTestServer) {
        let server = try SMTPTestServer(rules: rules, arguments: arguments)
        let transport = SMTPFixtures.transport(server.url, startTLS: startTLS)
        defer { transport.close() }
        let outcome = await transport.send(from: SMTPFixtures.sender, recipients: recipients, message: SMTPFixtures.message())
        return (outcome, server)
    }

    static let rcptRules = #"""
        {"recipients": {
          "busy@example.org": {"action": "reply", "code": 451, "text": "4.7.1 Try again later"},
          "full@example.org": {"action": "reply", "code": 452, "text": "4.2.2 Mailbox full"},
          "gone@example.org": {"action": "reply", "code": 550, "text": "5.1.1 No such user"},
          "spam@example.org": {"action": "reply_data", "code": 554, "text": "5.7.1 Message refused"},
          "later@example.org": {"action": "reply_data", "code": 451, "text": "4.3.0 Queue full"}}}
        """#

    @Test(arguments: [
        ("busy@example.org", DeliveryOutcome.transient(code: 451, reply: "451 4.7.1 Try again later")),
        ("full@example.org", .transient(code: 452, reply: "452 4.2.2 Mailbox full")),
        ("gone@example.org", .permanent(code: 550, reply: "550 5.1.1 No such user")),
        ("spam@example.org", .permanent(code: 554, reply: "554 5.7.1 Message refused")),
        ("later@example.org", .transient(code: 451, reply: "451 4.3.0 Queue full")),
    ])
    func serverRepliesAreClassifiedByTheirCode(recipient: String, expected: DeliveryOutcome) async throws {
        let (outcome, server) = try await sendOne(rules: Self.rcptRules, to: [SMTPFixtures.address(recipient)])
        defer { server.stop() }
        #expect(outcome == expected)
        #expect(try server.received().isEmpty)
    }

    @Test func oneRejectedRecipientDoesNotStopTheMessageForTheOthers() async throws {
        let recipients = [SMTPFixtures.address("gone@example.org"), SMTPFixtures.client, SMTPFixtures.address("full@example.org")]
        let server = try SMTPTestServer(rules: Self.rcptRules)
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url, startTLS: .never)
        defer { transport.close() }
        let answer = await transport.attempt(from: SMTPFixtures.sender, recipients: recipients, message: SMTPFixtures.message())
        guard case .accepted = answer.outcome else {
            Issue.record("not accepted: \(answer.outcome)")
            return
        }
        #expect(answer.refusedRecipients == [
            RefusedRecipient(address: "gone@example.org", code: 550, reply: "550 5.1.1 No such user"),
            RefusedRecipient(address: "full@example.org", code: 452, reply: "452 4.2.2 Mailbox full"),
        ])
        #expect(try server.received().map(\.recipients) == [[SMTPFixtures.client.value]])
    }

    @Test func everyRecipientRejectedRejectsTheMessage() async throws {
        let recipients = [SMTPFixtures.address("busy@example.org"), SMTPFixtures.address("gone@example.org")]
        let (outcome, server) = try await sendOne(rules: Self.rcptRules, to: recipients)
        defer { server.stop() }
        #expect(outcome == .permanent(code: 550, reply: "550 5.1.1 No such user"))
        #expect(try server.received().isEmpty)
    }

    @Test func refusedConnectionIsTransientWithoutCode() async throws {
        let closed = try SMTPTestServer.ClosedPort()
        let transport = SMTPFixtures.transport("smtp://127.0.0.1:\(closed.port)")
        let outcome = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        guard case .transient(nil, let reply) = outcome else {
            Issue.record("expected transient(nil), got \(outcome)")
            return
        }
        #expect(reply.contains("could not connect to smtp://127.0.0.1:\(closed.port)"))
        #expect(reply.hasSuffix("nothing was sent"))
    }

    @Test func greeting421IsTransientAndTheNextMessageGoesThrough() async throws {
        let server = try SMTPTestServer(rules: #"{"connections": {"1": {"action": "greet", "code": 421}}}"#)
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url)
        let first = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        let second = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        #expect(first.resultingState == .deferred && first.code == 421, "\(first)")
        #expect(second.resultingState == .sent, "\(second)")
    }

    @Test func requiredStartTLSAgainstAServerWithoutItSendsNothing() async throws {
        let (outcome, server) = try await sendOne(startTLS: .required)
        defer { server.stop() }
        guard case .transient(nil, let reply) = outcome else {
            Issue.record("expected transient(nil), got \(outcome)")
            return
        }
        #expect(reply.contains("does not offer STARTTLS and smtp.starttls is required; nothing was sent"))
        #expect(try server.log().allSatisfy { $0.event == "connect" || $0.event == "ehlo" })
        #expect(try server.received().isEmpty)
    }

    @Test func untrustedCertificateIsTransientAndSendsNothing() async throws {
        let (outcome, server) = try await sendOne(arguments: ["--starttls"], startTLS: .required)
        defer { server.stop() }
        guard case .transient(nil, let reply) = outcome else {
            Issue.record("expected transient(nil), got \(outcome)")
            return
        }
        #expect(reply.contains("TLS failure"))
        #expect(try server.log().allSatisfy { $0.event == "connect" || $0.event == "ehlo" })
    }

    @Test func slowServerBeforeThePayloadIsTransient() async throws {
        let server = try SMTPTestServer(rules: #"{"connections": {"1": {"action": "slow"}}}"#)
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url, timeout: 2)
        let first = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        guard case .transient(nil, let reply) = first else {
            Issue.record("expected transient(nil), got \(first)")
            return
        }
        #expect(reply.contains("timed out after 2 s"))
        let second = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        #expect(second.resultingState == .sent, "\(second)")
        #expect(try server.received().map(\.connection) == [2])
    }

    @Test(arguments: [
        (#"{"messages": {"1": {"action": "stall_data", "seconds": 4}}}"#, "no reply within 2 s"),
        (#"{"messages": {"1": {"action": "drop_data"}}}"#, "connection lost"),
    ])
    func noReplyToTheFinalDotIsUnknownAndNeverConfusesTheNextMessage(rules: String, reason: String) async throws {
        let server = try SMTPTestServer(rules: rules)
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url, timeout: 2)
        defer { transport.close() }
        let first = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message("un"))
        let second = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.other], message: SMTPFixtures.message("deux"))

        guard case .unknown(let why) = first else {
            Issue.record("expected unknown, got \(first)")
            return
        }
        #expect(why.contains(reason) && why.contains("may have accepted it"), "\(why)")
        guard case .accepted(250, let reply) = second else {
            Issue.record("expected accepted, got \(second)")
            return
        }
        // The second reply is the second message's own, not the late reply to the first.
        #expect(try server.waitForLog { log in log.contains { $0.n == 2 && $0.outcome == "accepted" } })
        let entry = try #require(try server.log().first { $0.n == 2 && $0.outcome == "accepted" })
        #expect(reply == "250 2.0.0 Ok: queued as \(entry.queue_id ?? "?")")
        #expect(entry.rcpt_tos == ["direction@boulangerie-martin.fr"])
        #expect(entry.conn == 2)
    }
}
