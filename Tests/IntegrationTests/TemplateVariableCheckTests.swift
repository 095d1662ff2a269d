import Foundation
import Glibc
import RelanceTestSupport
import Testing

/// The probe's case: `{{totals_inline}}` misspelt `{{total_inline}}` in a shipped template. It used to
/// pass `check-config` and send "Montant total restant dû :" followed by nothing; now `check-config`,
/// the daemon's start and its reload refuse it, naming the file, line and column and the intended name.
@Suite(.serialized) struct TemplateVariableCheckTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"

    /// Misspells the first `{{overdue_totals_inline}}` of the French first reminder; returns the file and
    /// the `FILE:LINE:COLUMN: message` expected for it.
    static func misspell(in ws: Workspace) throws -> String {
        let file = ws.folder.appendingPathComponent("templates/fr/first-reminder.txt.mustache")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("{{overdue_totals_inline}}") })
        let column = try #require(lines[index].range(of: "{{overdue_totals_inline}}")).lowerBound
        let nameColumn = lines[index].distance(from: lines[index].startIndex, to: column) + 3
        var broken = lines
        broken[index] = lines[index].replacingOccurrences(of: "{{overdue_totals_inline}}", with: "{{total_inline}}")
        try Data(broken.joined(separator: "\n").utf8).write(to: file)
        return "first-reminder.txt.mustache:\(index + 1):\(nameColumn): unknown variable `total_inline`; did you mean `totals_inline`?"
    }

    @Test func checkConfigAndTheDaemonsStartRefuseAMisspeltVariable() throws {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:9"), ledger: Self.ledger)
        #expect(try ws.relance("check-config").status == 0, "the shipped templates pass")
        let expected = try Self.misspell(in: ws)
        let check = try ws.relance("check-config")
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stderr.contains("/templates/fr/" + expected), "\(check.stderr)")
        let run = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("/templates/fr/" + expected), "\(run.stderr)")
        #expect(run.events("reminder.sent").isEmpty)
    }

    @Test func aReloadWithAMisspeltVariableIsRejectedAndTheOldTemplatesKeepWorking() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", "2026-11-17T10:00:00+01:00"])
        #expect(daemon.waitFor("reminder.sent"), "\(daemon.log)")
        let expected = try Self.misspell(in: ws)
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.rejected"), "\(daemon.log)")
        #expect(daemon.events("config.rejected").first?.contains(expected) == true, "\(daemon.log)")
        #expect(daemon.process.isRunning)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 15) == 0)
    }
}
