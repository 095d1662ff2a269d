import Foundation
import RelanceCore

/// The SMTP server's answer to one message's attempt in flight, to be recorded with others in one
/// transaction (`ReminderStore.finishAttempts(_:)`).
public struct FinishedAttempt: Sendable {
    /// The message's store id (in `sending`).
    public var messageID: Int64
    public var outcome: DeliveryOutcome
    /// When to try again (a `deferred` outcome only; nil: at once).
    public var nextAttemptAt: Date?
    /// When the server answered.
    public var at: Date

    public init(messageID: Int64, outcome: DeliveryOutcome, nextAttemptAt: Date?, at: Date) {
        self.messageID = messageID
        self.outcome = outcome
        self.nextAttemptAt = nextAttemptAt
        self.at = at
    }
}
