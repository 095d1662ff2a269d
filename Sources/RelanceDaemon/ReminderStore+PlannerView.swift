import Foundation
import RelanceCore
import RelanceStore

/// What the store says the planner must see, read-only: shared by the cycle (which then acts on it) and
/// by `relance preview` (which must show exactly what the cycle would do, and change nothing).
extension ReminderStore {
    /// The ledger as the planner must see it: written-off and cancelled invoices removed, payments recorded
    /// by hand (`relance pay`) counted until the export shows them.
    public func planningView(_ invoices: [Invoice]) throws -> [Invoice] {
        let closed = try closures()
        let paid = try manuallyPaid()
        // Usually nothing was closed or paid by hand: the ledger's own array, not a million-invoice copy.
        if closed.isEmpty && paid.isEmpty { return invoices }
        return invoices.compactMap { invoice in
            guard closed[invoice.number] == nil else { return nil }
            var seen = invoice
            if let known = paid[invoice.number], known.currency == invoice.paid.currency, known > invoice.paid {
                seen.paid = known
            }
            return seen
        }
    }

    /// The planner's view of the past with the escalation facts: holds still standing on `today`, open
    /// gates, approvals, resumptions.
    public func plannerState(for invoices: [Invoice], today: LocalDate) throws -> PlannerState {
        var state = try plannerState()
        let holds = try standingHolds()
        if !holds.isEmpty {
            let byNumber = Invoice.byNumber(invoices)
            state.holds = holds.filter { HoldReview.ending(of: $0, invoices: byNumber, today: today) == nil }
        }
        state.openGates = try openGates()
        state.approved = try approvedKeys()
        state.resumeAtNext = try resumeAtNext()
        return state
    }
}
