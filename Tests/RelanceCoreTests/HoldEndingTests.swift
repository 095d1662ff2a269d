import Foundation
import RelanceCore
import Testing

/// Promises, plans, disputes and pauses stop the ladder for a while and end by themselves.
@Suite struct HoldEndingTests {
    let open = Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00")
    func invoices(_ list: Invoice...) -> [String: Invoice] { Dictionary(uniqueKeysWithValues: list.map { ($0.number, $0) }) }
    func day(_ s: String) -> LocalDate { Fixtures.date(s) }

    @Test func aPromiseHoldsUntilItsDatePlusGrace() {
        let hold = Hold(id: 1, scope: .invoice("F1"), kind: .promise(amount: Fixtures.money("1000.00"), date: day("2026-11-20"), graceDays: 3))
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-11-23")) == nil)
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-11-24")) == .promiseBroken)
        #expect(HoldEnding.promiseBroken.needsTask)
        #expect(HoldReview.taskSummary(.promiseBroken, hold: hold).hasPrefix("promise broken: 1000.00 EUR promised for 2026-11-20"))
    }

    @Test func aKeptPromiseEndsAsKept() {
        let hold = Hold(id: 1, scope: .invoice("F1"), kind: .promise(amount: Fixtures.money("1000.00"), date: day("2026-11-20"), graceDays: 3))
        let paid = Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00", paid: "1000.00")
        #expect(HoldReview.ending(of: hold, invoices: invoices(paid), today: day("2026-11-10")) == .kept)
        #expect(!HoldEnding.kept.needsTask)
    }

    @Test func aPromiseForPartOfTheBalanceIsKeptWhenThatAmountArrives() {
        // 1000.00 due, 100.00 paid when the client promised 400.00 by the 20th.
        let hold = Hold(id: 1, scope: .invoice("F1"), kind: .promise(
            amount: Fixtures.money("400.00"), date: day("2026-11-20"), graceDays: 3, paidAtStart: Fixtures.money("100.00")))
        let some = Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00", paid: "300.00")
        let promised = Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00", paid: "500.00")
        #expect(HoldReview.ending(of: hold, invoices: invoices(some), today: day("2026-11-19")) == nil, "200 of 400 so far")
        #expect(HoldReview.ending(of: hold, invoices: invoices(some), today: day("2026-11-24")) == .promiseBroken)
        #expect(HoldReview.ending(of: hold, invoices: invoices(promised), today: day("2026-11-19")) == .kept)
        #expect(HoldReview.ending(of: hold, invoices: invoices(promised), today: day("2026-11-30")) == .kept, "not broken")
    }

    @Test func aMissedPlanInstalmentEndsThePlan() {
        let hold = Hold(id: 2, scope: .invoice("F1"), kind: .plan(
            instalments: [Instalment(date: day("2026-11-10"), amount: Fixtures.money("500.00")),
                          Instalment(date: day("2026-12-10"), amount: Fixtures.money("500.00"))],
            graceDays: 2, paidAtStart: Fixtures.money("0")))
        let firstPaid = Fixtures.invoice("F1", due: "2026-10-01", amount: "1000.00", paid: "500.00")
        #expect(HoldReview.ending(of: hold, invoices: invoices(firstPaid), today: day("2026-11-20")) == nil)
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-11-12")) == nil, "within grace")
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-11-13")) == .instalmentMissed)
        #expect(HoldReview.ending(of: hold, invoices: invoices(firstPaid), today: day("2026-12-13")) == .instalmentMissed)
    }

    @Test func aDisputeAsksForADecisionOnItsReviewDate() {
        let hold = Hold(id: 3, scope: .invoice("F1"), kind: .dispute(reason: "damaged goods", review: day("2026-12-01")))
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-11-30")) == nil)
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-12-01")) == .reviewDue)
    }

    @Test func aPauseExpiresAfterItsLastDay() {
        let hold = Hold(id: 4, scope: .client("C1"), kind: .pause(until: day("2026-12-01"), reason: "owner on leave"))
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-12-01")) == nil)
        #expect(HoldReview.ending(of: hold, invoices: invoices(open), today: day("2026-12-02")) == .expired)
        #expect(!HoldEnding.expired.needsTask)
    }

    @Test func aDisputeStopsOnlyTheDisputedInvoice() {
        let planner = Fixtures.planner()
        let other = Fixtures.invoice("F2", due: "2026-11-15")
        let hold = Hold(id: 3, scope: .invoice("F1"), kind: .dispute(reason: "damaged", review: Fixtures.date("2026-12-15")))
        let plan = planner.plan(invoices: [open, other], state: PlannerState(reached: [:], clients: [:], holds: [hold]),
            now: Fixtures.paris("2026-11-16 10:00"))
        #expect(plan.heldInvoices == ["F1"])
        #expect(plan.messages.first?.lines.map(\.invoice.number) == ["F2"], "the disputed invoice is not even listed")
    }

    /// A promise on an invoice that had reached no rung, broken after its due date: the next rung is the
    /// first reminder, not the courtesy sent before a due date (which names a day already past).
    @Test func aHoldEndedAfterTheDueDateDoesNotResumeWithTheCourtesy() {
        let planner = Fixtures.planner()
        let state = PlannerState(reached: [:], clients: [:], resumeAtNext: ["F1"])
        let plan = planner.plan(invoices: [open], state: state, now: Fixtures.paris("2026-10-06 10:00"))
        #expect(plan.messages.first?.step.name == "first", "\(plan.messages.map(\.step.name))")
        // Before its due date the courtesy is still the next rung.
        let early = planner.plan(invoices: [open], state: state, now: Fixtures.paris("2026-09-29 10:00"))
        #expect(early.messages.first?.step.name == "courtesy", "\(early.messages.map(\.step.name))")
    }

    @Test func aBrokenPromiseResumesAtTheNextStepNotTheLast() {
        let planner = Fixtures.planner()
        // Reached `first`; by the dates `call` (15) is due, but the ladder resumes one rung up: `second`.
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "first", offsetDays: 1, at: .distantPast)], clients: [:],
            resumeAtNext: ["F1"])
        let plan = planner.plan(invoices: [open], state: state, now: Fixtures.paris("2026-10-20 10:00"))
        #expect(plan.messages.first?.step.name == "second")
        #expect(plan.advances.isEmpty)
    }
}

@Suite struct InsolventClientTests {
    @Test func anInsolventClientIsNeverChased() {
        var client = Fixtures.client("C1")
        client.insolvent = true
        let plan = Fixtures.planner(clients: [client]).plan(
            invoices: [Fixtures.invoice("F1", due: "2026-10-01")], state: Fixtures.empty, now: Fixtures.paris("2026-11-16 10:00"))
        #expect(plan.messages.isEmpty && plan.advances.isEmpty && plan.approvalsNeeded.isEmpty)
        #expect(plan.heldInvoices == ["F1"])
    }
}

/// A task names the law of the creditor's jurisdiction: a UK or German creditor's operator is not told to
/// send a mise en demeure or to file an injonction de payer.
@Suite struct TaskWordingTests {
    @Test func tasksNameTheCreditorsOwnProcedure() {
        let client = Fixtures.client("C1")
        let fr = ReminderPlanner.taskAction(.legal, client: client, jurisdiction: .fr)
        #expect(fr.contains("injonction de payer"))
        let uk = [StepAction.formalNotice, .legal].map { ReminderPlanner.taskAction($0, client: client, jurisdiction: .uk) }
        #expect(uk[0].contains("letter before claim") && uk[1].contains("county court claim"), "\(uk)")
        let de = [StepAction.formalNotice, .legal].map { ReminderPlanner.taskAction($0, client: client, jurisdiction: .de) }
        #expect(de[0].contains("Mahnung") && de[1].contains("gerichtliches Mahnverfahren"), "\(de)")
        for text in uk + de { #expect(!text.contains("mise en demeure") && !text.contains("injonction"), "\(text)") }
    }
}
