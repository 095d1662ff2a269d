import RelanceCore

/// The delivery history of one address that a deferred message is still waiting for, to tell whether
/// it keeps failing (`AddressDeferrals`).
public struct AddressAttempts: Sendable, Hashable {
    public var address: String
    public var clientID: ClientID
    /// Every finished attempt of a message addressed to it (To or Cc), oldest first.
    public var attempts: [AddressDeferrals.Attempt]
    /// The store ids of the deferred messages addressed to it, oldest first.
    public var deferredMessages: [Int64]

    public init(address: String, clientID: ClientID, attempts: [AddressDeferrals.Attempt], deferredMessages: [Int64]) {
        self.address = address
        self.clientID = clientID
        self.attempts = attempts
        self.deferredMessages = deferredMessages
    }
}
