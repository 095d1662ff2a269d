import Foundation

/// What the store knows about a client's messages, for the minimum gap and for blocking.
public struct ClientContact: Sendable, Hashable {
    /// When the last message to this client was committed for sending (any outcome but cancelled).
    public var lastMessageAt: Date?
    /// A message in `sending` or `deferred` exists: no new message is planned meanwhile. (`unknown`
    /// messages do not block: their invoices already moved up, so nothing is resent.)
    public var hasPendingMessage: Bool

    public init(lastMessageAt: Date?, hasPendingMessage: Bool) {
        self.lastMessageAt = lastMessageAt
        self.hasPendingMessage = hasPendingMessage
    }
}
