import Foundation
import RelanceCore
import Testing

/// Partial and late payments, principal first (`payment_imputation: principal-first`): the base is
/// what is unpaid day by day; the €40 is never reduced. Payments made on time are the same in both
/// orders and run on the default. Interest first (the French default): `LateInterestImputationTests`.
@Suite struct LateInterestPartialPaymentTests {
    typealias R = LegalRulesRates
    let invoice = R.invoice("1200.00", due: "2025-03-31")
    let principalFirst = LateInterestOptions(paymentImputation: .principalFirst)

    @Test func aPaymentMidDelayLowersTheBaseFromTheNextDay() {
        // 15 days (1–15 April, the payment day included) on 1,200, then 30 days on 700, at 13.15 %.
        let line = R.claim(
            invoice, payments: [R.payment("500.00", on: "2025-04-15")], asOf: "2025-05-15", options: principalFirst)
        #expect(line.imputation == .principalFirst && line.interestPaid.plainText == "0.00")
        #expect(line.principal.plainText == "700.00")
        #expect(line.daysLate == 45)
        #expect(line.interest?.plainText == "14.05", "(1200 × 15 + 700 × 30) × 13.15 % / 365 = 14.0507")
        #expect(line.indemnity?.plainText == "40.00", "not reduced by the partial payment")
        #expect(line.total.plainText == "754.05")
    }

    @Test func aPaymentBeforeTheDueDateIsNeverLate() {
        let line = R.claim(invoice, payments: [R.payment("200.00", on: "2025-03-20")], asOf: "2025-05-15")
        #expect(line.principal.plainText == "1000.00")
        #expect(line.interest?.plainText == "16.21", "1000 × 13.15 % × 45/365 = 16.2123")
        #expect(line.total.plainText == "1056.21")
    }

    @Test func anInvoicePaidLateInInstalmentsStillOwesInterestAndTheIndemnity() {
        let paid = [R.payment("600.00", on: "2025-04-30"), R.payment("600.00", on: "2025-05-15")]
        let line = R.claim(invoice, payments: paid, asOf: "2025-06-10", options: principalFirst)
        #expect(line.principal.plainText == "0.00")
        #expect(line.daysLate == 45, "the delay ends with the payment that settles the invoice")
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 13.15"])
        #expect(line.interest?.plainText == "16.21", "(1200 × 30 + 600 × 15) × 13.15 % / 365 = 16.2123")
        #expect(line.total.plainText == "56.21")
        #expect(line.isClaimable)
    }

    @Test func anInvoicePaidInFullOnTimeOwesNothing() {
        let line = R.claim(invoice, payments: [R.payment("1200.00", on: "2025-03-31")], asOf: "2025-05-15")
        #expect(line.daysLate == 0 && line.rates.isEmpty)
        #expect(line.interest?.plainText == "0.00" && line.indemnity?.plainText == "0.00")
        #expect(!line.isClaimable)
    }

    @Test func paymentsAfterTheClaimDateOrForAnotherInvoiceAreIgnored() {
        let paid = [
            R.payment("1200.00", on: "2025-06-01"), R.payment("1200.00", on: "2025-04-01", invoice: "F-2"),
        ]
        let line = R.claim(invoice, payments: paid, asOf: "2025-05-15")
        #expect(line.principal.plainText == "1200.00")
        #expect(line.interest?.plainText == "19.45")
    }

    @Test func severalPaymentsOnTheSameDayCountTogether() {
        let paid = [R.payment("300.00", on: "2025-04-15"), R.payment("200.00", on: "2025-04-15")]
        let line = R.claim(invoice, payments: paid, asOf: "2025-05-15", options: principalFirst)
        #expect(line.interest?.plainText == "14.05")
    }

    @Test func anOverpaymentSettlesTheInvoiceWithoutANegativeBase() {
        let line = R.claim(
            invoice, payments: [R.payment("1500.00", on: "2025-04-10")], asOf: "2025-05-15", options: principalFirst)
        #expect(line.principal.plainText == "0.00")
        #expect(line.daysLate == 10)
        #expect(line.interest?.plainText == "4.32", "1200 × 13.15 % × 10/365 = 4.3233")
    }

    @Test func notYetDueMeansNothingLate() {
        let line = R.claim(invoice, asOf: "2025-03-31")
        #expect(line.daysLate == 0)
        #expect(line.total.plainText == "1200.00")
        #expect(line.indemnity?.plainText == "0.00")
    }
}
