import Foundation
import RelanceTestSupport
import Testing

/// `relance claim` and `relance claim-file` claim what the cycle sees: payments told with `relance pay`
/// count; written-off invoices, and those under a standing hold, are left out and named. The real binary
/// on the demo config.
@Suite(.serialized) struct ClaimsAsTheCycleSeesTests {
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        X1,C002,2026-03-01,2026-03-31,1200.00,EUR,200.00
        X2,C002,2026-03-02,2026-04-01,500.00,EUR,0
        X3,C002,2026-03-03,2026-04-02,800.00,EUR,0

        """

    /// A workspace whose store knows the ledger (one cycle ran; nothing is due on that Sunday).
    func workspace() throws -> Workspace {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:9"), ledger: Self.ledger)
        let cycle = try ws.runOnce(at: "2026-05-03T10:00:00+02:00")
        #expect(cycle.status == 0, "\(cycle.stderr)")
        return ws
    }

    func object(_ result: RelanceProcess.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    @Test func aPaymentToldWithPayIsCountedInTheClaim() throws {
        let ws = try workspace()
        #expect(try ws.relance("pay", "X1", "700.00", "--date", "2026-05-04").status == 0)
        let run = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-06", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require((try object(run)["invoices"] as? [[String: Any]])?.first)
        // 1,200 less the 900 relance counts as paid (the larger of the ledger's 200 and 200 + 700 told),
        // as the formal notice of the cycle says: 300 + 300 × 12.15 % × 36 / 365 + 40.
        #expect(line["principal"] as? String == "300.00" && line["total"] as? String == "343.60", "\(line)")
    }

    @Test func anInvoicePaidByHandOrWrittenOffIsNotClaimedAndTheWriteOffIsNamed() throws {
        let ws = try workspace()
        #expect(try ws.relance("pay", "X1", "1000.00", "--date", "2026-05-04").status == 0)
        #expect(try ws.relance("write-off", "X2", "--reason", "goodwill").status == 0)

        let claim = try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-06", "--json")
        #expect(claim.status == 0, "\(claim.stderr)")
        let json = try object(claim)
        #expect((json["invoices"] as? [[String: Any]])?.map { $0["invoice"] as? String } == ["X3"], "\(json)")
        #expect(json["total"] as? String == "849.05")
        let leftOut = try #require(json["left_out"] as? [[String: String]])
        #expect(leftOut == [["invoice": "X2", "client": "C002", "reason": "written off (relance write-off)"]])
        let table = try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-06")
        #expect(table.stdout.contains("X2 left out: written off (relance write-off)"), "\(table.stdout)")
        #expect(table.stdout.contains("Total: 849.05 EUR"))

        let out = ws.folder.appendingPathComponent("claims").path
        let file = try ws.relance("claim-file", "--client", "C002", "--out", out, "--as-of", "2026-05-06")
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout.contains("X2 left out: written off (relance write-off)"), "\(file.stdout)")
        let csv = try String(contentsOfFile: out + "/C002-2026-05-06/claim.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { String($0.prefix(3)) }
        #expect(rows == ["X3,"], "\(csv)")

        let alone = try ws.relance("claim-file", "--invoice", "X2", "--out", out, "--as-of", "2026-05-06")
        #expect(alone.status == 1 && alone.stderr.contains("nothing open to claim for invoice X2"), "\(alone.stderr)")
        #expect(alone.stdout.contains("X2 left out: written off"))
    }

    @Test func anInvoiceUnderDisputeIsNotClaimableUntilItsReview() throws {
        let ws = try workspace()
        #expect(try ws.relance("dispute", "X3", "--reason", "goods damaged", "--review", "2026-06-30").status == 0)
        let reason = "under dispute until its review on 2026-06-30 (hold 1: goods damaged)"

        let claim = try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-06", "--json")
        #expect(claim.status == 0, "\(claim.stderr)")
        let json = try object(claim)
        #expect((json["invoices"] as? [[String: Any]])?.map { $0["invoice"] as? String } == ["X1", "X2"], "\(json)")
        #expect(json["left_out"] as? [[String: String]] == [["invoice": "X3", "client": "C002", "reason": reason]])
        let alone = try ws.relance("claim", "--invoice", "X3", "--as-of", "2026-05-06")
        #expect(alone.stdout.contains("Nothing to claim.") && alone.stdout.contains("X3 left out: \(reason)"))

        let out = ws.folder.appendingPathComponent("claims").path
        let file = try ws.relance("claim-file", "--client", "C002", "--out", out, "--as-of", "2026-05-06")
        #expect(file.status == 0 && file.stdout.contains("X3 left out: \(reason)"), "\(file.stdout) \(file.stderr)")
        let csv = try String(contentsOfFile: out + "/C002-2026-05-06/claim.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").dropFirst().map { String($0.prefix(3)) } == ["X1,", "X2,"], "\(csv)")

        // On the review day the dispute no longer stands (a person decides): X3 is claimable again.
        let review = try ws.relance("claim", "--invoice", "X3", "--as-of", "2026-06-30", "--json")
        #expect((try object(review)["invoices"] as? [[String: Any]])?.first?["principal"] as? String == "800.00")
    }
}
