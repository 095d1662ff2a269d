import Foundation
import RelanceCore
import RelanceMail
import RelanceTestSupport
import Testing

/// Deliveries that succeed, against a real aiosmtpd on loopback.
@Suite struct SMTPDeliveryTests {
    @Test func acceptedMessageArrivesWithExactBytesAndRecipients() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url)
        defer { transport.close() }
        let bytes = SMTPFixtures.message()

        let outcome = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client, SMTPFixtures.other], message: bytes)

        guard case .accepted(let code, let reply) = outcome else {
            Issue.record("expected accepted, got \(outcome)")
            return
        }
        #expect(code == 250)
        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].bytes == bytes)
        #expect(received[0].mailFrom == "compta@atelier-dupont.fr")
        #expect(received[0].recipients == ["compta@boulangerie-martin.fr", "direction@boulangerie-martin.fr"])
        let queueID = try #require(received[0].queueID)
        #expect(reply == "250 2.0.0 Ok: queued as \(queueID)")
        #expect(outcome.resultingState == .sent)
    }

    @Test func messagesOnOneTransportShareOneConnection() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url, ehloName: "relance.atelier-dupont.fr")
        defer { transport.close() }

        let first = transport.deliver(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message("un"))
        let second = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.other], message: SMTPFixtures.message("deux"))
        // Concurrent sends on one transport queue up on its one connection.
        async let third = transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message("trois"))
        async let fourth = transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message("quatre"))
        let outcomes = [first, second, await third, await fourth]

        #expect(outcomes.allSatisfy { $0.resultingState == .sent }, "\(outcomes)")
        let log = try server.log()
        #expect(log.filter { $0.event == "connect" }.count == 1)
        let ehlos = log.filter { $0.event == "ehlo" }
        #expect(ehlos.count == 1)
        #expect(ehlos.first?.name == "relance.atelier-dupont.fr")
        #expect(try server.received().map(\.connection) == [1, 1, 1, 1])

        transport.close()
        let after = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message("cinq"))
        #expect(after.resultingState == .sent)
        #expect(try server.connectionCount() == 2)
    }

    @Test func optionalStartTLSFallsBackToClearTextWhenNotOffered() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let transport = SMTPFixtures.transport(server.url, startTLS: .optional)
        let outcome = await transport.send(
            from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message())
        #expect(outcome.resultingState == .sent, "\(outcome)")
    }

    @Test func authenticatesAndNeverShowsThePassword() async throws {
        let good = "Gr4nd-S3cret-du-relais", bad = "Mauvais-M0t-de-passe"
        let server = try SMTPTestServer(arguments: ["--auth", "--user", "relance", "--password", good])
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var texts: [String] = []
        var outcomes: [DeliveryOutcome] = []
        for (name, secret) in [("good", good), ("bad", bad)] {
            let file = folder.appendingPathComponent(name).path
            try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: file))
            let settings = SMTPSettings(
                url: server.url, startTLS: .never, username: "relance", passwordFile: file, timeoutSeconds: 5)
            let password = secret  // read from the file by RelanceConfig's readPassword (tested there)
            let transport = SMTPTransport(settings: settings, password: password)
            let outcome = await transport.send(
                from: SMTPFixtures.sender, recipients: [SMTPFixtures.client], message: SMTPFixtures.message(name))
            outcomes.append(outcome)
            texts += [String(describing: outcome), String(reflecting: outcome), outcome.reply,
                      String(describing: transport), String(reflecting: transport)]
            transport.close()
        }

        #expect(outcomes[0].resultingState == .sent, "\(outcomes[0])")
        guard case .transient(let code, let reply) = outcomes[1] else {
            Issue.record("expected transient, got \(outcomes[1])")
            return
        }
        #expect(code == 535)
        #expect(reply.contains("authentication failed (535"))
        #expect(reply.contains("nothing was sent"))
        #expect(try server.received().count == 1)
        for text in texts {
            #expect(!text.contains(good) && !text.contains(bad), "password leaked in: \(text)")
            #expect(!text.contains(Data(good.utf8).base64EncodedString()))
        }
    }
}
