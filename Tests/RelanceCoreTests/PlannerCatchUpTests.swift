import Foundation
import RelanceCore
import Testing

/// After downtime relance jumps to the step now due; skipped steps are recorded, never sent late.
@Suite struct PlannerCatchUpTests {
    let planner = Fixtures.planner()

    @Test func aTwentyDayOutageJumpsToTheCallStep() {
        // Due 2026-10-01, courtesy sent; relance was down from 10-02 to 10-21 (day 20 after due).
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "courtesy", offsetDays: -3, at: .distantPast)], clients: [:])
        let plan = planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-10-21 10:00"))
        #expect(plan.messages.isEmpty, "first and second reminders are not sent late")
        #expect(plan.advances == [StepAdvance(invoice: "F1", clientID: "C1", stepName: "call", offsetDays: 15, action: .call, skipped: ["first", "second"])])
        #expect(plan.tasks.count == 1)
        #expect(plan.tasks.first?.action == .call)
    }

    /// Every step the plan moves `F1` to: messages, approvals asked, tasks.
    func stepsPlanned(_ plan: Plan) -> [StepAdvance] {
        plan.messages.flatMap(\.advances) + plan.approvalsNeeded + plan.advances
    }

    @Test func aCallDoneAfterTheLegalDayLeadsToTheNoticeNotTheHandOver() {
        // Due 2026-10-30; its call task (a gate) was done on 2026-12-16, past the notice (11-29) and legal
        // (12-14) days: the legal hand-over stands on a mise en demeure, which must come first.
        let invoice = Fixtures.invoice("F1", due: "2026-10-30")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "call", offsetDays: 15, at: .distantPast)], clients: [:])
        let planned = stepsPlanned(planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-12-16 10:00")))
        #expect(planned.map(\.stepName) == ["notice"])
        #expect(planned.first?.skipped == [])
    }

    @Test func anInvoiceFirstSeenPastItsLegalDayStartsWithTheNotice() {
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let planned = stepsPlanned(planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-11-20 10:00")))
        #expect(planned.map(\.stepName) == ["notice"])
        #expect(planned.first?.skipped == ["courtesy", "first", "second", "call"])
        // Once the notice is reached, the dates rule again: the hand-over is due.
        let noticed = PlannerState(reached: ["F1": ReachedStep(stepName: "notice", offsetDays: 30, at: .distantPast)], clients: [:])
        let next = stepsPlanned(planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-11-20 10:00")))
        #expect(next.map(\.stepName) == ["legal"])
    }

    @Test func theHandOverWaitsForTheTimeToPayTheNoticeGave() {
        // Due 2026-10-01 (legal day 2026-11-15); its mise en demeure went on Friday 2026-11-20: a business has
        // 8 days, to Saturday the 28th, so to Monday the 30th. The hand-over comes on 1 December, not before.
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let noticed = PlannerState(
            reached: ["F1": ReachedStep(stepName: "notice", offsetDays: 30, at: Fixtures.paris("2026-11-20 10:00"))], clients: [:])
        let waiting = planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-11-30 10:00"))
        #expect(stepsPlanned(waiting).isEmpty)
        #expect(waiting.nextThresholdAt == Fixtures.paris("2026-12-01 00:00"))
        let due = planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-01 10:00"))
        #expect(stepsPlanned(due).map(\.stepName) == ["legal"])
        // A consumer has 15 days: to Saturday 5 December, so Monday the 7th.
        var consumer = Fixtures.client("C1")
        consumer.kind = .consumer
        let consumers = Fixtures.planner(clients: [consumer])
        #expect(stepsPlanned(consumers.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-07 10:00"))).isEmpty)
        #expect(stepsPlanned(consumers.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-08 10:00")))
            .map(\.stepName) == ["legal"])
    }

    @Test func theHandOverWaitsForTheRegisteredLettersTimeToPayWhenItsReceiptIsLater() {
        // Emailed Friday 2026-11-20 (8 days: to Monday the 30th), the registered letter received on
        // Thursday 26 November: its 8 days run to Friday 4 December. The hand-over comes on the 5th… a
        // Saturday, which the planner may plan (tasks are not sent): not before.
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        var noticed = PlannerState(
            reached: ["F1": ReachedStep(stepName: "notice", offsetDays: 30, at: Fixtures.paris("2026-11-20 10:00"))], clients: [:])
        noticed.noticeReceived = ["F1": Fixtures.date("2026-11-26")]
        #expect(stepsPlanned(planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-01 10:00"))).isEmpty)
        let waiting = planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-04 10:00"))
        #expect(stepsPlanned(waiting).isEmpty)
        #expect(waiting.nextThresholdAt == Fixtures.paris("2026-12-05 00:00"))
        #expect(stepsPlanned(planner.plan(invoices: [invoice], state: noticed, now: Fixtures.paris("2026-12-05 10:00")))
            .map(\.stepName) == ["legal"])
    }

    @Test func catchUpToAnEmailStepSendsOnlyTheHighest() {
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let plan = planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-10-12 10:00"))
        #expect(plan.messages.count == 1)
        #expect(plan.messages[0].step.name == "second")
        #expect(plan.messages[0].advances[0].skipped == ["courtesy", "first"])
    }

    @Test func nothingNewOnceTheStepIsReached() {
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)], clients: [:])
        let plan = planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-10-12 10:00"))
        #expect(plan.messages.isEmpty && plan.advances.isEmpty)
    }

    @Test func aRenamedStepKeepsItsPlaceByOffset() {
        let invoice = Fixtures.invoice("F1", due: "2026-10-01")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "old-second", offsetDays: 8, at: .distantPast)], clients: [:])
        let plan = planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-10-12 10:00"))
        #expect(plan.messages.isEmpty)
    }

    @Test func settledAndVanishedInvoicesAreNeverReminded() {
        let paid = Fixtures.invoice("F1", due: "2026-10-01", amount: "500.00", paid: "500.00")
        let plan = planner.plan(invoices: [paid], state: Fixtures.empty, now: Fixtures.paris("2026-10-12 10:00"))
        #expect(plan.messages.isEmpty && plan.advances.isEmpty)
        // An invoice absent from the ledger is simply not in the list: nothing for it either.
        #expect(planner.plan(invoices: [], state: Fixtures.empty, now: Fixtures.paris("2026-10-12 10:00")).messages.isEmpty)
    }

    @Test func aPartialPaymentReducesWhatIsListed() {
        let partial = Fixtures.invoice("F1", due: "2026-10-01", amount: "1200.00", paid: "450.00")
        let plan = planner.plan(invoices: [partial], state: Fixtures.empty, now: Fixtures.paris("2026-10-02 10:00"))
        #expect(plan.messages.first?.lines.first?.invoice.outstanding.plainText == "750.00")
        #expect(plan.messages.first?.lines.first?.daysLate == 1)
    }
}
