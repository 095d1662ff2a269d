import Foundation
import RelanceCore
import RelanceStore

/// What a claim made by hand (`relance claim`, `relance claim-file`) may name, read from the store.
extension ReminderStore {
    /// `selected`, read from `ledger`, as a claim on `day` must see them: through `planningView`
    /// (payments told by hand counted), written-off and cancelled invoices and those under a hold
    /// standing on `day` left out with why.
    public func claimSelection(_ selected: [Invoice], ledger: [Invoice], on day: LocalDate) throws -> ClaimSelection {
        let view = try planningView(ledger)
        let seen = Invoice.byNumber(view)
        return ClaimSelection(
            selected.map { seen[$0.number] ?? $0 }, closures: try closures(),
            holds: try standingHolds(for: view, today: day))
    }
}
