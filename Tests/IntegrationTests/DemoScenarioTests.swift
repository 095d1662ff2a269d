import Foundation
import RelanceTestSupport
import Testing

/// The demo scenario (Config/relance.yaml + Config/ledger.csv at Tuesday 2026-11-17 10:00 Paris), run by
/// the real binary against a real aiosmtpd server.
@Suite(.serialized) struct DemoScenarioTests {
    static let now = "2026-11-17T10:00:00+01:00"

    @Test func demoMessagesArriveWithTheRightRecipientsSubjectsAndAmounts() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")
        let mails = try server.received()
        #expect(mails.count == 6)
        let byRecipient = Dictionary(uniqueKeysWithValues: mails.map { ($0.recipients.sorted().joined(separator: ","), $0) })
        #expect(Set(byRecipient.keys) == [
            "compta@boulangerie-martin.fr", "direction@sgm-menuiserie.fr,factures@sgm-menuiserie.fr", "gerance@cafe-epoque.fr",
            "accounts@thames-joinery.example.co.uk", "francois.berard@example.fr",
            "comptabilite@hotel-bellevue.fr,julien.garnier@hotel-bellevue.fr",
        ])
        // C001: second reminder for a partially paid invoice (1200 − 300), with F2026-101 at its courtesy
        // step (due on the 20th): only the 900 is overdue and demanded; the 486.40 is listed apart. It is the
        // first message relance sends it (the invoice is first seen at its second step): no "deuxième", no
        // "malgré notre précédente relance".
        let martin = ReceivedMail(bytes: byRecipient["compta@boulangerie-martin.fr"]!.bytes)
        #expect(martin.header("Subject") == "Relance : facture F2026-087 impayée – 900,00\u{A0}€")
        #expect(martin.text.contains("Sauf erreur de notre part, nous constatons que") && !martin.text.contains("Malgré"))
        #expect(martin.header("From") == "Atelier Dupont SARL <compta@atelier-dupont.fr>")
        #expect(martin.header("Reply-To") == "Atelier Dupont SARL <compta@atelier-dupont.fr>")
        #expect(martin.text.contains("Montant total échu restant dû : 900,00\u{A0}€"), "\(martin.text)")
        #expect(martin.text.contains(
            "- Facture F2026-101 du 21 octobre 2026 : 486,40\u{A0}€, à régler au plus tard le 20 novembre 2026"), "\(martin.text)")
        #expect(!martin.text.contains("1\u{202F}386,40"), "\(martin.text)")
        // The invoice PDF named by the ledger is attached; a missing one is a warning, not a lost reminder.
        let raw = String(decoding: byRecipient["compta@boulangerie-martin.fr"]!.bytes, as: UTF8.self)
        #expect(raw.contains("Content-Type: application/pdf") && raw.contains("F2026-087.pdf"))
        #expect(run.events("attachment.missing").first?.contains("invoice=F2026-095") == true)
        // C002: first reminder to two addresses (to + cc), settled and future invoices left out.
        let sgm = ReceivedMail(bytes: byRecipient["direction@sgm-menuiserie.fr,factures@sgm-menuiserie.fr"]!.bytes)
        #expect(sgm.header("Cc") == "direction@sgm-menuiserie.fr")
        #expect(sgm.header("Subject")?.contains("F2026-095") == true)
        #expect(sgm.text.contains("4\u{202F}850,00\u{A0}€"))
        #expect(!sgm.text.contains("F2026-080") && !sgm.text.contains("F2026-110"))
        // C004 writes in English.
        let thames = ReceivedMail(bytes: byRecipient["accounts@thames-joinery.example.co.uk"]!.bytes)
        #expect(thames.text.contains("€3,150.00"))
        // C006: the first reminder lists the older, partially paid invoice too (2980 − 980).
        let hotel = ReceivedMail(bytes: byRecipient["comptabilite@hotel-bellevue.fr,julien.garnier@hotel-bellevue.fr"]!.bytes)
        #expect(hotel.text.contains("F2026-070"))
        #expect(hotel.text.contains("€2,000.00"), "C006 writes in English: \(hotel.text)")
        // Rejected rows are logged with their line and the other rows went on; the call task was opened.
        #expect(run.events("ledger.row_rejected").count == 2)
        #expect(run.events("ledger.row_rejected").first?.contains("line=14") == true)
        #expect(run.events("task.opened").count == 1)
        #expect(run.events("reminder.sent").count == 6)
        #expect(run.events("cycle.done").first?.contains("sent=6") == true)
    }

    @Test(arguments: [1, 3])
    func deliveryUsesUpToMaxConnections(connections: Int) throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
            .replacingOccurrences(of: "max_connections: 2", with: "max_connections: \(connections)")
        let ws = try Workspace(config: config, ledger: try Workspace.exampleLedger())
        #expect(try ws.relance("run", "--once", "--now", Self.now).status == 0)
        #expect(try server.received().count == 6)
        // Each connection is reused: as many connections as configured (6 messages ≥ 3), never one per message.
        #expect(try server.connectionCount() == connections)
        #expect(Set(try server.received().map(\.connection)).count == connections)
    }

    @Test func aSecondRunAtTheSameInstantSendsNothing() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        #expect(try ws.relance("run", "--once", "--now", Self.now).status == 0)
        #expect(try server.received().count == 6)
        let again = try ws.relance("run", "--once", "--now", Self.now)
        #expect(again.status == 0)
        #expect(try server.received().count == 6)
        #expect(again.events("reminder.sent").isEmpty)
        // An hour later, still nothing: the minimum gap holds every client.
        #expect(try ws.relance("run", "--once", "--now", "2026-11-17T11:00:00+01:00").status == 0)
        #expect(try server.received().count == 6)
    }

    @Test func statusAndHistoryShowWhatHappened() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        #expect(try ws.relance("run", "--once", "--now", Self.now).status == 0)
        let status = try ws.relance("status", "--json")
        #expect(status.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        #expect((json["messages"] as? [String: Int]) == ["sent": 6])
        #expect((json["open_tasks"] as? [[String: Any]])?.count == 1)
        let history = try ws.relance("history", "--invoice", "F2026-087")
        #expect(history.status == 0)
        // The first appearance, from the sync's one ledger.imported entry: what the ledger said then.
        let imported = history.stdout.split(separator: "\n").first { $0.contains("ledger.imported") }
        #expect(imported?.contains("invoice=F2026-087") == true && imported?.contains(" due=") == true
            && imported?.contains(" amount=") == true, "\(history.stdout)")
        #expect(history.stdout.contains("message.sent"))
        let paidHistory = try ws.relance("history", "--invoice", "F2026-080", "--json")
        #expect(!paidHistory.stdout.contains("message."))
    }

    @Test func logsCanBeOneJSONObjectPerLine() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        let run = try ws.relance("run", "--once", "--now", Self.now, "--log-format", "json")
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["event"] is String, "\(line)")
        }
        #expect(lines.filter { $0.contains("\"event\":\"reminder.sent\"") }.count == 6)
    }

    @Test func aStaleLedgerHoldsEverySendAndStatusSaysWhy() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        // Exported 2026-11-17 08:00; three days later it is older than max_age_hours (36).
        let run = try ws.relance("run", "--once", "--now", "2026-11-20T10:00:00+01:00")
        #expect(run.status == 0)
        #expect(run.events("send.held").first?.contains("max_age_hours 36") == true, "\(run.stderr)")
        #expect(try server.received().isEmpty)
        let status = try ws.relance("status")
        #expect(status.stdout.contains("HELD: ledger is 74 h old"), "\(status.stdout)")
    }

    @Test func checkConfigAcceptsTheExampleAndRejectsABrokenOne() throws {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525"), ledger: try Workspace.exampleLedger())
        let ok = try ws.relance("check-config")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("ledger.csv:14: field client: unknown client"))
        try ws.write(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525").replacingOccurrences(of: "min_gap_days: 5", with: "min_gap_dayz: 5"))
        let bad = try ws.relance("check-config")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("relance.yaml:36:3:"), "\(bad.stderr)")
    }

    @Test func checkConfigSaysNothingIsOkWhenATemplateIsBroken() throws {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525"), ledger: try Workspace.exampleLedger())
        let template = ws.folder.appendingPathComponent("templates/fr/first-reminder.txt.mustache")
        try (try String(contentsOf: template, encoding: .utf8) + "{{#invoices}}\n").write(to: template, atomically: true, encoding: .utf8)
        let check = try ws.relance("check-config")
        #expect(check.status == 1)
        #expect(check.stderr.contains("first-reminder.txt.mustache:"), "\(check.stderr)")
        #expect(!check.stdout.contains("ok"), "\(check.stdout)")
        #expect(check.stderr.contains("relance.yaml: not valid (errors above) — "), "\(check.stderr)")
    }
}
