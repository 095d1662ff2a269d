import Foundation
import RelanceTestSupport
import Testing

/// `relance check-config` warns when an overdue open invoice needs a rate relance does not have (the
/// second half of 2026 is not in the research note): the interest is never guessed.
@Suite struct CheckConfigRateWarningTests {
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-050,C002,2026-05-16,2026-06-15,1200.00,EUR,0
        F2026-051,C002,2026-05-16,2026-06-15,800.00,EUR,0
        F2026-052,C002,2026-05-16,2026-06-15,500.00,EUR,500.00
        F2026-053,C001,2026-07-01,2026-12-31,300.00,EUR,0

        """

    func workspace(rates: String? = nil) throws -> Workspace {
        var config = try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525")
        if rates != nil { config += "\nrates: \"rates\"\n" }
        let ws = try Workspace(config: config, ledger: Self.ledger)
        if let rates {
            let folder = ws.folder.appendingPathComponent("rates")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(rates.utf8).write(to: folder.appendingPathComponent("ecb.yaml"))
        }
        return ws
    }

    func rateWarnings(_ result: RelanceProcess.Result) -> [String] {
        result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("a rate relance does not have") }
    }

    @Test func anOverdueInvoiceInAHalfYearWithNoKnownRateIsWarnedAboutOnce() throws {
        let run = try workspace().relance("check-config", "--as-of", "2026-07-30")
        #expect(run.status == 0, "a warning, not an error: \(run.stderr)")
        let warnings = rateWarnings(run)
        #expect(warnings.count == 1, "\(run.stderr)")
        let warning = try #require(warnings.first)
        #expect(warning.hasPrefix("warning: 2 open invoices (F2026-050, F2026-051) late on 2026-07-30"), "\(warning)")
        #expect(warning.contains("no ECB main refinancing rate known for 2026-07-01"))
        #expect(warning.contains("montant à parfaire") && warning.contains("rates:"))
        #expect(!warning.contains("F2026-052") && !warning.contains("F2026-053"), "paid, or not yet due")
    }

    @Test func beforeTheUnknownHalfYearNothingIsWarned() throws {
        let run = try workspace().relance("check-config", "--as-of", "2026-06-30")
        #expect(run.status == 0)
        #expect(rateWarnings(run).isEmpty, "\(run.stderr)")
    }

    @Test func anOperatorsRateTableSilencesIt() throws {
        let table = "table: ecb-mro\nperiods:\n  - { from: 2026-06-11, to: 2026-12-31, rate: 2.00, source: test }\n"
        let run = try workspace(rates: table).relance("check-config", "--as-of", "2026-07-30")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(rateWarnings(run).isEmpty, "\(run.stderr)")
    }
}
