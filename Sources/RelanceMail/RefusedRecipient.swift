/// An envelope recipient the server refused (its `RCPT TO` answered 4xx or 5xx) while it took the message
/// for the others: the message went to them, not to this address.
public struct RefusedRecipient: Sendable, Hashable {
    /// The address refused.
    public var address: String
    /// The server's code (451, 452, 550, 553 …).
    public var code: Int
    /// The server's reply, as it sent it.
    public var reply: String

    public init(address: String, code: Int, reply: String) {
        self.address = address
        self.code = code
        self.reply = reply
    }

    /// A 5xx: the server will not take mail for this address (a mailbox that does not exist).
    public var isPermanent: Bool { code >= 500 }
}
