import Foundation
import RelanceCore
import Testing

/// C. civ. 1343-1, the French default: a partial payment pays the interest accrued at its date first,
/// then the principal; interest then runs on the principal left, and interest left unpaid bears none
/// (1343-2). Figures worked by hand below; "…" marks the exact value kept until the one rounding.
@Suite struct LateInterestImputationTests {
    typealias R = LegalRulesRates
    let invoice = R.invoice("1200.00", due: "2025-03-31")

    @Test func aPartialPaymentPaysTheAccruedInterestBeforeThePrincipal() {
        // 1–15 April (15 days, the payment's day included) on 1,200 at 13.15 %:
        //   1200 × 13.15 × 15 / 36500 = 6.484931…
        // The 500 on 15 April pays 6.484931… of interest and 493.515068… of principal:
        //   principal left 1200 − 493.515068… = 706.484931…
        // 16 April–15 May (30 days) on 706.484931…: 706.484931… × 13.15 × 30 / 36500 = 7.635843…
        // Principal 706.48 + interest 7.64 + €40 = 754.12 (principal first: 700 + 14.05 + 40 = 754.05).
        let line = R.claim(invoice, payments: [R.payment("500.00", on: "2025-04-15")], asOf: "2025-05-15")
        #expect(line.imputation == .interestFirst, "the French default")
        #expect(line.principal.plainText == "706.48")
        #expect(line.interestPaid.plainText == "6.48")
        #expect(line.interest?.plainText == "7.64", "interest still due, accrued since the payment")
        #expect(line.indemnity?.plainText == "40.00")
        #expect(line.total.plainText == "754.12")
        #expect(line.daysLate == 45)
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 13.15"])
        let principalFirst = R.claim(
            invoice, payments: [R.payment("500.00", on: "2025-04-15")], asOf: "2025-05-15",
            options: LateInterestOptions(paymentImputation: .principalFirst))
        #expect(principalFirst.total.plainText == "754.05", "the option keeps the other order")
    }

    @Test func instalmentsThatAddUpToTheInvoiceLeaveThePrincipalTheInterestTook() {
        // 1–30 April on 1,200: 1200 × 13.15 × 30 / 36500 = 12.969863…
        // 600 on 30 April: 12.969863… to interest, 587.030136… to principal → 612.969863… left.
        // 1–15 May on 612.969863…: × 13.15 × 15 / 36500 = 3.312556…
        // 600 on 15 May: 3.312556… to interest, 596.687443… to principal → 16.282419… left.
        // 16 May–10 June (26 days) on 16.282419…: × 13.15 × 26 / 36500 = 0.152519…
        // Interest paid 12.969863… + 3.312556… = 16.282419…; principal 16.28 + 0.15 + €40 = 56.43.
        let paid = [R.payment("600.00", on: "2025-04-30"), R.payment("600.00", on: "2025-05-15")]
        let line = R.claim(invoice, payments: paid, asOf: "2025-06-10")
        #expect(line.principal.plainText == "16.28")
        #expect(line.interestPaid.plainText == "16.28")
        #expect(line.interest?.plainText == "0.15")
        #expect(line.total.plainText == "56.43")
        #expect(line.daysLate == 71, "not settled: the delay runs to the claim's date")
        #expect(R.segments(line) == ["2025-04-01…2025-06-10 13.15"])
    }

    @Test func twoPaymentsOnOneDayImputeLikeTheirSum() {
        // 300 then 200 on 15 April: the 300 pays the 6.484931… of interest and 293.515068… of principal,
        // the 200 finds no interest left and pays principal: the same 706.48 / 7.64 as one payment of 500.
        let paid = [R.payment("300.00", on: "2025-04-15"), R.payment("200.00", on: "2025-04-15")]
        let line = R.claim(invoice, payments: paid, asOf: "2025-05-15")
        #expect(line.principal.plainText == "706.48" && line.interest?.plainText == "7.64")
        #expect(line.interestPaid.plainText == "6.48" && line.total.plainText == "754.12")
    }

    @Test func interestLeftUnpaidBearsNoInterest() {
        // 1–15 April on 1,200: 6.484931…; the 5.00 of 15 April pays 5.00 of it, 1.484931… stays due
        // and the principal stays 1,200. 16 April–15 May on 1,200 (not 1,201.48…):
        //   1200 × 13.15 × 30 / 36500 = 12.969863…
        // Interest due 1.484931… + 12.969863… = 14.454794… → 14.45; total 1200 + 14.45 + 40 = 1254.45.
        // (Were the unpaid 1.48… compounded, 30 days on it would add 0.016… → 14.47.)
        let line = R.claim(invoice, payments: [R.payment("5.00", on: "2025-04-15")], asOf: "2025-05-15")
        #expect(line.principal.plainText == "1200.00")
        #expect(line.interestPaid.plainText == "5.00")
        #expect(line.interest?.plainText == "14.45")
        #expect(line.total.plainText == "1254.45")
    }

    @Test func paymentOfPrincipalAndInterestSettlesTheInvoice() {
        // 1–10 April on 1,200: 1200 × 13.15 × 10 / 36500 = 4.323287…; 1,204.33 on 10 April pays it and
        // 1,200.006712… ≥ 1,200 of principal: settled on 10 April, only the €40 is left.
        let line = R.claim(invoice, payments: [R.payment("1204.33", on: "2025-04-10")], asOf: "2025-05-15")
        #expect(line.principal.plainText == "0.00")
        #expect(line.interest?.plainText == "0.00")
        #expect(line.interestPaid.plainText == "4.32")
        #expect(line.daysLate == 10, "the delay ends with the payment that settles everything")
        #expect(R.segments(line) == ["2025-04-01…2025-04-10 13.15"])
        #expect(line.total.plainText == "40.00")
    }

    @Test func theNotesExample2PaidInFullStillOwesThePrincipalTheInterestTook() {
        // §2.4 ex. 2, due 15/06/2025, 1,200 paid on 30/07/2025: 18.468493… of interest accrued
        // (15 days at 13.15 % + 30 at 12.15 %). Interest first, the 1,200 pays it off and 1,181.531506…
        // of principal: 18.468493… of principal is left. On the payment's day the total is the note's
        // (18.47 + €40 = 58.47), split the other way; two days later 18.468493… × 12.15 × 2 / 36500 =
        // 0.012295… has run on it: 18.47 + 0.01 + 40 = 58.48.
        let invoice = R.invoice("1200.00", due: "2025-06-15")
        let paid = [R.payment("1200.00", on: "2025-07-30")]
        let onTheDay = R.claim(invoice, payments: paid, asOf: "2025-07-30")
        #expect(onTheDay.principal.plainText == "18.47")
        #expect(onTheDay.interestPaid.plainText == "18.47")
        #expect(onTheDay.interest?.plainText == "0.00")
        #expect(onTheDay.total.plainText == "58.47")
        let later = R.claim(invoice, payments: paid, asOf: "2025-08-01")
        #expect(later.interest?.plainText == "0.01")
        #expect(later.total.plainText == "58.48")
        #expect(later.daysLate == 47)
    }

    @Test func aPaymentBeforeTheDueDateFindsNoInterestAndReducesThePrincipal() {
        // 1000 × 13.15 × 45 / 36500 = 16.212328… — the same in both orders.
        let line = R.claim(invoice, payments: [R.payment("200.00", on: "2025-03-20")], asOf: "2025-05-15")
        #expect(line.principal.plainText == "1000.00")
        #expect(line.interestPaid.plainText == "0.00")
        #expect(line.interest?.plainText == "16.21")
    }

    @Test func aPaymentOverDaysWithNoKnownRateImputesOnlyTheKnownInterestAndSaysSo() throws {
        // Due 15/06/2026; 16–30 June at 12.15 %: 1200 × 12.15 × 15 / 36500 = 5.991780…; no rate for July.
        // The 500 of 15 July pays 5.991780… of interest (the known part) and 494.008219… of principal.
        let late = R.invoice("1200.00", due: "2026-06-15")
        let line = R.claim(late, payments: [R.payment("500.00", on: "2026-07-15")], asOf: "2026-07-30")
        #expect(line.interest == nil && line.interestUnknownReason != nil)
        #expect(line.principal.plainText == "705.99")
        #expect(line.interestPaid.plainText == "5.99")
        let warning = try #require(line.warnings.first { $0.contains("2026-07-15") })
        #expect(warning.contains("only the known interest was imputed"))
        #expect(line.total.plainText == "745.99", "the unknown interest is left out")
    }

    @Test func theDefaultDependsOnTheJurisdictionAndTheOptionOverridesIt() {
        let options = LateInterestOptions()
        #expect(options.imputation(for: .fr) == .interestFirst)
        #expect(options.imputation(for: .uk) == .principalFirst)
        #expect(options.imputation(for: .de) == .principalFirst)
        let chosen = LateInterestOptions(paymentImputation: .interestFirst)
        #expect(chosen.imputation(for: .de) == .interestFirst)
        let payment = [R.payment("500.00", on: "2025-04-15")]
        let german = R.claim(invoice, payments: payment, .de, asOf: "2025-05-15")
        #expect(german.imputation == .principalFirst && german.principal.plainText == "700.00")
        let germanInterestFirst = R.claim(invoice, payments: payment, .de, asOf: "2025-05-15", options: chosen)
        #expect(germanInterestFirst.principal.plainText != "700.00")
    }
}
