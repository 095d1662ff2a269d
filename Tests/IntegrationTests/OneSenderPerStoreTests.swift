import Foundation
import RelanceTestSupport
import Testing

/// A `relance run --once` started beside the daemon on the same store is refused and changes nothing:
/// it must not take the daemon's message in flight for one a crash interrupted.
@Suite(.serialized) struct OneSenderPerStoreTests {
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,0

        """

    @Test func aSecondRunBesideTheDaemonIsRefusedAndTheMessageInFlightIsRecordedSent() throws {
        // The server holds its answer to the final dot for 4 s; relance waits up to 10 s for it.
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "stall_data", "seconds": 4}}}"#)
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url, timeout: 10)
        let ws = try Workspace(config: config, ledger: Self.ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", "2026-11-17T10:00:00+01:00"])
        defer { daemon.signal(SIGKILL) }
        #expect(daemon.waitFor("ledger.synced"), "\(daemon.log)")
        Thread.sleep(forTimeInterval: 1)  // the message is in flight: committed `sending`, its data sent
        let second = try ws.relance("run", "--once", "--now", "2026-11-17T10:00:02+01:00")
        #expect(second.status == 2, "\(second.stderr)")
        let holder = "another relance process (pid \(daemon.process.processIdentifier))"
        #expect(second.stderr.contains(holder), "\(second.stderr)")
        #expect(second.events("message.unknown").isEmpty, "\(second.stderr)")
        #expect(daemon.waitFor("reminder.sent"), "\(daemon.log)")
        #expect(daemon.events("message.unknown").isEmpty && daemon.events("cycle.failed").isEmpty, "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 15) == 0, "\(daemon.log)")
        // Once the daemon is gone the store is free again, and nothing is sent twice.
        let after = try ws.relance("run", "--once", "--now", "2026-11-17T12:00:00+01:00")
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.events("reminder.sent").isEmpty && after.events("message.unknown").isEmpty, "\(after.stderr)")
        #expect(try server.received().count == 1)
    }
}
