import RelanceCore
import Testing

@testable import RelanceMail

/// The classification table on its own, without a network: what libcurl reports → outcome.
@Suite struct SMTPClassificationTableTests {
    private func attempt(
        _ curlCode: Int, _ responseCode: Int, reply: String? = nil, payloadComplete: Bool = false,
        payloadStarted: Bool = false, errorText: String = "curl says so"
    ) -> SMTPAttempt {
        SMTPAttempt(
            curlCode: curlCode, responseCode: responseCode, reply: reply, lastLine: reply, errorText: errorText,
            payloadComplete: payloadComplete, payloadStarted: payloadStarted || payloadComplete,
            server: "smtp://mail.example.fr:587", timeoutSeconds: 30)
    }

    /// Only a failure before the payload began lets a committed message go out on another connection.
    @Test func connectionFailuresAreOnlyThoseBeforeThePayload() {
        #expect(attempt(7, 0).connectionFailed, "refused")
        #expect(attempt(56, 250, reply: "250 2.1.5 Ok").connectionFailed, "dropped after RCPT's 250")
        #expect(attempt(56, 421, reply: "421 closing").connectionFailed, "421 before DATA")
        #expect(!attempt(55, 354, reply: "354 go ahead", payloadStarted: true).connectionFailed, "dropped mid-payload")
        #expect(!attempt(28, 421, reply: "421 bye", payloadStarted: true).connectionFailed, "421 once the payload began")
        #expect(!attempt(56, 250, reply: "250 ok", payloadStarted: true).connectionFailed, "a 250 seen, then the payload began")
        #expect(!attempt(56, 0, payloadComplete: true).connectionFailed, "after the final dot")
        #expect(!attempt(56, 451, reply: "451 later").connectionFailed, "a 4xx about the message")
    }

    @Test func successIsAcceptedWithTheServersLine() {
        let outcome = attempt(0, 250, reply: "250 2.0.0 Ok: queued as ABC123", payloadComplete: true).outcome
        #expect(outcome == .accepted(code: 250, reply: "250 2.0.0 Ok: queued as ABC123"))
    }

    @Test func rejectionsFollowTheReplyCodeWhateverThePhase() {
        #expect(attempt(55, 451, reply: "451 4.7.1 later").outcome == .transient(code: 451, reply: "451 4.7.1 later"))
        #expect(attempt(55, 550, reply: "550 5.1.1 no").outcome == .permanent(code: 550, reply: "550 5.1.1 no"))
        #expect(attempt(8, 554, reply: "554 5.7.1 spam", payloadComplete: true).outcome
            == .permanent(code: 554, reply: "554 5.7.1 spam"))
        #expect(attempt(8, 452, reply: "452 full", payloadComplete: true).outcome
            == .transient(code: 452, reply: "452 full"))
        #expect(attempt(8, 421, reply: "421 bye").outcome == .transient(code: 421, reply: "421 bye"))
    }

    @Test(arguments: [28, 55, 56, 52, 8])
    func failureAfterThePayloadWithoutARejectionIsUnknown(curlCode: Int) {
        let outcome = attempt(curlCode, 354, reply: "354 go ahead", payloadComplete: true).outcome
        guard case .unknown(let reason) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(reason.contains("may have accepted it"))
        #expect(outcome.resultingState == .unknown)
    }

    @Test func timeoutBeforeTheEndOfThePayloadIsTransient() {
        let outcome = attempt(28, 354, reply: "354 go ahead").outcome
        #expect(outcome.resultingState == .deferred)
        #expect(outcome.code == nil)
        #expect(outcome.reply.contains("timed out after 30 s"))
        #expect(outcome.reply.hasSuffix("nothing was sent"))
    }

    @Test func authenticationFailureIsTransientWithAClearText() {
        let outcome = attempt(67, 535, reply: "535 5.7.8 Authentication credentials invalid").outcome
        #expect(outcome.resultingState == .deferred)
        #expect(outcome.code == 535)
        #expect(outcome.reply.hasPrefix("authentication failed (535 5.7.8"))
    }

    @Test func networkAndTLSFailuresAreTransientWithoutCode() {
        let cases: [(Int, Int, String)] = [
            (64, 250, "does not offer STARTTLS and smtp.starttls is required; nothing was sent"),
            (7, 0, "could not connect to smtp://mail.example.fr:587"),
            (6, 0, "could not resolve the host"),
            (60, 220, "TLS failure"),
            (35, 0, "TLS failure"),
            (56, 220, "connection to smtp://mail.example.fr:587 lost"),
            (3, 0, "invalid smtp.url"),
            (99, 0, "curl error 99"),
        ]
        for (curlCode, response, text) in cases {
            let outcome = attempt(curlCode, response, reply: nil).outcome
            guard case .transient(nil, let reply) = outcome else {
                Issue.record("curl \(curlCode): expected transient(nil), got \(outcome)")
                continue
            }
            #expect(reply.contains(text), "curl \(curlCode): \(reply)")
        }
    }

    @Test func replyCollectorKeepsTheLineMatchingTheResponseCode() {
        let exchange = SMTPExchange(payload: [])
        exchange.replyLinesForTesting(["220 hi", "250-smtp.test", "250 HELP", "550-5.1.1 first", "550 5.1.1 second", "221 Bye"])
        #expect(exchange.reply(matching: 550) == "550-5.1.1 first\n550 5.1.1 second")
        #expect(exchange.reply(matching: 250) == "250-smtp.test\n250 HELP")
        #expect(exchange.reply(matching: 451) == nil)
        #expect(exchange.reply(matching: 0) == nil)
    }

    @Test func theRecipientRepliesAreTheRepliesJustBeforeTheDataPhase() {
        let exchange = SMTPExchange(payload: [])
        exchange.replyLinesForTesting([
            "220 hi", "250-smtp.test", "250 PIPELINING", "250 2.1.0 OK", "550-5.1.1 no such", "550 5.1.1 user",
            "250 2.1.5 OK", "452 4.2.2 full", "354 go ahead", "250 2.0.0 queued",
        ])
        let replies = exchange.recipientReplies(count: 3)
        #expect(replies?.map(\.code) == [550, 250, 452])
        #expect(replies?.first?.text == "550-5.1.1 no such\n550 5.1.1 user")
        #expect(exchange.recipientReplies(count: 9) == nil)
        exchange.replyLinesForTesting(["250 2.1.0 OK", "550 5.1.1 gone", "221 Bye"])
        #expect(exchange.recipientReplies(count: 1) == nil, "no DATA phase: nothing to tell")
    }

    @Test func urlsForLibcurlAndForPeople() {
        #expect(SMTPTransport.curlURL("smtp://mail.example.fr:587", ehloName: "relance.example.fr")
            == "smtp://mail.example.fr:587/relance.example.fr")
        #expect(SMTPTransport.curlURL("smtp://mail.example.fr:587/old", ehloName: "new.example.fr")
            == "smtp://mail.example.fr:587/new.example.fr")
        #expect(SMTPTransport.curlURL("smtps://mail.example.fr", ehloName: nil) == "smtps://mail.example.fr")
        #expect(SMTPTransport.displayURL("smtp://user:pw@mail.example.fr:587") == "smtp://mail.example.fr:587")
        #expect(SMTPTransport.displayURL("smtp://mail.example.fr:587") == "smtp://mail.example.fr:587")
    }

    @Test func redactorScrubsThePasswordInClearAndBase64() {
        let redactor = SMTPRedactor(secret: "hunter22")
        #expect(redactor.scrub("535 bad hunter22 aHVudGVyMjI=") == "535 bad [redacted] [redacted]")
        let outcome = redactor.scrub(DeliveryOutcome.transient(code: 535, reply: "echo hunter22"))
        #expect(outcome == .transient(code: 535, reply: "echo [redacted]"))
    }
}
