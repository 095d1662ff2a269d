import Foundation
import RelanceCore
import Testing

/// UK Late Payment of Commercial Debts (Interest) Act 1998: BoE base + 8 %, fixed; £40/£70/£100.
@Suite struct UKLatePaymentTests {
    typealias R = LegalRulesRates

    func claim(
        _ amount: String, due: String, asOf: String, payments: [R.PaymentSpec] = [],
        kind: ClientKind = .business
    )
        -> ClaimLine
    {
        R.claim(
            R.invoice(amount, due: due, currency: .gbp),
            payments: payments.map { R.payment($0.amount, on: $0.date, currency: .gbp) }, kind: kind, .uk,
            asOf: asOf)
    }

    @Test(arguments: [
        ("999.99", "40.00"), ("1000.00", "70.00"), ("9999.99", "70.00"), ("10000.00", "100.00"),
        ("250000.00", "100.00"),
    ])
    func compensationBands(amount: String, compensation: String) {
        #expect(claim(amount, due: "2025-03-31", asOf: "2025-04-30").indemnity?.plainText == compensation)
    }

    @Test func theBandIsTheAmountThatFellLate() {
        let line = claim(
            "1200.00", due: "2025-03-31", asOf: "2025-04-30", payments: [.init("300.00", "2025-03-15")])
        #expect(line.indemnity?.plainText == "40.00", "£900 was late")
    }

    @Test func interestStartingInJulyUsesTheRateOn30June() {
        // BoE 4.25 % on 30/06/2025 + 8 = 12.25 %; 45 days from 11/07/2025.
        let line = claim("1200.00", due: "2025-07-10", asOf: "2025-08-24")
        #expect(R.segments(line) == ["2025-07-11…2025-08-24 12.25"])
        #expect(line.interest?.plainText == "18.12")
    }

    @Test func theRateIsFixedForTheDebtAcross1January() {
        let line = claim("1200.00", due: "2025-12-15", asOf: "2026-01-29")
        #expect(R.segments(line) == ["2025-12-16…2026-01-29 12.25"], "never split, whatever the rate mode")
        #expect(line.interest?.plainText == "18.12")
    }

    @Test func h1And2024ReferenceRates() {
        #expect(
            R.segments(claim("1200.00", due: "2024-03-31", asOf: "2024-04-30")) == [
                "2024-04-01…2024-04-30 13.25"
            ])
        #expect(
            R.segments(claim("1200.00", due: "2024-08-31", asOf: "2024-09-30")) == [
                "2024-09-01…2024-09-30 13.25"
            ])
        #expect(
            R.segments(claim("1200.00", due: "2026-01-31", asOf: "2026-03-02")) == [
                "2026-02-01…2026-03-02 11.75"
            ])
    }

    @Test func anUnknownReferenceRateLeavesInterestUnknownButTheCompensationDue() {
        let line = claim("1200.00", due: "2026-07-15", asOf: "2026-08-14")
        #expect(line.interest == nil)
        #expect(line.interestUnknownReason?.contains("2026-06-30") == true)
        #expect(R.segments(line) == ["2026-07-16…2026-08-14 ?"])
        #expect(line.indemnity?.plainText == "70.00")
        #expect(line.total.plainText == "1270.00" && !line.isComplete)
    }

    @Test func aConsumerDebtIsOutsideTheAct() {
        let line = claim("1200.00", due: "2025-03-31", asOf: "2025-05-15", kind: .consumer)
        #expect(line.interest?.plainText == "0.00" && line.indemnity?.plainText == "0.00")
        #expect(line.total.plainText == "1200.00")
        #expect(line.warnings.first?.contains("business debts only") == true)
    }

    @Test func aEuroInvoiceGetsNoUnconvertedCompensation() {
        let line = R.claim(R.invoice("1200.00", due: "2025-03-31"), .uk, asOf: "2025-05-15")
        #expect(line.interest?.plainText == "18.86")
        #expect(line.indemnity == nil)
        #expect(line.total.plainText == "1218.86")
        #expect(line.warnings.contains { $0.contains("not converted") })
    }
}

extension LegalRulesRates {
    /// A payment written as amount and date.
    struct PaymentSpec {
        var amount: String
        var date: String
        init(_ amount: String, _ date: String) {
            self.amount = amount
            self.date = date
        }
    }
}
