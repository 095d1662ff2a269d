import Foundation
import RelanceTestSupport
import Testing

/// Whether the binary has the `claim` subcommand (registered in Relance.swift's subcommands).
enum ClaimSubcommand {
    static let isRegistered: Bool =
        (try? RelanceProcess.run(["--help"]).stdout.split(separator: "\n").contains {
            $0.hasPrefix("  claim ")
        }) == true
}

/// `relance claim`, run by the real binary on the demo config with its own ledger, payments and rates.
@Suite(
    .serialized, .enabled(if: ClaimSubcommand.isRegistered, "`claim` is not registered in Relance.swift yet"))
struct ClaimCommandTests {
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        A1,C001,2025-03-01,2025-03-31,1200.00,EUR,0
        A2,C001,2025-05-16,2025-06-15,1200.00,EUR,1200.00
        A3,C001,2025-03-01,2025-03-31,1200.00,EUR,500.00
        A4,C001,2026-05-16,2026-06-15,1200.00,EUR,0
        B1,C002,2025-03-01,2025-03-31,640.00,EUR,0

        """

    /// The demo config with `ledger.payments` and, optionally, a `rates:` folder.
    func workspace(payments: String? = nil, rates: [String: String]? = nil) throws -> Workspace {
        var config = try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525")
        if payments != nil {
            config = config.replacingOccurrences(
                of: "  path: \"ledger.csv\"", with: "  path: \"ledger.csv\"\n  payments: \"payments.csv\"")
        }
        if rates != nil { config += "\nrates: \"rates\"\n" }
        let ws = try Workspace(config: config, ledger: Self.ledger)
        if let payments {
            try Data(payments.utf8).write(to: ws.folder.appendingPathComponent("payments.csv"))
        }
        if let rates {
            let folder = ws.folder.appendingPathComponent("rates")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in rates { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        }
        return ws
    }

    func object(_ result: RelanceProcess.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func theContractsExampleToTheCent() throws {
        let ws = try workspace()
        let run = try ws.relance("claim", "--invoice", "A1", "--as-of", "2025-05-15", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try object(run)
        #expect(json["as_of"] as? String == "2025-05-15")
        #expect(json["currency"] as? String == "EUR")
        #expect(json["total"] as? String == "1259.45")
        let line = try #require((json["invoices"] as? [[String: Any]])?.first)
        #expect(line["invoice"] as? String == "A1" && line["client"] as? String == "C001")
        #expect(line["due"] as? String == "2025-03-31" && line["principal"] as? String == "1200.00")
        #expect(line["days_late"] as? Int == 45)
        #expect(
            line["rates"] as? [[String: String]] == [
                ["from": "2025-04-01", "to": "2025-05-15", "rate": "13.15"]
            ])
        #expect(line["interest"] as? String == "19.45" && line["indemnity"] as? String == "40.00")
        #expect(line["total"] as? String == "1259.45")
    }

    @Test func datedPaymentsAreUsedAndAMismatchWithTheLedgerIsWarned() throws {
        let ws = try workspace(payments: "invoice,date,amount\nA2,2025-07-30,1200.00\nA3,2025-04-15,400.00\n")
        let run = try ws.relance("claim", "--client", "C001", "--as-of", "2025-08-01", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try #require(try object(run)["invoices"] as? [[String: Any]])
        #expect(
            lines.map { $0["invoice"] as? String } == ["A1", "A3", "A2"],
            "late or paid late, by due date; A4 not due")
        // Interest first (C. civ. 1343-1), the French default. A2: the 1,200 of 30/07 first pays the
        // 18.468493… of interest accrued (15 days at 13.15 % + 30 at 12.15 %), so 18.468493… of principal
        // is left and bears 2 days at 12.15 %: 0.012295… → 18.47 + 0.01 + 40 = 58.48.
        let a2 = lines[2]
        #expect(
            a2["principal"] as? String == "18.47" && a2["interest"] as? String == "0.01"
                && a2["interest_paid"] as? String == "18.47" && a2["total"] as? String == "58.48")
        #expect((a2["rates"] as? [[String: String]])?.count == 2, "split at 1 July")
        // A3: the ledger says 500 paid, the file 400 on 15/04. The 100 the file does not show counts on the due
        // date, as reminders count it (no interest on it): 1,100 is late, and 400 on 15/04 pays
        // 1100 × 13.15 % × 15/365 = 5.944… of interest, 394.055… of principal: 705.94 left.
        #expect(lines[1]["principal"] as? String == "705.94", "\(lines[1])")
        #expect(try object(run)["payment_imputation"] as? String == "interest-first")
        #expect(run.stderr.contains(
            "invoice A3: the ledger says 500.00 paid, the payments file 400.00; the 100.00 it does not show is counted "
                + "as paid on the due date"), "\(run.stderr)")

        // Principal first, on request: the payments reduce the principal, the interest stays due.
        let other = try ws.relance(
            "claim", "--client", "C001", "--as-of", "2025-08-01", "--json", "--payment-imputation", "principal-first")
        #expect(other.status == 0, "\(other.stderr)")
        let otherLines = try #require(try object(other)["invoices"] as? [[String: Any]])
        #expect(
            otherLines[2]["principal"] as? String == "0.00" && otherLines[2]["interest"] as? String == "18.47"
                && otherLines[2]["total"] as? String == "58.47")
        #expect(otherLines[1]["principal"] as? String == "700.00", "1,200 less the ledger's 500")
        #expect(try object(other)["payment_imputation"] as? String == "principal-first")
    }

    @Test func anUnknownRateIsReportedAndAnOperatorTableFillsIt() throws {
        let bare = try workspace()
        let unknown = try bare.relance("claim", "--invoice", "A4", "--as-of", "2026-07-30", "--json")
        #expect(unknown.status == 0, "\(unknown.stderr)")
        let line = try #require((try object(unknown)["invoices"] as? [[String: Any]])?.first)
        #expect(line["interest"] is NSNull)
        #expect((line["interest_unknown"] as? String)?.contains("2026-07-01") == true)
        #expect(line["total"] as? String == "1240.00")
        #expect(try object(unknown)["complete"] as? Bool == false)
        #expect(unknown.stderr.contains("interest unknown"))

        let table =
            "table: ecb-mro\nperiods:\n  - { from: 2026-06-11, to: 2026-07-31, rate: 2.00, source: test }\n"
        let extended = try workspace(rates: ["ecb.yaml": table])
        let known = try extended.relance("claim", "--invoice", "A4", "--as-of", "2026-07-30", "--json")
        #expect(known.status == 0, "\(known.stderr)")
        let knownLine = try #require((try object(known)["invoices"] as? [[String: Any]])?.first)
        #expect(knownLine["interest"] as? String == "17.83")
    }

    @Test func aBadRateTableIsRejectedWithItsPosition() throws {
        let ws = try workspace(rates: [
            "ecb.yaml": "table: ecb-mro\nperiods:\n  - { from: 2026-07-01, rate: abc }\n"
        ])
        let run = try ws.relance("claim", "--invoice", "A1", "--as-of", "2025-05-15")
        #expect(run.status == 1)
        #expect(run.stderr.contains("rates/ecb.yaml:3:31: `periods[0].rate` must be a percentage"))
    }

    @Test func unknownInvoiceOrClientExitsOne() throws {
        let ws = try workspace()
        let invoice = try ws.relance("claim", "--invoice", "NOPE", "--as-of", "2025-05-15")
        #expect(invoice.status == 1 && invoice.stderr.contains("unknown invoice NOPE"))
        let client = try ws.relance("claim", "--client", "C404", "--as-of", "2025-05-15")
        #expect(client.status == 1 && client.stderr.contains("unknown client C404"))
        #expect(try ws.relance("claim", "--as-of", "2025-05-15").status == 1)
    }

    @Test func theTableForPeople() throws {
        let ws = try workspace()
        let run = try ws.relance("claim", "--client", "C002", "--as-of", "2025-05-15")
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            rows.first
                == "Claim as of 2025-05-15 — FR rules, rates split-by-semester, payments to interest first (C. civ. 1343-1)")
        #expect(
            rows.contains {
                $0.hasPrefix("B1") && $0.contains("640.00") && $0.contains("45") && $0.contains("13.15")
            })
        #expect(rows.last == "Total: 690.38 EUR", "640 + 10.38 + 40")
    }
}
