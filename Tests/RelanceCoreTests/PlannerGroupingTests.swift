import Foundation
import RelanceCore
import Testing

/// One message per client per cycle, under the highest step, listing every open overdue invoice; a formal
/// notice and a courtesy (before the due date) list only their own invoices.
@Suite struct PlannerGroupingTests {
    let planner = Fixtures.planner(clients: [Fixtures.client("C1"), Fixtures.client("C2")])
    let now = Fixtures.paris("2026-11-16 10:00")  // a Monday

    @Test func groupsAClientsInvoicesUnderTheHighestStep() {
        let state = PlannerState(
            reached: ["F2": ReachedStep(stepName: "first", offsetDays: 1, at: .distantPast),
                      "F4": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)],
            clients: [:])
        let invoices = [
            Fixtures.invoice("F1", due: "2026-11-15"),  // first (day 1)
            Fixtures.invoice("F2", due: "2026-11-07"),  // second (day 9)
            Fixtures.invoice("F3", due: "2026-11-19"),  // courtesy (due − 3)
            Fixtures.invoice("F4", due: "2026-11-06", amount: "100.00"),  // already at second, listed only
            Fixtures.invoice("F5", due: "2026-12-20"),  // not yet anything, not listed
            Fixtures.invoice("G1", client: "C2", due: "2026-11-15"),
        ]
        let plan = planner.plan(invoices: invoices, state: state, now: now)
        #expect(plan.messages.count == 2)
        let c1 = plan.messages.first { $0.clientID == "C1" }!
        #expect(c1.step.name == "second")
        #expect(c1.template == "second-reminder")
        #expect(c1.advances.map(\.invoice) == ["F1", "F2", "F3"])
        #expect(c1.lines.map(\.invoice.number) == ["F4", "F2", "F1", "F3"])
        #expect(c1.isDue)
        let c2 = plan.messages.first { $0.clientID == "C2" }!
        #expect(c2.step.name == "first" && c2.lines.map(\.invoice.number) == ["G1"])
    }

    @Test func respectsTheMinimumGapBetweenMessages() {
        let invoices = [Fixtures.invoice("F1", due: "2026-11-15")]
        // Last message Thursday 12 Nov: 5 days → Tuesday 17 Nov, window opens 09:00.
        let state = PlannerState(reached: [:], clients: ["C1": ClientContact(lastMessageAt: Fixtures.paris("2026-11-12 15:00"), hasPendingMessage: false)])
        let plan = planner.plan(invoices: invoices, state: state, now: now)
        #expect(plan.messages.first?.waitReason == "min_gap")
        #expect(plan.messages.first?.sendAt == Fixtures.paris("2026-11-17 09:00"))
        // A message six days ago does not hold anything back.
        let older = PlannerState(reached: [:], clients: ["C1": ClientContact(lastMessageAt: Fixtures.paris("2026-11-10 15:00"), hasPendingMessage: false)])
        #expect(planner.plan(invoices: invoices, state: older, now: now).messages.first?.isDue == true)
    }

    @Test func waitsWhileAnEarlierMessageIsStillBeingDelivered() {
        let state = PlannerState(reached: [:], clients: ["C1": ClientContact(lastMessageAt: nil, hasPendingMessage: true)])
        let plan = planner.plan(invoices: [Fixtures.invoice("F1", due: "2026-11-15")], state: state, now: now)
        #expect(plan.messages.isEmpty)
        #expect(plan.blockedClients == ["C1"])
    }

    @Test func callStepsOpenTasksInsteadOfEmails() {
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)], clients: [:])
        let plan = planner.plan(invoices: [Fixtures.invoice("F1", due: "2026-11-01")], state: state, now: now)
        #expect(plan.messages.isEmpty)
        #expect(plan.tasks.map(\.action) == [.call])
        #expect(plan.tasks.first?.summary.contains("F1") == true)
    }

    @Test func aFormalNoticeIsAboutItsOwnInvoicesOnly() {
        var state = PlannerState(
            reached: ["N1": ReachedStep(stepName: "call", offsetDays: 15, at: .distantPast),
                      "N3": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)],
            clients: [:])
        state.approved = [PlannerState.approvalKey(invoice: "N1", step: "notice")]
        let invoices = [
            Fixtures.invoice("N1", due: "2026-10-15"),  // notice (day 32)
            Fixtures.invoice("N2", due: "2026-11-15"),  // first (day 1)
            Fixtures.invoice("N3", due: "2026-11-01"),  // call (day 15): a task
        ]
        let plan = planner.plan(invoices: invoices, state: state, now: now)
        let message = try! #require(plan.messages.first)
        #expect(plan.messages.count == 1 && message.template == "formal-notice")
        #expect(message.advances.map(\.invoice) == ["N1"])
        #expect(message.lines.map(\.invoice.number) == ["N1"], "neither N3, at its call, nor N2, at its first reminder")
        #expect(message.tasks.map(\.invoice) == ["N1"])
        #expect(plan.tasks.map(\.invoice) == ["N3"] && plan.advances.map(\.invoice) == ["N3"])
        // N2's first reminder is not applied: the next message takes it, still at its step.
        var next = PlannerState(
            reached: state.reached.merging(["N1": ReachedStep(stepName: "notice", offsetDays: 30, at: now)]) { $1 },
            clients: ["C1": ClientContact(lastMessageAt: now, hasPendingMessage: false)])
        next.approved = state.approved
        let later = planner.plan(invoices: invoices, state: next, now: Fixtures.paris("2026-11-21 10:00"))
        #expect(later.messages.first?.advances.map(\.invoice) == ["N2"] && later.messages.first?.step.name == "first")
    }

    @Test func aCourtesyBeforeTheDueDateDoesNotListOverdueInvoices() {
        let state = PlannerState(
            reached: ["O1": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)], clients: [:])
        let invoices = [
            Fixtures.invoice("O1", due: "2026-11-05"),  // overdue, at its second reminder already
            Fixtures.invoice("P1", due: "2026-11-19"),  // courtesy (due − 3)
        ]
        let message = planner.plan(invoices: invoices, state: state, now: now).messages.first
        #expect(message?.step.name == "courtesy")
        #expect(message?.lines.map(\.invoice.number) == ["P1"])
    }
}
