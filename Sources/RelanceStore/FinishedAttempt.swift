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
    /// The exact bytes given to the server, when the caller still holds them: archived as they are
    /// instead of being read back from the store. Nil: read from the store.
    public var bytes: [UInt8]?
    /// Recipients the server refused while it took the message for the others, as `address code`:
    /// journaled with the outcome (`refused=`), so the record says who did not get it.
    public var refused: [String]

    public init(
        messageID: Int64, outcome: DeliveryOutcome, nextAttemptAt: Date?, at: Date, bytes: [UInt8]? = nil,
        refused: [String] = []
    ) {
        self.messageID = messageID
        self.outcome = outcome
        self.nextAttemptAt = nextAttemptAt
        self.at = at
        self.bytes = bytes
        self.refused = refused
    }
}
