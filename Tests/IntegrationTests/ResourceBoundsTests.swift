import Foundation
import RelanceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The store's disk fills up or turns read-only under the real binary: the run fails with exit 2 and one
/// clear line naming the store and the cause, nothing is sent that is not recorded, nothing is sent twice
/// afterwards, and once the disk is back the store is sound and the next run resumes.
///
/// A full disk is a small tmpfs mounted over the state folder and filled to the last byte (real ENOSPC,
/// SQLITE_FULL); a read-only folder is a read-only bind mount (real EROFS, which stops root too). Both
/// need root and mount(8); without root the read-only case falls back to `chmod`.
@Suite(.serialized) struct ResourceBoundsTests {
    static let monday = "2026-11-17T10:00:00+01:00"
    static let weekLater = "2026-11-24T10:00:00+01:00"
    /// C002's invoice: a first reminder on 2026-11-17, a second one on 2026-11-24.
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

        """
    /// The same, plus C004's invoice (a first reminder due): what a later export brings.
    static let ledgerWithC004 = ledger + "F2026-098,C004,2026-10-17,2026-11-16,3150.00,EUR,0\n"

    func workspace(_ server: SMTPTestServer) throws -> Workspace {
        try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url, timeout: 5), ledger: Self.ledger)
    }

    /// The lines of priority error (`<3>`) and the whole log's sanity: no stack trace, no crash report.
    func errorLines(_ stderr: String) -> [String] {
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Stack dump") && !stderr.contains("Current stack trace"), "\(stderr)")
        return stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("<3>") }
    }

    @Test(.enabled(if: getuid() != 0 || StateMount.isAvailable, Comment(rawValue: StateMount.unavailableReason)))
    func aReadOnlyStateFolderFailsClearlySendsNothingAndTheStoreResumes() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        #expect(try ws.runOnce(at: Self.monday).events("reminder.sent").count == 1)

        let readOnly = try ReadOnlyFolder(ws.stateFolder)
        let refused = try ws.runOnce(at: Self.weekLater)
        #expect(refused.status == 2, "\(refused.stderr)")
        let errors = errorLines(refused.stderr)
        #expect(errors.count == 1, "\(refused.stderr)")
        #expect(errors.first?.contains(ws.statePath) == true, "names the store: \(errors)")
        #expect(errors.first?.contains("read-only") == true, "names the cause: \(errors)")
        #expect(refused.events("reminder.sent").isEmpty)
        #expect(try server.received().count == 1, "nothing may be sent that cannot be recorded")
        // The operator's commands say the same in plain words (they used to give SQLite's alone).
        let status = try ws.relance("status")
        #expect(status.status == 2, "\(status.stderr)")
        #expect(status.stderr.contains(ws.statePath) && status.stderr.contains("read-only"), "\(status.stderr)")
        readOnly.restore()

        #expect(try ws.integrityCheck() == "ok")
        let resumed = try ws.runOnce(at: "2026-11-24T10:05:00+01:00")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.events("reminder.sent").first?.contains("step=second") == true, "\(resumed.stderr)")
        #expect(try ws.runOnce(at: "2026-11-24T11:00:00+01:00").events("reminder.sent").isEmpty)
        let ids = try server.receivedMessageIDs()
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(try ws.relance("verify-journal").status == 0)
        #expect(try ws.integrityCheck() == "ok")
    }

    @Test(.enabled(if: StateMount.isAvailable, Comment(rawValue: StateMount.unavailableReason)))
    func aDiskThatFillsWhileTheServerAnswersFailsClearlyAndNothingIsSentTwice() async throws {
        // The second message is queued at once but answered 2 s later: the disk fills in between.
        let server = try SMTPTestServer(rules: #"{"messages": {"2": {"action": "delay_data", "min_ms": 2000, "max_ms": 2000}}}"#)
        defer { server.stop() }
        let ws = try workspace(server)
        let disk = try StateMount.tmpfs(at: ws.stateFolder, bytes: 2 << 20)
        defer { disk.unmount() }
        #expect(try ws.runOnce(at: Self.monday).events("reminder.sent").count == 1)

        try ws.exportLedger(before: Self.weekLater)
        let run = try DaemonProcess(arguments: ["--once", "--config", ws.configPath, "--now", Self.weekLater])
        let queued = try server.waitForLog { $0.contains { $0.event == "transaction" && $0.n == 2 && $0.outcome == "accepted" } }
        #expect(queued, "the second reminder reached the server")
        let filler = try disk.fill()
        let status = run.waitForExit(seconds: 20)
        #expect(status == 2, "\(run.log)")
        let errors = errorLines(run.log)
        #expect(errors.count == 1, "\(run.log)")
        #expect(errors.first?.contains(ws.statePath) == true, "names the store: \(errors)")
        #expect(errors.first?.contains("disk is full") == true, "names the cause: \(errors)")

        try FileManager.default.removeItem(atPath: filler)
        #expect(try ws.integrityCheck() == "ok")
        // The server has it, relance could not record its answer: `unknown`, shown and never resent.
        let recovered = try ws.runOnce(at: "2026-11-24T10:10:00+01:00")
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.events("message.unknown").count == 1, "\(recovered.stderr)")
        #expect(recovered.events("reminder.sent").isEmpty)
        #expect(try ws.messageStates() == ["sent": 1, "unknown": 1])
        // The next export brings C004's invoice: the next run sends it, and only it.
        try ws.write(ledger: Self.ledgerWithC004)
        let next = try ws.runOnce(at: "2026-11-24T10:20:00+01:00")
        #expect(next.events("reminder.sent").count == 1 && next.events("reminder.sent").first?.contains("client=C004") == true,
            "\(next.stderr)")
        let ids = try server.receivedMessageIDs()
        #expect(ids.count == 3 && Set(ids).count == 3, "no message twice: \(ids)")
        #expect(try ws.relance("verify-journal").status == 0)
        #expect(try ws.integrityCheck() == "ok")
    }

    @Test(.enabled(if: StateMount.isAvailable, Comment(rawValue: StateMount.unavailableReason)))
    func aFullDiskAtStartSendsNothingAndSaysSo() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        let disk = try StateMount.tmpfs(at: ws.stateFolder, bytes: 2 << 20)
        defer { disk.unmount() }
        #expect(try ws.runOnce(at: Self.monday).events("reminder.sent").count == 1)
        let filler = try disk.fill()
        let refused = try ws.runOnce(at: Self.weekLater)
        #expect(refused.status == 2, "\(refused.stderr)")
        let errors = errorLines(refused.stderr)
        #expect(errors.count == 1, "\(refused.stderr)")
        #expect(errors.first?.contains(ws.statePath) == true && errors.first?.contains("disk is full") == true, "\(errors)")
        #expect(try server.received().count == 1, "nothing may be sent that cannot be recorded")
        try FileManager.default.removeItem(atPath: filler)
        let resumed = try ws.runOnce(at: "2026-11-24T10:05:00+01:00")
        #expect(resumed.events("reminder.sent").first?.contains("step=second") == true, "\(resumed.stderr)")
        #expect(try server.received().count == 2)
        #expect(try ws.integrityCheck() == "ok")
    }

    /// The daemon is not a one-shot: a full disk fails the cycle, not the process (the contract is
    /// silent; an operator expects it to come back by itself once space is freed, as systemd would not
    /// restart a daemon that exited 0). It logs why at every failed cycle and catches up afterwards.
    @Test(.enabled(if: StateMount.isAvailable, Comment(rawValue: StateMount.unavailableReason)))
    func theDaemonOutlivesAFullDiskAndCatchesUpOnceSpaceIsFreed() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try workspace(server)
        let disk = try StateMount.tmpfs(at: ws.stateFolder, bytes: 2 << 20)
        defer { disk.unmount() }
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", Self.monday, "--max-sleep", "1"])
        defer { daemon.signal(SIGKILL) }
        #expect(daemon.waitFor("reminder.sent"), "\(daemon.log)")
        let filler = try disk.fill()
        try ws.write(ledger: Self.ledgerWithC004)  // a new export: the daemon wakes, and cannot record it
        #expect(daemon.waitFor("cycle.failed", seconds: 10), "\(daemon.log)")
        #expect(daemon.process.isRunning, "a full disk must not end the daemon")
        let failed = daemon.events("cycle.failed").first ?? ""
        #expect(failed.contains(ws.statePath) && failed.contains("disk is full"), "\(failed)")
        #expect(try server.received().count == 1)

        try FileManager.default.removeItem(atPath: filler)
        #expect(daemon.waitFor("reminder.sent", count: 2, seconds: 10), "\(daemon.log)")
        #expect(daemon.events("reminder.sent").last?.contains("client=C004") == true)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 10) == 0)
        let ids = try server.receivedMessageIDs()
        #expect(ids.count == 2 && Set(ids).count == 2, "\(ids)")
        #expect(try ws.integrityCheck() == "ok")
        _ = errorLines(daemon.log)
    }
}
