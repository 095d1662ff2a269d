import Foundation
import RelanceCore

/// Everything a message is made of; ``render()`` turns it into the exact bytes handed to SMTP.
///
/// The structure is the smallest that carries the content:
/// - text only: a single `text/plain; charset=UTF-8` part, quoted-printable;
/// - text and HTML: `multipart/alternative` (plain first, HTML second, both quoted-printable);
/// - with attachments: `multipart/mixed` wrapping the above, then one base64 part per file.
public struct MIMEMessage: Sendable {
    /// The author (`From`).
    public var from: Mailbox
    /// The primary recipients (`To`); at least one is required.
    public var to: [Mailbox]
    /// Copies (`Cc`).
    public var cc: [Mailbox]
    /// Where answers go (`Reply-To`), when not the author.
    public var replyTo: Mailbox?
    /// The subject as a person reads it; encoded and sanitised when written.
    public var subject: String
    /// The instant written in `Date`.
    public var date: Date
    /// The zone whose offset `Date` shows.
    public var timeZone: TimeZone
    /// `left@right`, with or without the angle brackets.
    public var messageID: String
    /// More fields (`X-Relance-Message: 42`), written after `Message-ID` in this order. Names must
    /// be valid and not one the builder writes; values are sanitised and encoded like the subject.
    public var extraHeaders: [(String, String)]
    /// The plain-text body.
    public var textBody: String
    /// The HTML alternative, if any.
    public var htmlBody: String?
    /// Files attached after the body.
    public var attachments: [MailAttachment]
    /// Makes the multipart boundaries deterministic (the composer passes the Message-ID); `nil`
    /// draws them at random.
    public var boundarySeed: String?

    public init(
        from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], replyTo: Mailbox? = nil, subject: String, date: Date,
        timeZone: TimeZone, messageID: String, extraHeaders: [(String, String)] = [], textBody: String,
        htmlBody: String? = nil, attachments: [MailAttachment] = [], boundarySeed: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.boundarySeed = boundarySeed
    }

    /// The SMTP envelope recipients: `To` then `Cc`, each address once (compared without case).
    public var envelopeRecipients: [EmailAddress] {
        var seen = Set<String>()
        return (to + cc).map(\.address).filter { seen.insert($0.value.lowercased()).inserted }
    }

    /// The Message-ID as written in the header, `<left@right>`.
    public static func normalizedMessageID(_ id: String) throws -> String {
        var core = Substring(id)
        if core.hasPrefix("<") && core.hasSuffix(">") && core.count >= 2 { core = core.dropFirst().dropLast() }
        let parts = core.split(separator: "@", omittingEmptySubsequences: false)
        guard core.utf8.count <= 250, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            core.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3C && $0 != 0x3E })
        else { throw MIMEError.invalidMessageID(id) }
        return "<" + core + ">"
    }

    /// Header names the builder writes itself (compared without case); extra headers may not use them.
    public static let reservedHeaderNames: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-disposition", "return-path", "received",
        "resent-to", "resent-cc", "resent-bcc", "resent-from", "resent-sender",
    ]
}
