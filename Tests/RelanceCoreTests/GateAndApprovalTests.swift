import Foundation
import RelanceCore
import Testing

/// Manual steps gate the ladder; severe steps wait for an operator's approval.
@Suite struct GateAndApprovalTests {
    let planner = Fixtures.planner()
    let now = Fixtures.paris("2026-11-30 10:00")  // due 2026-10-20 + 41 days: `notice` (30) is due
    let invoice = Fixtures.invoice("F1", due: "2026-10-20")
    let atCall = ["F1": ReachedStep(stepName: "call", offsetDays: 15, at: .distantPast)]

    @Test func anOpenCallTaskHoldsTheLadder() {
        let plan = planner.plan(invoices: [invoice], state: PlannerState(reached: atCall, clients: [:], openGates: ["F1"]), now: now)
        #expect(plan.advances.isEmpty && plan.messages.isEmpty && plan.approvalsNeeded.isEmpty)
        #expect(plan.gatedInvoices == ["F1"])
    }

    @Test func aDoneOrSkippedTaskLetsTheLadderGoOnToTheApprovalGate() {
        let plan = planner.plan(invoices: [invoice], state: PlannerState(reached: atCall, clients: [:]), now: now)
        #expect(plan.advances.isEmpty, "the formal notice is not applied before approval")
        #expect(plan.approvalsNeeded.map(\.stepName) == ["notice"])
    }

    @Test func anApprovedFormalNoticeIsApplied() {
        let state = PlannerState(reached: atCall, clients: [:], approved: [PlannerState.approvalKey(invoice: "F1", step: "notice")])
        let plan = planner.plan(invoices: [invoice], state: state, now: now)
        // Emailed with its template, and a task for the registered letter that gates the ladder.
        #expect(plan.messages.map(\.template) == ["formal-notice"])
        #expect(plan.messages.first?.advances.map(\.stepName) == ["notice"])
        #expect(plan.messages.first?.tasks.map(\.action) == [.formalNotice])
        #expect(plan.messages.first?.tasks.first?.gate == true)
        #expect(plan.advances.isEmpty)
    }

    @Test func gateFalseDoesNotHoldAndApprovalNoneDoesNotWait() {
        let schedule = Schedule(name: "standard", steps: [
            Step(name: "call", offsetDays: 15, action: .call, gate: false),
            Step(name: "notice", offsetDays: 30, action: .formalNotice, template: "formal-notice", requiresApproval: false),
        ])
        #expect(Fixtures.standard.steps[3].gate && Fixtures.standard.steps[4].requiresApproval)
        #expect(!Fixtures.standard.steps[1].gate && !Fixtures.standard.steps[1].requiresApproval)
        let planner = Fixtures.planner(schedules: [schedule])
        let plan = planner.plan(invoices: [invoice], state: PlannerState(reached: atCall, clients: [:]), now: now)
        #expect(plan.messages.first?.step.name == "notice")
        #expect(plan.approvalsNeeded.isEmpty)
    }

    @Test func aSettledInvoiceLeavesTheGateAlone() {
        let paid = Fixtures.invoice("F1", due: "2026-10-20", amount: "100.00", paid: "100.00")
        let plan = planner.plan(invoices: [paid], state: PlannerState(reached: atCall, clients: [:], openGates: ["F1"]), now: now)
        #expect(plan.gatedInvoices.isEmpty && plan.advances.isEmpty && plan.approvalsNeeded.isEmpty)
    }

    @Test func previewShowsTheApprovalWaitAndStopsThere() {
        let items = PreviewSimulator(planner: planner).preview(
            invoices: [invoice], state: PlannerState(reached: atCall, clients: [:]), now: now, days: 30)
        #expect(items.map(\.kind) == [.approval])
    }
}
