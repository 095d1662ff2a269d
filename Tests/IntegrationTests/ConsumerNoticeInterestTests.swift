import Foundation
import RelanceTestSupport
import Testing

/// A French consumer owes legal interest from the day the mise en demeure reached them (C. civ. 1231-6,
/// 1344-1), as the letter told them. Every claim path takes that day from the store when no --notice-date is
/// given: the registered letter's receipt recorded with `task done --received`, else the day the
/// formal-notice email was delivered; --notice-date still wins; a business claim is unchanged. The real
/// binary, a real aiosmtpd.
@Suite(.serialized) struct ConsumerNoticeInterestTests {
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        V1,P1,2025-08-01,2025-09-01,349.99,EUR,0
        B1,C1,2025-08-01,2025-09-01,1000.00,EUR,0

        """

    static func config(smtpURL: String) -> String {
        Workspace.configHead(smtpURL: smtpURL, sending: ClaimFileHistoryTests.sending) + """
        schedules:
          standard:
            - { step: first,  offset_days: 1,  action: email, template: first-reminder }
            - { step: second, offset_days: 8,  action: email, template: second-reminder }
            - { step: notice, offset_days: 15, action: formal-notice, template: formal-notice, approval: none, gate: false }
            - { step: legal,  offset_days: 40, action: legal, approval: none }
        clients:
          - { id: P1, name: "François Bérard", email: ["fb@example.fr"], schedule: standard, kind: consumer, address: ["25 avenue Jean Jaurès", "31000 Toulouse"] }
          - { id: C1, name: "Client SAS", email: ["c1@example.fr"], schedule: standard, kind: business, address: ["1 rue A", "75001 Paris"] }

        """
    }

    func line(_ result: RelanceProcess.Result) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return try #require((json["invoices"] as? [[String: Any]])?.first)
    }

    func csv(_ folder: String) throws -> String {
        try String(contentsOfFile: folder + "/claim.csv", encoding: .utf8)
    }

    @Test func theConsumersClaimRunsLegalInterestFromTheNoticeTheStoreKnows() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: Self.config(smtpURL: server.url), ledger: Self.ledger)
        for day in ["2025-09-02", "2025-09-09", "2025-09-16"] {
            #expect(try ws.runOnce(at: "\(day)T10:00:00+02:00").events("reminder.sent").count == 2)
        }
        // 13 October: the legal step writes the claim file by itself. The registered letter's receipt is not
        // recorded yet, so legal interest runs from the day after the notice email was delivered (16 September):
        // 349.99 × 2.76 % (legal rate, S2 2025, "autres cas") × 27 / 365 = 0.7145.
        let legal = try ws.runOnce(at: "2025-10-13T10:00:00+02:00")
        #expect(legal.events("claim.written").count == 2, "\(legal.stderr)")
        let written = try csv(ws.folder.appendingPathComponent("state/claims/P1-2025-10-13").path)
        #expect(written.contains("V1,P1,2025-09-01,349.99,42,2.76,0.71,0.00,0.00,350.70"), "\(written)")
        #expect(legal.events("claim.warning").contains { $0.contains("formal-notice email delivered on 2025-09-16") },
            "\(legal.stderr)")

        let beforeReceipt = try line(ws.relance("claim", "--invoice", "V1", "--as-of", "2025-10-13", "--json"))
        #expect(beforeReceipt["interest"] as? String == "0.71", "\(beforeReceipt)")

        // The letter's receipt recorded on 18 September: 25 days, 0.6616.
        let tasks = try ws.relance("tasks", "--json")
        let list = try #require((try JSONSerialization.jsonObject(with: Data(tasks.stdout.utf8)) as? [String: Any])?["tasks"] as? [[String: Any]])
        let notice = try #require(list.first { $0["action"] as? String == "formal-notice" && $0["invoice"] as? String == "V1" })
        let id = try #require(notice["id"] as? Int)
        let done = try RelanceProcess.run(
            ["task", "done", "\(id)", "--reference", "1A123", "--received", "2025-09-18", "--config", ws.configPath])
        #expect(done.status == 0, "\(done.stderr)")
        let claimed = try line(ws.relance("claim", "--invoice", "V1", "--as-of", "2025-10-13", "--json"))
        #expect(claimed["interest"] as? String == "0.66" && claimed["total"] as? String == "350.65", "\(claimed)")
        #expect((claimed["warnings"] as? [String])?.contains { $0.contains("registered letter 1A123 received on 2025-09-18") } == true,
            "\(claimed)")
        let out = ws.folder.appendingPathComponent("out").path
        let file = try ws.relance("claim-file", "--invoice", "V1", "--as-of", "2025-10-13", "--out", out)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(try csv(out + "/P1-2025-10-13").contains("V1,P1,2025-09-01,349.99,42,2.76,0.66,0.00,0.00,350.65"))

        // An explicit --notice-date wins, in claim and claim-file alike.
        let explicit = try line(ws.relance("claim", "--invoice", "V1", "--as-of", "2025-10-13", "--json", "--notice-date", "2025-09-16"))
        #expect(explicit["interest"] as? String == "0.71", "\(explicit)")
        let explicitFile = try ws.relance(
            "claim-file", "--invoice", "V1", "--as-of", "2025-10-13", "--out", out, "--notice-date", "2025-09-16")
        #expect(explicitFile.status == 0, "\(explicitFile.stderr)")
        #expect(try csv(out + "/P1-2025-10-13").contains("V1,P1,2025-09-01,349.99,42,2.76,0.71,0.00,0.00,350.70"))

        // A claim as of a day before any notice: no legal interest, and the line says why.
        let early = try line(ws.relance("claim", "--invoice", "V1", "--as-of", "2025-09-15", "--json"))
        #expect(early["interest"] as? String == "0.00", "\(early)")
        #expect((early["warnings"] as? [String])?.contains { $0.contains("no formal notice known") } == true, "\(early)")

        // The business: L441-10 penalties from the due date, whatever the notice: 1,000 × 12.15 % × 42 / 365
        // = 13.98, plus €40.
        let business = try line(ws.relance("claim", "--invoice", "B1", "--as-of", "2025-10-13", "--json"))
        #expect(business["interest"] as? String == "13.98" && business["total"] as? String == "1053.98", "\(business)")
        #expect(business["warnings"] == nil, "\(business)")
        let businessFile = try csv(ws.folder.appendingPathComponent("state/claims/C1-2025-10-13").path)
        #expect(businessFile.contains("B1,C1,2025-09-01,1000.00,42,12.15,13.98,0.00,40.00,1053.98"), "\(businessFile)")
    }
}
