import RelanceCore
import Testing

@Suite struct EscalationStageTests {
    let steps = Fixtures.standard.steps

    @Test func derivesEveryStageFromTheFacts() {
        func stage(settled: Bool = false, closure: ClosureReason? = nil, hold: Hold? = nil, approval: String? = nil,
            reached: Int? = nil, gate: Bool = false) -> String
        {
            EscalationStage.of(settled: settled, closure: closure, hold: hold, waitingApproval: approval,
                reached: reached.map { steps[$0] }, gateOpen: gate).description
        }
        #expect(stage() == "current")
        #expect(stage(reached: 1) == "reminded(first)")
        #expect(stage(reached: 3, gate: true) == "awaiting-call(call)")
        #expect(stage(reached: 3, gate: false) == "reminded(call)")
        #expect(stage(reached: 4, gate: true) == "formal-notice(notice)")
        #expect(stage(reached: 5) == "legal(legal)")
        #expect(stage(approval: "notice", reached: 3) == "awaiting-approval(notice)")
        let promise = Hold(id: 1, scope: .invoice("F1"), kind: .promise(amount: Fixtures.money("10.00"), date: Fixtures.date("2026-12-01"), graceDays: 0))
        #expect(stage(hold: promise, reached: 2) == "held(promise)")
        #expect(stage(settled: true, hold: promise, reached: 3, gate: true) == "closed(paid)")
        #expect(stage(closure: .writtenOff, reached: 5) == "closed(written-off)")
    }
}
