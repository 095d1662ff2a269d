import Foundation

extension PreviewSimulator {
    /// Ends the holds that end on `now`'s date in the sending time zone, as the cycle does
    /// (`HoldReview.ending`): an ending that needs a person becomes a task item, and the hold's unpaid
    /// invoices resume at the next step.
    func endHolds(at now: Date, invoices: [String: Invoice], state: inout PlannerState, items: inout [PreviewItem]) {
        guard !state.holds.isEmpty else { return }
        let today = LocalDateTime(now, in: zone).date
        var standing: [Hold] = []
        for hold in state.holds {
            guard let ending = HoldReview.ending(of: hold, invoices: invoices, today: today) else {
                standing.append(hold)
                continue
            }
            guard ending.needsTask else { continue }
            let covered = invoices.values.filter { hold.covers(invoice: $0.number, client: $0.clientID) && !$0.isSettled }
                .map(\.number).sorted()
            guard let first = covered.first, let client = invoices[first]?.clientID else { continue }
            state.resumeAtNext.formUnion(covered)
            items.append(PreviewItem(at: now, kind: .task, clientID: client, step: "hold-\(ending.rawValue)",
                action: .call, template: nil, invoices: covered, listed: [], skipped: []))
        }
        state.holds = standing
    }

    /// The first instant after `now` at which a standing hold may end: the day after its last day, or
    /// after a plan instalment's grace, at midnight in the sending time zone.
    func nextHoldEnding(after now: Date, state: PlannerState) -> Date? {
        let today = LocalDateTime(now, in: zone).date
        var days: [LocalDate] = []
        for hold in state.holds {
            days.append(hold.lastDay.adding(days: 1))
            if case .plan(let instalments, let grace, _) = hold.kind {
                days += instalments.map { $0.date.adding(days: grace + 1) }
            }
        }
        return days.filter { $0 > today }.min().map { LocalDateTime(date: $0, minutes: 0).instant(in: zone) }
    }

    /// The sending policy's time zone: the one the cycle uses to date holds.
    var zone: TimeZone {
        TimeZone(identifier: planner.policy.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
    }
}
