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

    /// A workspace whose store knows the ledger (one cycle ran; nothing is due on that Sunday), with
    /// `ledger.payments` when `payments` is given.
    func workspace(payments: String? = nil) throws -> Workspace {
        var config = try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:9")
        if payments != nil {
            config = config.replacingOccurrences(
                of: "  path: \"ledger.csv\"", with: "  path: \"ledger.csv\"\n  payments: \"payments.csv\"")
        }
        let ws = try Workspace(config: config, ledger: Self.ledger)
        if let payments { try Data(payments.utf8).write(to: ws.folder.appendingPathComponent("payments.csv")) }
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
        // relance counts 900 paid (the larger of the ledger's 200 and 200 + 700 told): the ledger's 200 on
        // the due date, the 700 on 4 May, the day told. Interest first: 1,000 × 12.15 % × 34 / 365 = 11.3178
        // accrued by 4 May is paid off first, so 311.3178 of principal is left, which bears 2 more days.
        #expect(line["principal"] as? String == "311.32" && line["interest_paid"] as? String == "11.32", "\(line)")
        #expect(line["interest"] as? String == "0.21" && line["total"] as? String == "351.53", "\(line)")
        // Dated on the due date, as before, it paid no interest: 300 + 300 × 12.15 % × 36 / 365 + 40.
        let onTime = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-06", "--json",
            "--payment-imputation", "principal-first")
        let plain = try #require((try object(onTime)["invoices"] as? [[String: Any]])?.first)
        // Principal first: 1,000 × 34 days + 300 × 2 days, at 12.15 % / 365 = 11.5175.
        #expect(plain["principal"] as? String == "300.00" && plain["interest"] as? String == "11.52", "\(plain)")
    }

    /// The ledger shows 200.00 paid on X1 and the payments file nothing: reminders count the 200.00 (the
    /// larger of the two), and so do the claim and the formal notice, on the due date as without the file.
    /// They never ask for money the ledger shows paid.
    @Test func aPaymentTheLedgerShowsButThePaymentsFileDoesNotIsNotClaimed() throws {
        let ws = try workspace(payments: "invoice,date,amount\n")
        let run = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-06", "--json")
        let line = try #require((try object(run)["invoices"] as? [[String: Any]])?.first, "\(run.stderr)")
        // 1,000 × 12.15 % × 36 / 365 = 11.98, and the €40 indemnity.
        #expect(line["principal"] as? String == "1000.00" && line["interest"] as? String == "11.98", "\(line)")
        #expect(line["total"] as? String == "1051.98", "\(line)")
        #expect(run.stderr.contains(
            "invoice X1: the ledger says 200.00 paid, the payments file 0.00; the 200.00 it does not show is counted "
                + "as paid on the due date, as reminders count it"), "\(run.stderr)")
    }

    @Test func aPaymentToldButNotYetInThePaymentsFileIsCountedOnItsDay() throws {
        let ws = try workspace(payments: "invoice,date,amount\nX1,2026-03-31,200.00\n")
        #expect(try ws.relance("pay", "X1", "700.00", "--date", "2026-05-04").status == 0)
        let run = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-06", "--json")
        let line = try #require((try object(run)["invoices"] as? [[String: Any]])?.first, "\(run.stderr)")
        // The same figures as without the payments file (the test above).
        #expect(line["principal"] as? String == "311.32" && line["total"] as? String == "351.53", "\(line)")
        #expect(run.stderr.contains("invoice X1: 700.00 told with relance pay is not in the payments file yet"), "\(run.stderr)")
        #expect(!run.stderr.contains("the payments file is used"), "\(run.stderr)")

        // Once exported, the file's own date counts and nothing is added.
        try Data("invoice,date,amount\nX1,2026-03-31,200.00\nX1,2026-05-05,700.00\n".utf8)
            .write(to: ws.folder.appendingPathComponent("payments.csv"))
        let later = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-06", "--json")
        let laterLine = try #require((try object(later)["invoices"] as? [[String: Any]])?.first, "\(later.stderr)")
        // 35 days on 1,000 before the 700 of 5 May: 11.6507 of interest paid first, 311.6507 left for 1 day.
        #expect(laterLine["interest_paid"] as? String == "11.65" && laterLine["principal"] as? String == "311.65", "\(laterLine)")
        #expect(!later.stderr.contains("told with relance pay"), "\(later.stderr)")
    }

    @Test func aClaimBeforeTheDayAPaymentWasToldDoesNotCountIt() throws {
        let ws = try workspace()
        #expect(try ws.relance("pay", "X1", "700.00", "--date", "2026-05-04").status == 0)
        let run = try ws.relance("claim", "--invoice", "X1", "--as-of", "2026-05-02", "--json")
        let line = try #require((try object(run)["invoices"] as? [[String: Any]])?.first, "\(run.stderr)")
        #expect(line["principal"] as? String == "1000.00", "\(line)")
        let future = try ws.relance("pay", "X3", "100.00", "--date", "2099-01-01")
        #expect(future.status != 0 && future.stderr.contains("after today"), "\(future.stderr)")
    }

    /// X1 is paid in full by hand, late: only the principal its interest took (interest first) and the
    /// indemnity are claimable; it is settled for the cycle and the claim file. X2 is written off.
    @Test func anInvoicePaidLateByHandOwesItsInterestAndAWriteOffIsLeftOutAndNamed() throws {
        let ws = try workspace()
        #expect(try ws.relance("pay", "X1", "1000.00", "--date", "2026-05-04").status == 0)
        #expect(try ws.relance("write-off", "X2", "--reason", "goodwill").status == 0)

        let claim = try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-06", "--json")
        #expect(claim.status == 0, "\(claim.stderr)")
        let json = try object(claim)
        #expect((json["invoices"] as? [[String: Any]])?.map { $0["invoice"] as? String } == ["X1", "X3"], "\(json)")
        // X1: 11.32 + 0.01 + 40 (see the test above: the same 11.3178 of interest paid first); X3: 849.05.
        #expect(json["total"] as? String == "900.38", "\(json)")
        let leftOut = try #require(json["left_out"] as? [[String: String]])
        #expect(leftOut == [["invoice": "X2", "client": "C002", "reason": "written off (relance write-off)"]])
        let table = try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-06")
        #expect(table.stdout.contains("X2 left out: written off (relance write-off)"), "\(table.stdout)")
        #expect(table.stdout.contains("Total: 900.38 EUR"), "\(table.stdout)")

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
        #expect(try ws.relance("dispute", "X3", "--reason", "goods damaged", "--review", "2026-06-30",
            "--now", "2026-05-06T09:00:00+02:00").status == 0)
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
        // The day before the dispute was recorded, it stopped nothing: a claim as of then names X3.
        let before = try ws.relance("claim", "--invoice", "X3", "--as-of", "2026-05-05", "--json")
        #expect((try object(before)["invoices"] as? [[String: Any]])?.first?["invoice"] as? String == "X3", "\(before.stdout)")
        #expect(try object(before)["left_out"] as? [[String: String]] ?? [] == [])
    }

    @Test func aHoldLiftedSinceStillLeavesItsInvoiceOutOfAClaimAsOfADayItStood() throws {
        let ws = try workspace()
        #expect(try ws.relance("dispute", "X3", "--reason", "goods damaged", "--review", "2026-06-30",
            "--now", "2026-05-06T09:00:00+02:00").status == 0)
        #expect(try ws.relance("resume", "--invoice", "X3", "--now", "2026-05-20T09:00:00+02:00").status == 0)
        let then = try object(try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-10", "--json"))
        #expect((then["left_out"] as? [[String: String]])?.map { $0["invoice"] } == ["X3"], "\(then)")
        let now = try object(try ws.relance("claim", "--client", "C002", "--as-of", "2026-05-20", "--json"))
        #expect((now["invoices"] as? [[String: Any]])?.contains { $0["invoice"] as? String == "X3" } == true, "\(now)")
    }

    @Test func anInvoiceNotYetDueIsLeftOutOfTheClaimFile() throws {
        let ws = try workspace()
        let out = ws.folder.appendingPathComponent("claims").path
        // On 1 April X3 (due the 2nd) is not yet due: nothing is claimable on it, least of all in court.
        let file = try ws.relance("claim-file", "--client", "C002", "--out", out, "--as-of", "2026-04-01")
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout.contains("X3 left out: not yet due on 2026-04-01 (due 2026-04-02)"), "\(file.stdout)")
        let csv = try String(contentsOfFile: out + "/C002-2026-04-01/claim.csv", encoding: .utf8)
        #expect(!csv.contains("X3"), "\(csv)")
        let claim = try object(try ws.relance("claim", "--client", "C002", "--as-of", "2026-04-01", "--json"))
        #expect((claim["invoices"] as? [[String: Any]])?.contains { $0["invoice"] as? String == "X3" } == false, "\(claim)")
    }

    /// A UK creditor's claim fixes the rate of the debt's first day for the whole debt (Late Payment Act):
    /// its JSON says so, whatever --rate-mode is.
    @Test func aUKClaimSaysItsRateIsFixed() throws {
        let config = Workspace.configHead(smtpURL: "smtp://127.0.0.1:9")
            .replacingOccurrences(of: "jurisdiction: FR", with: "jurisdiction: UK") + FormalNoticeLetterTests.noticeAlone
        let ws = try Workspace(config: config, ledger: FormalNoticeLetterTests.header + "U1,C1,2025-06-01,2025-06-30,1200.00,GBP,0\n")
        let run = try ws.relance("claim", "--invoice", "U1", "--as-of", "2026-03-01", "--json")
        let json = try object(run)
        #expect(json["jurisdiction"] as? String == "UK" && json["rate_mode"] as? String == "fixed-at-start", "\(json)")
        let rates = try #require((json["invoices"] as? [[String: Any]])?.first?["rates"] as? [[String: Any]])
        #expect(rates.count == 1, "one rate for the whole debt: \(rates)")
    }
}

