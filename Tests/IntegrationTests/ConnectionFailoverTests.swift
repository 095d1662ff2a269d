import Foundation
import RelanceTestSupport
import Testing

/// A connection that fails before DATA is re-opened and its message goes out on another connection,
/// exactly once; a connection that breaks after the payload leaves its message `unknown`, never resent.
@Suite(.serialized) struct ConnectionFailoverTests {
    static let now = "2026-11-17T10:00:00+01:00"

    private func workspace(_ server: SMTPTestServer, connections: Int) throws -> Workspace {
        let config = try Workspace.exampleConfig(smtpURL: server.url)
            .replacingOccurrences(of: "max_connections: 2", with: "max_connections: \(connections)")
        return try Workspace(config: config, ledger: try Workspace.exampleLedger())
    }

    @Test func messagesOfARefusedConnectionGoOutOnAnotherExactlyOnce() throws {
        // The first two connections are turned away with 421 at the greeting.
        let server = try SMTPTestServer(rules: #"""
            {"connections": {"1": {"action": "greet", "code": 421, "text": "4.3.2 try another"},
                             "2": {"action": "greet", "code": 421, "text": "4.3.2 try another"}}}
            """#)
        defer { server.stop() }
        let ws = try workspace(server, connections: 3)
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")
        let mails = try server.received()
        #expect(mails.count == 6)
        #expect(Set(mails.map { ReceivedMail(bytes: $0.bytes).header("Message-ID") ?? "" }).count == 6)
        #expect(run.events("reminder.sent").count == 6)
        #expect(run.events("reminder.deferred").isEmpty, "\(run.stderr)")
        #expect(run.events("smtp.reconnect").count >= 1, "\(run.stderr)")
        // What went out on the other connection is the message committed before SMTP, byte for byte
        // (composed once, not again for the new connection): the archive holds exactly what arrived.
        let archive = URL(fileURLWithPath: ws.statePath).deletingLastPathComponent().appendingPathComponent("archive")
        #expect(Set(try VerifyJournalTests.emlFiles(under: archive).map(\.data)) == Set(mails.map { Data($0.bytes) }))
        let status = try ws.relance("status", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        #expect((json["messages"] as? [String: Int]) == ["sent": 6])
        // A second run sends nothing more.
        #expect(try ws.relance("run", "--once", "--now", Self.now).status == 0)
        #expect(try server.received().count == 6)
    }

    @Test func aMessageLostAfterItsPayloadIsUnknownAndNotTriedAgain() throws {
        let server = try SMTPTestServer(rules: #"{"messages": {"2": {"action": "drop_data"}}}"#)
        defer { server.stop() }
        let ws = try workspace(server, connections: 3)
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.events("reminder.unknown").count == 1, "\(run.stderr)")
        #expect(run.events("smtp.reconnect").isEmpty)
        #expect(run.events("reminder.sent").count == 5)
        // Six MAIL FROMs in all: the lost message was not spoken twice.
        #expect(try server.log().filter { $0.event == "transaction" }.count == 6)
    }
}
