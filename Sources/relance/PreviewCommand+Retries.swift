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

    /// `state` as the plan will find it once the retries the cycle makes have gone: a message it sends is
    /// taken as delivered at its next attempt (the client's last contact then, and no longer pending), one
    /// it gives up no longer blocks its client. A client with a retry waiting for a hold stays blocked.
    static func assumingRetries(
        _ state: PlannerState, deferred: [MessageRecord], decisions: [Int64: RetryDecision],
        configuration: RelanceConfiguration, at start: Date
    ) -> PlannerState {
        var state = state
        var delivered: [ClientID: Date?] = [:]
        var waiting: Set<ClientID> = []
        for message in deferred {
            switch decisions[message.id] {
            case .send?:
                let at: Date? = expires(message, configuration: configuration, at: start) ? nil : max(message.nextAttemptAt ?? start, start)
                delivered[message.clientID] = max(delivered[message.clientID].flatMap { $0 } ?? .distantPast, at ?? .distantPast)
            case .wait?: waiting.insert(message.clientID)
            default: continue
            }
        }
        for (client, at) in delivered where !waiting.contains(client) {
            let last = state.clients[client]?.lastMessageAt
            let contact = [last, at == .distantPast ? nil : at].compactMap { $0 }.max()
            state.clients[client] = ClientContact(lastMessageAt: contact, hasPendingMessage: false)
        }
        return state
    }

    /// The JSON and text of what the next cycle does with `message` (`decision`: `retryDecisions`).
    static func retry(
        _ message: MessageRecord, _ decision: RetryDecision?, configuration: RelanceConfiguration, at start: Date
    ) -> Retry {
        var retry = Retry(id: message.id, client: message.clientID, step: message.stepName, verdict: "send")
        switch decision ?? .cancel(reason: "client removed from the config") {
        case .cancel(let reason):
            (retry.verdict, retry.reason) = ("cancel", reason)
        case .wait:
            (retry.verdict, retry.reason) = ("wait", "every invoice in it is on hold")
        case .send where expires(message, configuration: configuration, at: start):
            (retry.verdict, retry.reason) = ("give_up", "still deferred after \(configuration.smtp.maxDeferredHours) h")
        case .send:
            retry.next_attempt = message.nextAttemptAt.map { Terminal.iso($0) }
        }
        return retry
    }
}
