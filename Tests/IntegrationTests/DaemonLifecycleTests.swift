import Foundation
import Glibc
import RelanceTestSupport
import Testing

/// The long-running daemon as systemd runs it: the real binary, a real aiosmtpd, a fake NOTIFY_SOCKET.
@Suite(.serialized) struct DaemonLifecycleTests {
    static let now = "2026-11-17T10:00:00+01:00"
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

        """

    /// Reads datagrams until one equals `wanted` (or `seconds` pass); returns all read.
    func datagrams(from socket: NotifySocketListener, until wanted: String, seconds: Double = 20) -> [String] {
        var seen: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let d = socket.receive() else { continue }
            seen.append(d)
            if d == wanted { break }
        }
        return seen
    }

    @Test func notifiesReadyDeliversWithoutOnceAndStopsCleanly() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let notify = try NotifySocketListener()
        let daemon = try DaemonProcess(
            arguments: ["--config", ws.configPath, "--now", Self.now], environment: ["NOTIFY_SOCKET": notify.address])
        let seen = datagrams(from: notify, until: "READY=1")
        #expect(seen.contains("READY=1"), "\(seen) \(daemon.log)")
        #expect(seen.contains { $0.hasPrefix("STATUS=last cycle sent 1") }, "\(seen)")
        #expect(daemon.waitFor("reminder.sent"))
        #expect(try server.received().count == 1)
        // libcurl is loaded on the first message (an idle daemon does not map it: see below).
        #expect(daemon.mappedLibraries().contains { $0.hasPrefix("libcurl.so") }, "\(daemon.mappedLibraries())")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 15) == 0)
        #expect(daemon.events("daemon.stopped").count == 1)
        #expect(datagrams(from: notify, until: "STOPPING=1", seconds: 3).contains("STOPPING=1"))
    }

    @Test func pingsTheWatchdogAtHalfItsPeriodWhileAlive() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let notify = try NotifySocketListener()
        // WatchdogSec=2s: relance must ping every second while its loop is alive (here: asleep, idle).
        let daemon = try DaemonProcess(
            arguments: ["--config", ws.configPath, "--now", Self.now],
            environment: ["NOTIFY_SOCKET": notify.address, "WATCHDOG_USEC": "2000000"])
        _ = datagrams(from: notify, until: "READY=1")
        let started = Date()
        var pings = 0
        while Date().timeIntervalSince(started) < 3.5, let d = notify.receive() {
            if d == "WATCHDOG=1" { pings += 1 }
        }
        #expect(pings >= 2, "\(pings) watchdog pings in 3.5 s: \(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 10) == 0)
    }

    @Test func aBrokenReloadKeepsTheOldConfigAndAFixedOneAddsAClient() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
        let ws = try Workspace(config: config, ledger: Self.ledger)
        let notify = try NotifySocketListener()
        let daemon = try DaemonProcess(
            arguments: ["--config", ws.configPath, "--now", Self.now], environment: ["NOTIFY_SOCKET": notify.address])
        #expect(daemon.waitFor("reminder.sent"), "\(daemon.log)")
        _ = datagrams(from: notify, until: "READY=1")

        // A typo: the reload is rejected with its location, the daemon keeps running on the old config.
        try ws.write(config: config.replacingOccurrences(of: "min_gap_days: 5", with: "min_gap_dayz: 5"))
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.rejected"), "\(daemon.log)")
        #expect(daemon.events("config.rejected").first?.contains("relance.yaml:36:3:") == true, "\(daemon.log)")
        #expect(datagrams(from: notify, until: "READY=1").contains { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") })
        #expect(daemon.process.isRunning)
        // Still sending on the old config: a new overdue invoice for C003 is reminded after the ledger changes.
        try ws.write(ledger: Self.ledger + "F2026-090,C003,2026-10-11,2026-11-10,1634.50,EUR,0\n")
        #expect(daemon.waitFor("reminder.sent", count: 2), "\(daemon.log)")

        // The fix adds a client; its invoice is reminded once the reload is accepted.
        let newClient = """

              - id: "C007"
                name: "Librairie Nouvelle SARL"
                email: ["compta@librairie-nouvelle.fr"]
                language: fr
                schedule: standard
            """
        try ws.write(config: config + newClient + "\n")
        try ws.write(ledger: Self.ledger + "F2026-090,C003,2026-10-11,2026-11-10,1634.50,EUR,0\nF2026-120,C007,2026-10-16,2026-11-15,90.00,EUR,0\n")
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.reloaded"), "\(daemon.log)")
        #expect(daemon.events("config.reloaded").first?.contains("+C007") == true)
        #expect(daemon.waitFor("reminder.sent", count: 3), "\(daemon.log)")
        #expect(try server.received().contains { $0.recipients == ["compta@librairie-nouvelle.fr"] })
        // A template edited alone is a change too: the reload says which one (not "no change").
        let subject = ws.folder.appendingPathComponent("templates/fr/first-reminder.subject.mustache")
        try (try String(contentsOf: subject, encoding: .utf8) + " ").write(to: subject, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.reloaded", count: 2), "\(daemon.log)")
        #expect(daemon.events("config.reloaded").last?.contains(#"summary="templates ~fr/first-reminder""#) == true, "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 15) == 0)
    }

    @Test func sigtermWhileTheServerStallsOnDataExitsCleanlyAndNeverResends() throws {
        // The server holds the answer to the final dot for 8 s; relance waits at most 2 s for a reply.
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "stall_data", "seconds": 8}}}"#)
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url, timeout: 2), ledger: Self.ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.now])
        #expect(daemon.waitFor("ledger.synced"), "\(daemon.log)")
        Thread.sleep(forTimeInterval: 0.8)
        let stopAsked = Date()
        daemon.signal(SIGTERM)
        let status = daemon.waitForExit(seconds: 2 + 5 + 3)
        #expect(status == 0, "\(daemon.log)")
        #expect(Date().timeIntervalSince(stopAsked) < 7.5)
        #expect(daemon.events("daemon.stopped").count == 1)
        let outcome = daemon.events("reminder.unknown") + daemon.events("reminder.deferred")
        #expect(outcome.count == 1, "the message in flight was recorded: \(daemon.log)")
        // Afterwards nothing is sent again for that invoice, whatever the server did with the stalled copy.
        Thread.sleep(forTimeInterval: 7)
        let before = try server.received().count
        let again = try ws.relance("run", "--once", "--now", "2026-11-17T12:00:00+01:00")
        #expect(again.events("reminder.sent").isEmpty, "\(again.stderr)")
        #expect(try server.received().count == before)
        #expect(before <= 1)
    }

    /// A relay that does not answer (every reply one byte a second: no greeting within the 3 s timeout) and
    /// six reminders due. SIGTERM finishes the two attempts in flight; the messages committed behind them are
    /// not tried after the stop (each would hold it another 3 s, and systemd kills a stop that runs too long,
    /// turning them `unknown`): they are recorded as deferred, never spoken, for the next start.
    @Test func sigtermDoesNotTryTheMessagesCommittedBehindTheOnesInFlight() throws {
        let slow = (1...40).map { "\"\($0)\": {\"action\": \"slow\"}" }.joined(separator: ", ")
        let server = try SMTPTestServer(rules: "{\"connections\": {\(slow)}}")
        defer { server.stop() }
        let ledger = "invoice,client,issued,due,amount,currency,paid\n"
            + (1...6).map { "S\($0),C00\($0),2026-10-16,2026-11-16,100.00,EUR,0\n" }.joined()
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url, timeout: 3), ledger: ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.now])
        #expect(daemon.waitFor("ledger.synced"), "\(daemon.log)")
        Thread.sleep(forTimeInterval: 1)
        let stopAsked = Date()
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 3 + 5 + 3) == 0, "\(daemon.log)")
        #expect(Date().timeIntervalSince(stopAsked) < 3 + 5)
        #expect(daemon.events("reminder.unknown").isEmpty && daemon.events("reminder.sent").isEmpty, "\(daemon.log)")
        let deferred = daemon.events("reminder.deferred")
        let notSpoken = deferred.filter { $0.contains("relance stopped before this message was spoken") }
        #expect(!notSpoken.isEmpty && notSpoken.allSatisfy { $0.contains("smtp_code=-") }, "\(daemon.log)")
        #expect(deferred.count - notSpoken.count <= 2, "only the attempts in flight were tried: \(daemon.log)")
        #expect(try server.received().isEmpty)
    }

    /// A bad row is logged once per version of the ledger file, not at every cycle (96 times a day at the
    /// default 15 minutes); a new export that still has it logs it again.
    @Test func aBadRowIsLoggedOncePerLedgerFile() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = Self.ledger + "F2026-999,C999,2026-10-17,2026-11-16,10.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.now, "--max-sleep", "1"])
        defer { daemon.signal(SIGKILL) }
        #expect(daemon.waitFor("cycle.done", count: 3), "\(daemon.log)")
        #expect(daemon.events("ledger.row_rejected").count == 1, "\(daemon.log)")
        #expect(daemon.events("cycle.done").allSatisfy { $0.contains("rejected_rows=1") }, "\(daemon.log)")
        try ws.write(ledger: ledger + "F2026-998,C002,2026-10-17,2026-11-16,10.00,EUR,0\n")
        #expect(daemon.waitFor("ledger.row_rejected", count: 2), "\(daemon.log)")
    }

    /// A reload that points `state:` at another store (a typo) is refused: the running store records what
    /// was sent, and an empty one would send every reminder again.
    @Test func aReloadCannotMoveTheDaemonToAnotherStore() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
        let ws = try Workspace(config: config, ledger: Self.ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.now])
        defer { daemon.signal(SIGKILL) }
        #expect(daemon.waitFor("reminder.sent"), "\(daemon.log)")
        let moved = config.replacingOccurrences(of: "state: \"state/relance.sqlite\"", with: "state: \"state2/other.sqlite\"")
        #expect(moved != config, "the example config names its store")
        try ws.write(config: moved)
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.rejected"), "\(daemon.log)")
        #expect(daemon.events("config.rejected").first?.contains("the store cannot change on a reload") == true, "\(daemon.log)")
        Thread.sleep(forTimeInterval: 1)
        #expect(daemon.events("config.reloaded").isEmpty && daemon.events("reminder.sent").count == 1, "\(daemon.log)")
        #expect(try server.received().count == 1)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 10) == 0)
    }

    @Test func anIdleDaemonStaysAsleep() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        // Due in June 2027: nothing to do for months.
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2027-001,C002,2027-05-01,2027-06-30,100.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.now])
        #expect(daemon.waitFor("cycle.done"), "\(daemon.log)")
        Thread.sleep(forTimeInterval: 1)
        let start = try #require(daemon.cpuSeconds())
        Thread.sleep(forTimeInterval: 20)
        let used = try #require(daemon.cpuSeconds()) - start
        print("idle daemon CPU over 20 s: \(used) s")
        #expect(used < 0.1)
        #expect(daemon.events("cycle.done").count == 1, "no cycle ran while idle")
        // Nothing sent, no document drawn: libcurl, its TLS stack (OpenSSL's libcrypto included: the journal's
        // SHA-256 is relance's own), cairo and pango are not mapped.
        let mapped = daemon.mappedLibraries()
        #expect(mapped.contains { $0.hasPrefix("libsqlite3.so") }, "the store is mapped: \(mapped)")
        for absent in [
            "libcurl.so", "libssl.so", "libcrypto.so", "libgnutls.so", "libcairo.so", "libpango-1.0.so",
            "libglib-2.0.so",
        ] {
            #expect(!mapped.contains { $0.hasPrefix(absent) }, "\(absent) is mapped: \(mapped)")
        }
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 10) == 0)
    }
}
