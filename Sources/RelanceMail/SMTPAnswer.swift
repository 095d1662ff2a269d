import RelanceCore

/// A classified delivery outcome, and whether the connection failed before the server could have
/// received the message.
public struct SMTPAnswer: Sendable, Hashable {
    /// What happened to the message (see `SMTPTransport`'s classification table).
    public var outcome: DeliveryOutcome
    /// The connection was refused, dropped, timed out or closed with 421 before the message's DATA
    /// phase (always a `.transient` outcome): nothing can have been delivered, so the message may be
    /// tried again at once on another connection. Never true once the payload may have reached the server.
    public var connectionFailed: Bool
    /// Recipients the server refused while it accepted the message for the others (an accepted outcome
    /// only): the message did not reach them.
    public var refusedRecipients: [RefusedRecipient]

    public init(outcome: DeliveryOutcome, connectionFailed: Bool, refusedRecipients: [RefusedRecipient] = []) {
        self.outcome = outcome
        self.connectionFailed = connectionFailed
        self.refusedRecipients = refusedRecipients
    }
}
