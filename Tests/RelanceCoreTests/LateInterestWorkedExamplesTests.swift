import Foundation
import RelanceCore
import Testing

/// Every worked example of legal-rules.md, to the cent.
///
/// Examples 2 (§2.4) and §4.1 end with the invoice "paid" on a day and claim the interest on top: the
/// payment is counted against the principal, i.e. principal first. They run on that option here; the
/// same figures under the French default (interest first, C. civ. 1343-1) are in
/// `LateInterestImputationTests`.
@Suite struct LateInterestWorkedExamplesTests {
    typealias R = LegalRulesRates
    /// The note's reading of "paid on D" in examples 2 and §4.1.
    static let principalFirst = LateInterestOptions(paymentImputation: .principalFirst)

    @Test func franceExample1OneSemester() {
        // §2.4 ex. 1: €1,200 due 31/03/2025, 45 days at 13.15 % → €19.45 + €40 = €1,259.45.
        let line = R.claim(R.invoice("1200.00", due: "2025-03-31"), asOf: "2025-05-15")
        #expect(line.principal.plainText == "1200.00")
        #expect(line.daysLate == 45)
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 13.15"])
        #expect(line.interest?.plainText == "19.45")
        #expect(line.indemnity?.plainText == "40.00")
        #expect(line.total.plainText == "1259.45")
        #expect(line.warnings.isEmpty && line.isComplete)
    }

    @Test func franceExample2SplitBySemesterIsTheDefault() {
        // §2.4 ex. 2: due 15/06/2025, paid 30/07/2025: 15 days at 13.15 % + 30 days at 12.15 % = €18.47.
        let invoice = R.invoice("1200.00", due: "2025-06-15")
        let paid = [R.payment("1200.00", on: "2025-07-30")]
        let line = R.claim(invoice, payments: paid, asOf: "2025-07-30", options: Self.principalFirst)
        #expect(line.daysLate == 45)
        #expect(R.segments(line) == ["2025-06-16…2025-06-30 13.15", "2025-07-01…2025-07-30 12.15"])
        #expect(line.interest?.plainText == "18.47", "rounded once: 6.4849… + 11.9835… = 18.4684…")
        #expect(line.principal.plainText == "0.00")
        #expect(line.total.plainText == "58.47")
    }

    @Test func franceExample2FixedAtStart() {
        let line = R.claim(
            R.invoice("1200.00", due: "2025-06-15"), payments: [R.payment("1200.00", on: "2025-07-30")],
            asOf: "2025-07-30", options: LateInterestOptions(rateMode: .fixedAtStart, paymentImputation: .principalFirst))
        #expect(R.segments(line) == ["2025-06-16…2025-07-30 13.15"])
        #expect(line.interest?.plainText == "19.45")
    }

    @Test func franceExample3ContractualRateBelowTheFloorFallsBackToTheDefaultWithAWarning() throws {
        // §2.4 ex. 3: "pénalités au taux légal" (2.62 % in S1 2026) is below 3 × 2.62 % = 7.86 %.
        let options = LateInterestOptions(contractualRate: R.pct("2.62"))
        let line = R.claim(R.invoice("1200.00", due: "2026-01-31"), asOf: "2026-03-17", options: options)
        #expect(line.daysLate == 45)
        #expect(R.segments(line) == ["2026-02-01…2026-03-17 12.15"], "the statutory ECB 2.15 % + 10")
        #expect(line.interest?.plainText == "17.98")
        let warning = try #require(line.warnings.first)
        #expect(warning.contains("2.62 % is below the floor of 7.86 %") && warning.contains("S1 2026"))
    }

    @Test func contractualRateAboveTheFloorIsUsed() {
        // §2.2, 2m-consulting.fr: (15,000 × 15 %) × 30/365 = €184.93 (S1 2025 floor: 11.13 %).
        let line = R.claim(
            R.invoice("15000.00", due: "2025-03-01"), asOf: "2025-03-31",
            options: LateInterestOptions(contractualRate: 15))
        #expect(R.segments(line) == ["2025-03-02…2025-03-31 15.00"])
        #expect(line.interest?.plainText == "184.93")
        #expect(line.total.plainText == "15224.93")
        #expect(line.warnings.isEmpty)
    }

    @Test func in2024TheFloorWasAboveTheDefaultAndBindsOnlyAContractualRate() {
        // §2.4 edge case: S1 2024 default 14.50 %, floor 3 × 5.07 % = 15.21 %.
        let invoice = R.invoice("1000.00", due: "2024-03-31")
        let noClause = R.claim(invoice, asOf: "2024-04-30")
        #expect(R.segments(noClause) == ["2024-04-01…2024-04-30 14.50"] && noClause.warnings.isEmpty)
        let low = R.claim(invoice, asOf: "2024-04-30", options: LateInterestOptions(contractualRate: 15))
        #expect(R.segments(low) == ["2024-04-01…2024-04-30 14.50"])
        #expect(low.warnings.first?.contains("below the floor of 15.21 %") == true)
        let high = R.claim(
            invoice, asOf: "2024-04-30", options: LateInterestOptions(contractualRate: R.pct("15.5")))
        #expect(R.segments(high) == ["2024-04-01…2024-04-30 15.50"] && high.warnings.isEmpty)
        #expect(high.interest?.plainText == "12.74", "1000 × 15.5 % × 30/365 = 12.739…")
    }

    @Test func franceConsumerLegalInterestFromTheFormalNotice() {
        // §4.1: notice received 01/02/2026, paid 45 days later: 1,200 × 2.62 % × 45/365 = €3.88, no €40.
        let invoice = R.invoice("1200.00", due: "2026-01-15")
        let paid = [R.payment("1200.00", on: "2026-03-18")]
        let options = LateInterestOptions(formalNoticeDate: R.d("2026-02-01"), paymentImputation: .principalFirst)
        let line = R.claim(invoice, payments: paid, kind: .consumer, asOf: "2026-03-31", options: options)
        #expect(line.daysLate == 62, "the delay itself runs from the due date")
        #expect(R.segments(line) == ["2026-02-02…2026-03-18 2.62"])
        #expect(line.interest?.plainText == "3.88")
        #expect(line.indemnity?.plainText == "0.00")
        #expect(line.total.plainText == "3.88")
        // The creditor a private individual: 6.67 % → €9.87.
        var individual = options
        individual.creditorIsPrivateIndividual = true
        let higher = R.claim(
            invoice, payments: paid, kind: .consumer, asOf: "2026-03-31", options: individual)
        #expect(higher.interest?.plainText == "9.87")
    }

    @Test func ukExample() {
        // §10.1: £1,200 due 31/03/2025, 45 days; BoE 4.75 % on 31/12/2024 + 8 = 12.75 % → £18.86 + £70.
        let line = R.claim(R.invoice("1200.00", due: "2025-03-31", currency: .gbp), .uk, asOf: "2025-05-15")
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 12.75"])
        #expect(line.interest?.plainText == "18.86")
        #expect(line.indemnity?.plainText == "70.00")
        #expect(line.total.plainText == "1288.86")
        #expect(line.currency == .gbp)
    }

    @Test func germanExamples() {
        // §10.2: €1,200 in default from 01/04/2025, 45 days at 2.27 % + 9 = 11.27 % → €16.67, plus €40.
        let line = R.claim(R.invoice("1200.00", due: "2025-03-31"), .de, asOf: "2025-05-15")
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 11.27"])
        #expect(line.interest?.plainText == "16.67")
        #expect(line.indemnity?.plainText == "40.00")
        #expect(line.total.plainText == "1256.67")
        // S1 2026: 10.27 % → €15.19 for 45 days.
        let later = R.claim(R.invoice("1200.00", due: "2026-01-31"), .de, asOf: "2026-03-17")
        #expect(R.segments(later) == ["2026-02-01…2026-03-17 10.27"])
        #expect(later.interest?.plainText == "15.19")
    }
}
