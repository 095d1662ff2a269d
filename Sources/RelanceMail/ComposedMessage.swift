import RelanceCore

/// A reminder ready for SMTP: the envelope and the exact bytes of the message.
public struct ComposedMessage: Sendable, Hashable {
    /// The envelope sender (`MAIL FROM`), the creditor's address.
    public var from: EmailAddress
    /// The envelope recipients (`RCPT TO`): `To` then `Cc`, each once.
    public var recipients: [EmailAddress]
    /// The `To` addresses.
    public var to: [EmailAddress]
    /// The subject as a person reads it (for logs).
    public var subject: String
    /// The Message-ID as written in the header, `<left@right>`.
    public var messageID: String
    /// The rendered template, before MIME encoding (previews, printed letters).
    public var rendered: RenderedTemplate
    /// The whole message, CRLF line ends.
    public var bytes: [UInt8]

    public init(
        from: EmailAddress, recipients: [EmailAddress], to: [EmailAddress], subject: String, messageID: String,
        rendered: RenderedTemplate, bytes: [UInt8]
    ) {
        self.from = from
        self.recipients = recipients
        self.to = to
        self.subject = subject
        self.messageID = messageID
        self.rendered = rendered
        self.bytes = bytes
    }
}
