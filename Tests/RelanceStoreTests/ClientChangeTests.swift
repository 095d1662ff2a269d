import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// An invoice the ledger gives to another client starts over: its progress, the approvals given and the
/// gating tasks opened for the previous client no longer count for it.
@Suite struct ClientChangeTests {
    typealias F = StoreFixtures

    @Test func theLadderApprovalsAndGatesOfThePreviousClientDoNotCarryOver() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F100", client: "A")], at: F.at(minutes: 0))
        let notice = F.advance("F100", client: "A", step: "notice", offset: 30, action: .formalNotice)
        try store.recordAdvances(
            [F.advance("F100", client: "A", step: "call", offset: 15, action: .call)],
            tasks: [NewTask(clientID: "A", invoice: "F100", stepName: "call", action: .call, summary: "call A")],
            at: F.at(minutes: 1))
        #expect(try store.requestApproval(notice, at: F.at(minutes: 2)))
        try store.approve(id: 1, by: "operator", at: F.at(minutes: 3))
        #expect(try store.plannerState().reached["F100"]?.stepName == "call")
        #expect(try store.approvedKeys() == [PlannerState.approvalKey(invoice: "F100", step: "notice")])
        #expect(try store.openGates() == ["F100"])

        _ = try store.syncLedger([F.invoice("F100", client: "B", amount: "222.00")], at: F.at(minutes: 10))
        #expect(try store.plannerState().reached["F100"] == nil, "B's F100 starts at its own first step")
        #expect(try store.approvedKeys().isEmpty, "A's approval is not B's")
        #expect(try store.openGates().isEmpty, "A's call task does not hold B's invoice")
        // B's notice is asked for again, and once approved counts.
        let again = F.advance("F100", client: "B", step: "notice", offset: 30, action: .formalNotice)
        #expect(try store.requestApproval(again, at: F.at(minutes: 11)))
        #expect(try store.approvals().map(\.waiting) == [true])
        #expect(try !store.requestApproval(again, at: F.at(minutes: 12)), "once per invoice and step, as before")
        try store.approve(id: 1, by: "operator", at: F.at(minutes: 13))
        #expect(try store.approvedKeys() == [PlannerState.approvalKey(invoice: "F100", step: "notice")])
    }

    @Test func aChangeOfAmountForTheSameClientKeepsTheLadder() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F100", client: "A")], at: F.at(minutes: 0))
        try store.recordAdvances([F.advance("F100", client: "A", step: "second", offset: 8)], tasks: [], at: F.at(minutes: 1))
        _ = try store.syncLedger([F.invoice("F100", client: "A", amount: "900.00")], at: F.at(minutes: 10))
        #expect(try store.plannerState().reached["F100"]?.stepName == "second")
    }
}
