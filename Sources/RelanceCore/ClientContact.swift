import Foundation

/// What the store knows about a client's messages, for the minimum gap and for blocking.
public struct ClientContact: Sendable, Hashable {
    /// When the last attempt to deliver a message to this client started (any outcome but cancelled): a
    /// retry that delivers a message days after it was created counts from the retry.
    public var lastMessageAt: Date?
    /// A message in `sending` or `deferred` exists: no new message is planned meanwhile. (`unknown`
    /// messages do not block: their invoices already moved up, so nothing is resent.)
    public var hasPendingMessage: Bool

    public init(lastMessageAt: Date?, hasPendingMessage: Bool) {
        self.lastMessageAt = lastMessageAt
        self.hasPendingMessage = hasPendingMessage
    }
}
