import Foundation
import RelanceCore
import RelanceStore

/// What a claim made by hand (`relance claim`, `relance claim-file`) may name, read from the store.
extension ReminderStore {
    /// `selected`, read from `ledger`, as a claim on `day` must see them: through `planningView`
    /// (payments told by hand counted), written-off and cancelled invoices and those under a hold
    /// standing on `day` left out with why. `zone` says when `day` ends: a hold recorded after that (a
    /// claim as of a past day) did not stand then, and one ended after it did.
    public func claimSelection(
        _ selected: [Invoice], ledger: [Invoice], on day: LocalDate, in zone: TimeZone
    ) throws -> ClaimSelection {
        let view = try planningView(ledger)
        let seen = Invoice.byNumber(view)
        let end = LocalDateTime(date: day.adding(days: 1), minutes: 0).instant(in: zone)
        let recorded = try holds(standingBefore: end)
        let byNumber = recorded.isEmpty ? [:] : seen
        return ClaimSelection(
            selected.map { seen[$0.number] ?? $0 }, closures: try closures(),
            holds: recorded.filter { HoldReview.ending(of: $0, invoices: byNumber, today: day) == nil }, asOf: day)
    }
}
