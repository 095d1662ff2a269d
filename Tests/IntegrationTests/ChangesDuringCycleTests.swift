import Foundation
import RelanceTestSupport
import Testing

/// What a person records while a cycle is sending (a pause, a promise, a dispute, a payment, a
/// write-off) counts for the messages of that cycle not yet committed: they are refused at their commit,
/// and the daemon plans again at once with it. A long batch or a slow relay makes a cycle last minutes.
@Suite(.serialized) struct ChangesDuringCycleTests {
    /// Six clients, one invoice each, all at their first reminder on 17 November 2026: six messages, in
    /// client order (C001 … C006).
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-201,C001,2026-10-15,2026-11-16,420.00,EUR,0
        F2026-202,C002,2026-10-15,2026-11-16,310.00,EUR,0
        F2026-203,C003,2026-10-15,2026-11-16,275.50,EUR,0
        F2026-204,C004,2026-10-15,2026-11-16,640.00,GBP,0
        F2026-205,C005,2026-10-15,2026-11-16,98.00,EUR,0
        F2026-206,C006,2026-10-15,2026-11-16,1520.00,EUR,0

        """

    /// One connection, and the server holds the first message's final dot for 8 s (room for the operator
    /// command on a loaded machine): the first group commit (at most four messages) is in flight, C005's
    /// and C006's messages are not committed yet.
    static func workspace(_ server: SMTPTestServer) throws -> Workspace {
        let config = try Workspace.exampleConfig(smtpURL: server.url)
            .replacingOccurrences(of: "max_connections: 2", with: "max_connections: 1")
        return try Workspace(config: config, ledger: ledger)
    }

    static let stallFirst = #"{"messages": {"1": {"action": "stall_data", "seconds": 8}}}"#

    /// The export the workspace's ledger passes for: an hour before the cycle.
    static let exported = ISO8601DateFormatter().date(from: "2026-11-17T09:00:00+01:00")!

    /// Starts `relance run` (one cycle with `once`, else the daemon) at 17 November 10:00 and waits until
    /// the first message is being spoken.
    static func startCycle(_ ws: Workspace, _ server: SMTPTestServer, once: Bool = true) throws -> DaemonProcess {
        try FileManager.default.setAttributes([.modificationDate: exported], ofItemAtPath: ws.ledgerPath)
        let cycle = try DaemonProcess(
            arguments: (once ? ["--once"] : []) + ["--now", "2026-11-17T10:00:00+01:00", "--config", ws.configPath])
        #expect(try server.waitForLog { $0.contains { $0.event == "ehlo" } }, "the cycle never connected")
        return cycle
    }

    @Test func aPauseRecordedDuringTheCycleStopsTheClientsMessageNotYetCommitted() throws {
        let server = try SMTPTestServer(rules: Self.stallFirst)
        defer { server.stop() }
        let ws = try Self.workspace(server)
        let cycle = try Self.startCycle(ws, server)
        let pause = try ws.relance("pause", "--client", "C006", "--until", "2026-11-30", "--reason", "called: pays Monday",
            "--now", "2026-11-17T10:00:05+01:00")
        #expect(pause.status == 0, "\(pause.stderr)")
        #expect(cycle.waitForExit(seconds: 20) == 0, "\(cycle.log)")
        let skipped = cycle.events("reminder.skipped")
        #expect(skipped.count == 1 && skipped.first?.contains("client=C006") == true, "\(cycle.log)")
        #expect(skipped.first?.contains("hold.added recorded after this cycle planned it") == true)
        #expect(cycle.events("reminder.sent").count == 5, "\(cycle.log)")
        let to = try server.received().flatMap(\.recipients)
        #expect(!to.contains("comptabilite@hotel-bellevue.fr"), "\(to)")
        #expect(to.contains("francois.berard@example.fr"), "C005's message, committed after the pause, still goes")
        // The step was not recorded: the next cycle plans C006 afresh, and the pause holds it.
        let next = try ws.runOnce(at: "2026-11-17T10:05:00+01:00")
        #expect(next.events("reminder.sent").isEmpty, "\(next.stderr)")
        #expect(try ws.relance("history", "--invoice", "F2026-206").stdout.contains("message.sending") == false)
    }

    @Test func aPaymentToldDuringTheCycleStopsTheReminderOfThatInvoice() throws {
        let server = try SMTPTestServer(rules: Self.stallFirst)
        defer { server.stop() }
        let ws = try Self.workspace(server)
        let cycle = try Self.startCycle(ws, server)
        #expect(try ws.relance("pay", "F2026-205", "98.00", "--date", "2026-11-17").status == 0)
        #expect(cycle.waitForExit(seconds: 20) == 0, "\(cycle.log)")
        #expect(cycle.events("reminder.skipped").first?.contains("payment.recorded") == true, "\(cycle.log)")
        #expect(!(try server.received().flatMap(\.recipients)).contains("francois.berard@example.fr"))
        #expect(cycle.events("reminder.sent").count == 5, "\(cycle.log)")
    }

    @Test func theDaemonPlansAgainAtOnceWithAPartPaymentToldDuringTheCycle() throws {
        let server = try SMTPTestServer(rules: Self.stallFirst)
        defer { server.stop() }
        let ws = try Self.workspace(server)
        let daemon = try Self.startCycle(ws, server, once: false)
        defer { daemon.signal(SIGTERM) }
        // C005 paid 50.00 of 98.00: its reminder must claim 48.00, not 98.00.
        #expect(try ws.relance("pay", "F2026-205", "50.00", "--date", "2026-11-17").status == 0)
        #expect(daemon.waitFor("reminder.sent", count: 6), "\(daemon.log)")
        #expect(daemon.events("reminder.skipped").first?.contains("client=C005") == true, "\(daemon.log)")
        #expect(daemon.events("cycle.done").count >= 2, "a second cycle at once, not at the next wake")
        let mail = try server.received().filter { $0.recipients.contains("francois.berard@example.fr") }
        #expect(mail.count == 1)
        let text = ReceivedMail(bytes: try #require(mail.first).bytes).text
        #expect(text.contains("restant dû : 48,00"), "the 50.00 told during the cycle is counted: \(text)")
    }

    @Test func aNewerExportDuringTheDeliveryStopsWhatWasPlannedFromTheOlderOne() throws {
        let server = try SMTPTestServer(rules: Self.stallFirst)
        defer { server.stop() }
        let ws = try Self.workspace(server)
        let daemon = try Self.startCycle(ws, server, once: false)
        defer { daemon.signal(SIGTERM) }
        // The accounting exports again while the first message is spoken: C006 has paid.
        try ws.write(
            ledger: Self.ledger.replacingOccurrences(of: "1520.00,EUR,0", with: "1520.00,EUR,1520.00"),
            exported: Self.exported.addingTimeInterval(1800))
        #expect(daemon.waitFor("reminder.sent", count: 5), "\(daemon.log)")
        // At most four messages are committed ahead of the one connection: C005's and C006's are not.
        let changed = daemon.events("ledger.changed").first { $0.contains("waiting=") }
        let waiting = changed.flatMap { LogfmtField.value("waiting", in: $0) }.flatMap { Int($0) }
        #expect((waiting ?? 0) >= 2, "\(daemon.log)")
        // The next cycle, at once, sends C005's reminder and not C006's: paid in the newer export.
        #expect(try server.waitForLog(seconds: 10) { $0.filter { $0.event == "transaction" }.count == 5 })
        Thread.sleep(forTimeInterval: 1)
        let to = try server.received().flatMap(\.recipients)
        #expect(to.contains("francois.berard@example.fr"), "\(daemon.log)")
        #expect(!to.contains("comptabilite@hotel-bellevue.fr"), "\(daemon.log)")
        #expect(daemon.events("reminder.sent").count == 5, "\(daemon.log)")
    }
}
