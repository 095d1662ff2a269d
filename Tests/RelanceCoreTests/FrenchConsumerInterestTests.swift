import Foundation
import RelanceCore
import Testing

/// France, consumer debtor: no L441-10 penalties, no €40; legal interest only after a formal notice.
@Suite struct FrenchConsumerInterestTests {
    typealias R = LegalRulesRates
    let invoice = R.invoice("1200.00", due: "2025-03-31")

    @Test func withoutAFormalNoticeNoInterestRuns() {
        let line = R.claim(invoice, kind: .consumer, asOf: "2025-05-15")
        #expect(line.daysLate == 45)
        #expect(line.rates.isEmpty)
        #expect(line.interest?.plainText == "0.00" && line.indemnity?.plainText == "0.00")
        #expect(line.total.plainText == "1200.00")
    }

    @Test func legalInterestRunsFromTheDayAfterTheNoticeWithTheSemesterRates() {
        let options = LateInterestOptions(formalNoticeDate: R.d("2025-06-20"))
        let line = R.claim(invoice, kind: .consumer, asOf: "2025-07-20", options: options)
        // 10 days at 3.71 % (S1 2025) and 20 days at 2.76 % (S2 2025).
        #expect(R.segments(line) == ["2025-06-21…2025-06-30 3.71", "2025-07-01…2025-07-20 2.76"])
        #expect(line.interest?.plainText == "3.03", "1200 × (3.71 × 10 + 2.76 × 20) / 36500 = 3.0345")
    }

    @Test func aContractualRateIsNotAppliedToAConsumer() {
        let options = LateInterestOptions(contractualRate: 10, formalNoticeDate: R.d("2025-04-30"))
        let line = R.claim(invoice, kind: .consumer, asOf: "2025-05-15", options: options)
        #expect(R.segments(line) == ["2025-05-01…2025-05-15 3.71"])
        #expect(line.warnings.first?.contains("not applied to a consumer") == true)
    }
}
