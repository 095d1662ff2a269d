import Foundation

/// One thing relance would do, and when.
public struct PreviewItem: Sendable, Hashable {
    public enum Kind: String, Sendable { case email, task, approval }
    public var at: Date
    public var kind: Kind
    public var clientID: ClientID
    public var step: String
    public var action: StepAction
    public var template: String?
    /// Invoices moved up the ladder by this item.
    public var invoices: [String]
    /// Invoices listed in the email (with their amounts still due).
    public var listed: [PlannedLine]
    /// Steps passed over on the way.
    public var skipped: [String]
}

/// Answers "what would be sent or raised, and when" by planning forward from `now`, applying its own
/// decisions as if they had happened (holds end on their day, as in the cycle), until the horizon.
/// Pure: nothing is recorded.
public struct PreviewSimulator: Sendable {
    public let planner: ReminderPlanner

    public init(planner: ReminderPlanner) { self.planner = planner }

    /// Simulates from `now` to `now + days`. Deferred or unknown messages are not simulated.
    public func preview(invoices: [Invoice], state initial: PlannerState, now: Date, days: Int) -> [PreviewItem] {
        let horizon = now.addingTimeInterval(TimeInterval(days) * 86_400)
        var state = initial
        var t = now
        var items: [PreviewItem] = []
        let byNumber = Invoice.byNumber(invoices)
        for _ in 0..<10_000 {
            endHolds(at: t, invoices: byNumber, state: &state, items: &items)
            let plan = planner.plan(invoices: invoices, state: state, now: t)
            for (advance, task) in zip(plan.advances, plan.tasks) {
                items.append(PreviewItem(at: t, kind: .task, clientID: advance.clientID, step: advance.stepName,
                    action: advance.action, template: nil, invoices: [advance.invoice], listed: [], skipped: advance.skipped))
                state.reached[advance.invoice] = ReachedStep(stepName: advance.stepName, offsetDays: advance.offsetDays, at: t)
                // A gating task holds the invoice for the rest of the preview: a person must act first.
                if task.gate { state.openGates.insert(advance.invoice) }
            }
            for advance in plan.approvalsNeeded {
                items.append(PreviewItem(at: t, kind: .approval, clientID: advance.clientID, step: advance.stepName,
                    action: advance.action, template: nil, invoices: [advance.invoice], listed: [], skipped: advance.skipped))
                state.openGates.insert(advance.invoice)
            }
            let earliestMessage = plan.messages.min { $0.sendAt < $1.sendAt }
            // A threshold at or before `t` is already in this plan: waking for it again would only creep
            // forward a second at a time (an invoice resumed at the next step reports its passed threshold).
            let nextThreshold = [plan.nextThresholdAt, nextHoldEnding(after: t, state: state)]
                .compactMap { $0 }.filter { $0 > t }.min()
            if let message = earliestMessage, message.sendAt <= (nextThreshold ?? .distantFuture) {
                guard message.sendAt <= horizon else { break }
                if message.sendAt > plan.now {
                    t = message.sendAt
                    continue  // re-plan at the opening: more invoices may have joined by then
                }
                // Every message due now goes at once: clients are independent, so this is what sending
                // them one by one would give, without re-planning the whole ledger once per message.
                let due = plan.messages.filter { $0.sendAt <= plan.now }
                for message in due.sorted(by: { $0.sendAt < $1.sendAt }) {
                    apply(message, to: &state, items: &items)
                }
            } else if let next = nextThreshold, next <= horizon {
                t = next
            } else {
                break
            }
        }
        return items
    }

    /// Records `message` as sent at its `sendAt`: its item, the steps its invoices reached, the
    /// client's last message, and the gates its tasks close.
    private func apply(_ message: PlannedMessage, to state: inout PlannerState, items: inout [PreviewItem]) {
        let at = message.sendAt
        items.append(PreviewItem(at: at, kind: .email, clientID: message.clientID, step: message.step.name,
            action: .email, template: message.template, invoices: message.advances.map(\.invoice),
            listed: message.lines, skipped: message.advances.flatMap(\.skipped)))
        for advance in message.advances {
            state.reached[advance.invoice] = ReachedStep(stepName: advance.stepName, offsetDays: advance.offsetDays, at: at)
        }
        state.clients[message.clientID] = ClientContact(lastMessageAt: at, hasPendingMessage: false)
        for task in message.tasks where task.gate { state.openGates.insert(task.invoice) }
    }
}
