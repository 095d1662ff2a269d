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

    public init(outcome: DeliveryOutcome, connectionFailed: Bool) {
        self.outcome = outcome
        self.connectionFailed = connectionFailed
    }
}
