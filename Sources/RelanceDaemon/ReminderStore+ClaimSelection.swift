import Foundation
import RelanceCore
import RelanceStore

/// What a claim made by hand (`relance claim`, `relance claim-file`) may name, read from the store.
extension ReminderStore {
    /// `selected`, read from `ledger`, as a claim must see them: through `planningView` (payments told
    /// by hand counted), written-off and cancelled invoices left out with why.
    public func claimSelection(_ selected: [Invoice], ledger: [Invoice]) throws -> ClaimSelection {
        let seen = Invoice.byNumber(try planningView(ledger))
        return ClaimSelection(selected.map { seen[$0.number] ?? $0 }, closures: try closures())
    }
}
