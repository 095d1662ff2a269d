import Foundation
import RelanceCore
import RelanceStore

extension PreviewCommand {
    /// Whether the cycle gives `message` up at its next attempt instead of trying it: its run of refusals
    /// (from `deferred_since`) will then be older than `smtp.max_deferred_hours` (a task for a person).
    static func expires(_ message: MessageRecord, configuration: RelanceConfiguration, at start: Date) -> Bool {
        guard let since = message.deferredSince else { return false }
        let next = max(message.nextAttemptAt ?? start, start)
        return next.timeIntervalSince(since) > TimeInterval(configuration.smtp.maxDeferredHours) * 3600
    }

    /// When the cycle tries `message` again: its retry time, or the next opening of its client's sending
    /// window after it (a retry waits for the window, as any message does); after `notBefore` when given
    /// (the end of the holds a retry waits for).
    static func nextAttempt(
        _ message: MessageRecord, planner: ReminderPlanner, configuration: RelanceConfiguration, at start: Date,
        notBefore: Date? = nil
    ) -> Date {
        let due = max(message.nextAttemptAt ?? start, start, notBefore ?? start)
        guard let client = configuration.client(message.clientID) else { return due }
        return planner.window(for: client).nextOpening(atOrAfter: due) ?? due
    }

    /// The invoices each retry the cycle sends will leave out (settled, gone or on hold), by message id.
    static func trimmed(_ deferred: [MessageRecord], decisions: [Int64: RetryDecision]) -> [Int64: Set<String>] {
        var trimming: [Int64: Set<String>] = [:]
        for message in deferred {
            guard case .send(let kept)? = decisions[message.id] else { continue }
            let left = Set(message.invoices).subtracting(kept)
            if !left.isEmpty { trimming[message.id] = left }
        }
        return trimming
    }

    /// `state` as the plan will find it once the retries the cycle makes have gone: a message it sends is
    /// taken as delivered at its next attempt (the client's last contact then, and no longer pending), one
    /// waiting for holds as delivered once they end, one it gives up no longer blocks its client.
    static func assumingRetries(
        _ state: PlannerState, deferred: [MessageRecord], decisions: [Int64: RetryDecision], planner: ReminderPlanner,
        configuration: RelanceConfiguration, at start: Date
    ) -> PlannerState {
        var state = state
        var delivered: [ClientID: Date] = [:]
        var released: Set<ClientID> = []
        for message in deferred {
            let at: Date?
            switch decisions[message.id] {
            case .send? where expires(message, configuration: configuration, at: start): at = nil
            case .send?: at = nextAttempt(message, planner: planner, configuration: configuration, at: start)
            case .wait(let ids)?:
                at = nextAttempt(message, planner: planner, configuration: configuration, at: start, notBefore: holdsEnd(ids, state))
            default: continue
            }
            released.insert(message.clientID)
            if let at { delivered[message.clientID] = max(delivered[message.clientID] ?? at, at) }
        }
        for client in released {
            let contact = [state.clients[client]?.lastMessageAt, delivered[client]].compactMap { $0 }.max()
            state.clients[client] = ClientContact(lastMessageAt: contact, hasPendingMessage: false)
        }
        return state
    }

    /// The first instant after the last day of the holds `ids` (UTC midnight; the window is applied after).
    static func holdsEnd(_ ids: [Int64], _ state: PlannerState) -> Date? {
        let last = state.holds.filter { ids.contains($0.id) }.map(\.lastDay).max()
        return last.map { LocalDateTime(date: $0.adding(days: 1), minutes: 0).instant(in: TimeZone(identifier: "UTC")!) }
    }

    /// The JSON and text of what the next cycle does with `message` (`decision`: `retryDecisions`).
    static func retry(
        _ message: MessageRecord, _ decision: RetryDecision?, planner: ReminderPlanner, configuration: RelanceConfiguration,
        at start: Date
    ) -> Retry {
        var retry = Retry(id: message.id, client: message.clientID, step: message.stepName, verdict: "send")
        switch decision ?? .cancel(reason: "client removed from the config") {
        case .cancel(let reason):
            (retry.verdict, retry.reason) = ("cancel", reason)
        case .wait:
            (retry.verdict, retry.reason) = ("wait", "every invoice in it is on hold")
        case .send where expires(message, configuration: configuration, at: start):
            (retry.verdict, retry.reason) = ("give_up", "still deferred after \(configuration.smtp.maxDeferredHours) h")
        case .send(let kept):
            retry.next_attempt = Terminal.iso(nextAttempt(message, planner: planner, configuration: configuration, at: start))
            let left = message.invoices.filter { !kept.contains($0) }
            if !left.isEmpty { retry.left_out = left }
        }
        return retry
    }
}
