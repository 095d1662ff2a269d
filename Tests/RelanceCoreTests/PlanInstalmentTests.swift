import Foundation
import RelanceCore
import Testing

/// A payment plan counts its instalments from what was paid when it was agreed: each one the payments
/// reach is paid, the first one past its date and grace without them is missed.
@Suite struct PlanInstalmentTests {
    func day(_ s: String) -> LocalDate { Fixtures.date(s) }
    func ledger(paid: String) -> [String: Invoice] {
        ["F1": Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00", paid: paid)]
    }
    /// Agreed when 100.00 was already paid: three instalments of 300.00.
    var plan: Hold {
        Hold(id: 7, scope: .invoice("F1"), kind: .plan(
            instalments: [Instalment(date: day("2026-11-10"), amount: Fixtures.money("300.00")),
                          Instalment(date: day("2026-12-10"), amount: Fixtures.money("300.00")),
                          Instalment(date: day("2027-01-10"), amount: Fixtures.money("300.00"))],
            graceDays: 2, paidAtStart: Fixtures.money("100.00")))
    }

    @Test func eachInstalmentThePaymentsReachIsCovered() {
        #expect(HoldReview.instalmentsCovered(by: plan, invoices: ledger(paid: "100.00")) == 0, "the paid amount at the start does not count")
        #expect(HoldReview.instalmentsCovered(by: plan, invoices: ledger(paid: "399.99")) == 0)
        #expect(HoldReview.instalmentsCovered(by: plan, invoices: ledger(paid: "400.00")) == 1)
        #expect(HoldReview.instalmentsCovered(by: plan, invoices: ledger(paid: "1000.00")) == 3, "paid ahead, in full: every instalment")
    }

    @Test func theFirstUncoveredInstalmentPastItsGraceIsMissed() {
        #expect(HoldReview.missedInstalment(of: plan, invoices: ledger(paid: "100.00"), today: day("2026-11-12")) == nil, "within grace")
        let missed = HoldReview.missedInstalment(of: plan, invoices: ledger(paid: "100.00"), today: day("2026-11-13"))
        #expect(missed?.index == 0 && missed?.instalment.date == day("2026-11-10"))
        let second = HoldReview.missedInstalment(of: plan, invoices: ledger(paid: "400.00"), today: day("2026-12-13"))
        #expect(second?.index == 1 && second?.instalment.amount == Fixtures.money("300.00"))
        #expect(HoldReview.ending(of: plan, invoices: ledger(paid: "400.00"), today: day("2026-12-13")) == .instalmentMissed)
        #expect(HoldReview.ending(of: plan, invoices: ledger(paid: "700.00"), today: day("2026-12-13")) == nil)
    }

    @Test func theMissedInstalmentIsNamedInTheTask() {
        let missed = Instalment(date: day("2026-12-10"), amount: Fixtures.money("300.00"))
        let summary = HoldReview.taskSummary(.instalmentMissed, hold: plan, missed: missed)
        #expect(summary.contains("300.00 EUR due 2026-12-10"), "\(summary)")
    }

    @Test func otherHoldsHaveNoInstalments() {
        let pause = Hold(id: 8, scope: .invoice("F1"), kind: .pause(until: day("2026-12-01"), reason: "leave"))
        #expect(HoldReview.instalmentsCovered(by: pause, invoices: ledger(paid: "1000.00")) == 0)
        #expect(HoldReview.missedInstalment(of: pause, invoices: ledger(paid: "0"), today: day("2027-06-01")) == nil)
    }
}
