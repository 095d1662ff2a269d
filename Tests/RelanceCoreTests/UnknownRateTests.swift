import Foundation
import RelanceCore
import Testing

/// A half-year without a known rate is never guessed: the interest is unknown and left out of the total.
@Suite struct UnknownRateTests {
    typealias R = LegalRulesRates
    let invoice = R.invoice("1200.00", due: "2026-06-15")

    @Test func theSecondHalfOf2026HasNoECBRateYet() throws {
        let line = R.claim(invoice, asOf: "2026-07-30")
        #expect(line.interest == nil)
        let reason = try #require(line.interestUnknownReason)
        #expect(reason.contains("ECB") && reason.contains("2026-07-01") && reason.contains("ecb-mro"))
        #expect(R.segments(line) == ["2026-06-16…2026-06-30 12.15", "2026-07-01…2026-07-30 ?"])
        #expect(line.indemnity?.plainText == "40.00")
        #expect(line.total.plainText == "1240.00", "principal + indemnity; the unknown interest is left out")
        #expect(!line.isComplete && line.isClaimable)
    }

    @Test func fixedAtStartOnlyNeedsTheFirstDaysRate() {
        let line = R.claim(invoice, asOf: "2026-07-30", options: LateInterestOptions(rateMode: .fixedAtStart))
        #expect(line.interest?.plainText == "17.98")
    }

    @Test func extendingTheTableMakesItKnown() {
        let extra = RateTable(
            name: RateTable.ecbMRO,
            periods: [RatePeriod(from: R.d("2026-07-01"), to: R.d("2026-07-01"), rate: 2)])
        let calculator = LateInterestCalculator(rates: R.all.merging([extra]))
        let line = R.claim(invoice, asOf: "2026-07-30", calculator: calculator)
        #expect(R.segments(line) == ["2026-06-16…2026-06-30 12.15", "2026-07-01…2026-07-30 12.00"])
        #expect(line.interest?.plainText == "17.83", "1200 × (12.15 × 15 + 12 × 30) / 36500 = 17.8274")
    }

    @Test func aDelayBeforeTheFirstKnownRateIsUnknown() {
        let line = R.claim(R.invoice("1200.00", due: "2023-06-15"), asOf: "2023-07-15")
        #expect(line.interest == nil)
        #expect(line.interestUnknownReason?.contains("2023-07-01") == true)
    }

    @Test func aContractualRateIsUsedButNotCheckedWhenTheLegalRateIsUnknown() {
        let line = R.claim(invoice, asOf: "2026-07-30", options: LateInterestOptions(contractualRate: 12))
        #expect(line.interest?.plainText == "17.75", "1200 × 12 % × 45/365 = 17.7534")
        #expect(
            line.warnings.contains { $0.contains("not checked against the floor") && $0.contains("S2 2026") })
    }
}
