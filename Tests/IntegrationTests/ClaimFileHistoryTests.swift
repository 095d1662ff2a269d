import Foundation
import RelanceTestSupport
import Testing

/// The claim file's summary tells the history as the letters do (a reminder before the due date, premier
/// and deuxième rappel, the mise en demeure by email) and cites the registered letter's proof only once
/// `task done` has recorded it, when the claim file then holds and lists `registered-letter.txt`. The real
/// binary, a real aiosmtpd.
@Suite(.serialized) struct ClaimFileHistoryTests {
    static let sending = #"timezone: "Europe/Paris", days: [mon, tue, wed, thu, fri], hours: "09:00-17:00", holidays: FR, min_gap_days: 1"#
    static let config = """
        schedules:
          standard:
            - { step: courtesy, offset_days: -3, action: email, template: courtesy }
            - { step: first,    offset_days: 1,  action: email, template: first-reminder }
            - { step: second,   offset_days: 8,  action: email, template: second-reminder }
            - { step: notice,   offset_days: 15, action: formal-notice, template: formal-notice, approval: none, gate: false }
        clients:
          - { id: C1, name: "Client SAS", email: ["c1@example.fr"], schedule: standard, kind: business, address: ["1 rue A", "75001 Paris"] }

        """

    func summary(_ folder: String) throws -> String {
        try EscalationTests.pdfText(folder + "/summary.pdf")
    }

    @Test func theHistoryNamesTheLettersStepsAndCitesOnlyTheFilesWritten() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url, sending: Self.sending) + Self.config
        let ws = try Workspace(config: config, ledger: "invoice,client,issued,due,amount,currency,paid\nA1,C1,2025-08-01,2025-09-01,900.00,EUR,0\n")
        for day in ["2025-08-29", "2025-09-02", "2025-09-09", "2025-09-16"] {
            #expect(try ws.runOnce(at: "\(day)T10:00:00+02:00").events("reminder.sent").count == 1, "\(day)")
        }
        let out = ws.folder.appendingPathComponent("out").path
        let folder = out + "/C1-2025-09-30"
        #expect(try ws.relance("claim-file", "--client", "C1", "--as-of", "2025-09-30", "--out", out).status == 0)
        let before = try summary(folder)
        for line in [
            "29 août 2025 : rappel avant échéance (courriel)", "2 septembre 2025 : premier rappel (courriel)",
            "9 septembre 2025 : deuxième rappel (courriel)", "16 septembre 2025 : mise en demeure (courriel)",
            "voir mise-en-demeure.pdf ; son envoi en recommandé n'est pas enregistré.",
        ] {
            #expect(before.contains(line), "missing: \(line)\n\(before)")
        }
        for wrong in ["« first »", "« notice »", "« courtesy »", "registered-letter.txt", "accusé de réception"] {
            #expect(!before.contains(wrong), "\(wrong)\n\(before)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/registered-letter.txt"))

        let tasks = try ws.relance("tasks", "--json")
        let list = try #require((try JSONSerialization.jsonObject(with: Data(tasks.stdout.utf8)) as? [String: Any])?["tasks"] as? [[String: Any]])
        let id = try #require(list.first { $0["action"] as? String == "formal-notice" }?["id"] as? Int)
        let done = try RelanceProcess.run(
            ["task", "done", "\(id)", "--reference", "1A123", "--received", "2025-09-18", "--config", ws.configPath])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try ws.relance("claim-file", "--client", "C1", "--as-of", "2025-09-30", "--out", out).status == 0)
        let after = try summary(folder)
        #expect(after.contains(
            "Mise en demeure par lettre recommandée avec accusé de réception : voir mise-en-demeure.pdf et registered-letter.txt."),
            "\(after)")
        #expect(after.contains(". registered-letter.txt"), "listed in the bordereau: \(after)")
        #expect(FileManager.default.fileExists(atPath: folder + "/registered-letter.txt"))
    }
}
