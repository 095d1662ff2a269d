import Foundation
import RelanceCore
import RelanceStore

/// What the store says the planner must see, read-only: shared by the cycle (which then acts on it) and
/// by `relance preview` (which must show exactly what the cycle would do, and change nothing).
extension ReminderStore {
    /// The ledger as the planner must see it: written-off and cancelled invoices removed, payments recorded
    /// by hand (`relance pay`) counted until the export shows them, and those of the payments file
    /// (`filePaid`, `PaymentsFile.paid`) when it says more than the ledger's `paid`.
    public func planningView(_ invoices: [Invoice], filePaid: [String: Money] = [:]) throws -> [Invoice] {
        let closed = try closures()
        let paid = try manuallyPaid()
        // Usually nothing was closed or paid by hand: the ledger's own array, not a million-invoice copy.
        if closed.isEmpty && paid.isEmpty && filePaid.isEmpty { return invoices }
        return invoices.compactMap { invoice in
            guard closed[invoice.number] == nil else { return nil }
            var seen = invoice
            seen.paid = Self.seenPaid(ledger: invoice.paid, also: [filePaid[invoice.number], paid[invoice.number]])
            return seen
        }
    }

    /// What the planning view counts as paid for invoice `number` whose ledger says `ledgerPaid`: the
    /// payments recorded by hand when they say more, never the sum. The baseline of a payment plan.
    public func paidAsPlanned(_ number: String, ledgerPaid: Money) throws -> Money {
        Self.seenPaid(ledger: ledgerPaid, also: [try manuallyPaid()[number]])
    }

    /// What the cycle counts as paid: the largest of the ledger's paid amount and the others given (told
    /// by hand, the payments file's), in the ledger's currency; never their sum.
    public static func seenPaid(ledger: Money, also others: [Money?]) -> Money {
        others.compactMap { $0 }.filter { $0.currency == ledger.currency }.reduce(ledger) { max($0, $1) }
    }

    /// The holds still standing on `today` (`HoldReview.ending` is nil): those that stop the ladder, and
    /// leave their invoices out of a claim. `invoices` as `planningView` gives them.
    public func standingHolds(for invoices: [Invoice], today: LocalDate) throws -> [Hold] {
        let holds = try standingHolds()
        guard !holds.isEmpty else { return [] }  // most days: no ledger by number to build
        let byNumber = Invoice.byNumber(invoices)
        return holds.filter { HoldReview.ending(of: $0, invoices: byNumber, today: today) == nil }
    }

    /// The planner's view of the past with the escalation facts: holds still standing on `today`, open
    /// gates, approvals, resumptions; as it will be once the deferred messages `cancelling` are cancelled
    /// (`relance preview`, which shows the cycle's retries before its plan).
    public func plannerState(
        for invoices: [Invoice], today: LocalDate, cancelling: Set<Int64> = [], trimming: [Int64: Set<String>] = [:]
    ) throws -> PlannerState {
        try plannerState(holds: try standingHolds(for: invoices, today: today), cancelling: cancelling, trimming: trimming)
    }

    /// The planner's view of the past with the escalation facts, `holds` being those standing today as
    /// the caller already knows them (the cycle's `endHolds`).
    public func plannerState(
        holds: [Hold], cancelling: Set<Int64> = [], trimming: [Int64: Set<String>] = [:]
    ) throws -> PlannerState {
        var state = try plannerState(cancelling: cancelling, trimming: trimming)
        state.holds = holds
        state.openGates = try openGates()
        state.approved = try approvedKeys()
        state.resumeAtNext = try resumeAtNext().union(state.resumeAtNext)
        state.noticeReceived = try formalNoticeReceipts()
        return state
    }
}
