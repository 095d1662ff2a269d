import RelanceCore

/// One mailbox of an address header: a validated address and an optional display name
/// (`"Martin, Claire" <claire@example.fr>`).
public struct Mailbox: Sendable, Hashable {
    /// Free text shown by mail clients; sanitised and quoted or encoded when written.
    public var displayName: String?
    /// The address itself, already validated by `EmailAddress`.
    public var address: EmailAddress

    /// A mailbox; an empty or blank display name is the same as none.
    public init(_ address: EmailAddress, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }
}
