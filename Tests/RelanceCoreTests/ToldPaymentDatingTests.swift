import Foundation
import RelanceCore
import Testing

/// A payment told with `relance pay` is dated in a claim on the day the funds arrived: interest runs on
/// it until then. What the ledger showed (its `paid` has no date) stays on the due date.
@Suite struct ToldPaymentDatingTests {
    typealias R = LegalRulesRates
    let invoice = R.invoice("1200.00", due: "2025-03-31")

    func told(_ baseline: String, _ payments: [(String, String)]) -> ToldPayments {
        ToldPayments(
            baseline: Fixtures.money(baseline),
            payments: payments.map { R.payment($0.0, on: $0.1) })
    }

    func summary(_ payments: [Payment]) -> [String] {
        payments.map { "\($0.amount.plainText)@\($0.date)" }
    }

    @Test func eachToldPaymentIsOnItsDayAndTheLedgersPaidOnTheDueDate() {
        let payments = told("200.00", [("500.00", "2025-04-15"), ("100.00", "2025-04-20")])
        #expect(payments.total.plainText == "800.00")
        let dated = payments.datedPayments(invoice: "F-1", paid: Fixtures.money("800.00"), due: Fixtures.date("2025-03-31"))
        #expect(summary(dated) == ["200.00@2025-03-31", "500.00@2025-04-15", "100.00@2025-04-20"])
    }

    @Test func whatTheLedgerShowsBeyondTheToldPaymentsIsOnTheDueDate() {
        // The export caught up and shows 300 more than was told: that 300 has no date.
        let dated = told("0.00", [("500.00", "2025-04-15")])
            .datedPayments(invoice: "F-1", paid: Fixtures.money("800.00"), due: Fixtures.date("2025-03-31"))
        #expect(summary(dated) == ["300.00@2025-03-31", "500.00@2025-04-15"])
    }

    @Test func paidBelowTheToldTotalIsNotTheseAndStaysOnTheDueDate() {
        // The cycle never counts less than the told total; a caller that does has other figures.
        let dated = told("0.00", [("500.00", "2025-04-15")])
            .datedPayments(invoice: "F-1", paid: Fixtures.money("400.00"), due: Fixtures.date("2025-03-31"))
        #expect(summary(dated) == ["400.00@2025-03-31"])
    }

    @Test func theClaimRunsInterestOnTheToldPaymentUntilItsDay() {
        // 1,200 due 31 March 2025, 500 told as received 15 April: 15 days on 1,200, then 30 on 700
        // (LateInterestPartialPaymentTests' first case). Dated on the due date, it would be 45 days on 700.
        let dated = told("0.00", [("500.00", "2025-04-15")])
            .datedPayments(invoice: "F-1", paid: Fixtures.money("500.00"), due: invoice.due)
        let options = LateInterestOptions(paymentImputation: .principalFirst)
        let line = R.claim(invoice, payments: dated, asOf: "2025-05-15", options: options)
        #expect(line.principal.plainText == "700.00")
        #expect(line.interest?.plainText == "14.05", "(1200 × 15 + 700 × 30) × 13.15 % / 365 = 14.0507")
        let undated = R.claim(invoice, payments: [R.payment("500.00", on: "2025-03-31")], asOf: "2025-05-15", options: options)
        #expect(undated.interest?.plainText == "11.35", "700 × 45 × 13.15 % / 365 = 11.3486: what was claimed before")
    }

    @Test func aClaimBeforeTheToldDayDoesNotCountIt() {
        let dated = told("0.00", [("500.00", "2025-04-15")])
            .datedPayments(invoice: "F-1", paid: Fixtures.money("500.00"), due: invoice.due)
        let line = R.claim(invoice, payments: dated, asOf: "2025-04-10")
        #expect(line.principal.plainText == "1200.00")
    }

    @Test func aPaymentsFileGetsTheToldPaymentsItDoesNotShowLatestFirst() {
        let payments = told("0.00", [("300.00", "2025-04-10"), ("200.00", "2025-04-20")])
        // The file shows the first told payment (exported since), not the second.
        let file = [R.payment("300.00", on: "2025-04-10")]
        let completed = payments.completing(file, invoice: "F-1", paid: Fixtures.money("500.00"))
        #expect(summary(completed.payments) == ["300.00@2025-04-10", "200.00@2025-04-20"])
        #expect(completed.added.plainText == "200.00")
    }

    @Test func aPaymentsFileThatShowsEverythingToldIsLeftAsItIs() {
        let payments = told("0.00", [("300.00", "2025-04-10")])
        let file = [R.payment("300.00", on: "2025-04-09"), R.payment("100.00", on: "2025-04-30")]
        let completed = payments.completing(file, invoice: "F-1", paid: Fixtures.money("400.00"))
        #expect(summary(completed.payments) == ["300.00@2025-04-09", "100.00@2025-04-30"])
        #expect(!completed.added.isPositive)
    }

    @Test func aPaymentsFileIsCompletedOnlyUpToWhatTheToldPaymentsAccountFor() {
        // The ledger shows 900 paid, the told payments 500, the file 0: 500 is added on its days; the
        // other 400 is the ledger's mismatch with the file, left to the caller's warning.
        let payments = told("0.00", [("200.00", "2025-04-10"), ("300.00", "2025-04-20")])
        let completed = payments.completing([], invoice: "F-1", paid: Fixtures.money("900.00"))
        #expect(summary(completed.payments) == ["200.00@2025-04-10", "300.00@2025-04-20"])
        #expect(completed.added.plainText == "500.00")
        // A file short of part of one told payment gets that part, on its day.
        let partial = payments.completing([R.payment("400.00", on: "2025-04-20")], invoice: "F-1", paid: Fixtures.money("500.00"))
        #expect(summary(partial.payments) == ["400.00@2025-04-20", "100.00@2025-04-20"])
    }

    @Test func anotherCurrencyIsNeverMixed() {
        let payments = told("0.00", [("300.00", "2025-04-10")])
        let pounds = Money(decimal: "300.00", currency: Currency(code: "GBP")!)!
        let dated = payments.datedPayments(invoice: "F-1", paid: pounds, due: invoice.due)
        #expect(dated.map(\.amount) == [pounds] && dated.map(\.date) == [invoice.due])
        #expect(payments.completing([], invoice: "F-1", paid: pounds).payments.isEmpty)
    }
}
