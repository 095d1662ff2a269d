import Foundation
import RelanceCore

/// Turns a reminder (creditor, client, template, invoices) into a message ready for SMTP.
public struct MessageComposer: Sendable {
    /// The templates messages are rendered with.
    public let library: TemplateLibrary

    public init(library: TemplateLibrary) {
        self.library = library
    }

    /// Renders `template` in the client's language, without building the message (previews).
    public func render(
        creditor: Creditor, client: Client, template: String, stepName: String, lines: [ReminderLine],
        today: LocalDate, claims: [String: ClaimLine] = [:], earlierReminders: Int = 0
    ) throws -> RenderedTemplate {
        var content = ReminderContent(
            creditor: creditor, client: client, stepName: stepName, lines: lines, today: today, claims: claims)
        content.earlierReminders = earlierReminders
        return try library.render(template, language: client.language, content: content)
    }

    /// Renders `template` for the client and builds the message. `earlierReminders`: the reminders delivered
    /// about these invoices before (``ReminderContent/earlierReminders``).
    ///
    /// `From` is the creditor (name and address), `To` the client's addresses under the client's
    /// name, `Cc` the client's copies, `Reply-To` the creditor's when configured. `date` and
    /// `timeZone` make the `Date` field; `messageID` (`left@right`, brackets optional) also seeds
    /// the multipart boundaries, so composing twice gives the same bytes.
    ///
    /// Throws ``TemplateError`` (unknown template), ``MIMEError`` (no address, bad Message-ID or
    /// extra header) or ``ComposeError``.
    public func compose(
        creditor: Creditor, client: Client, template: String, stepName: String, lines: [ReminderLine],
        today: LocalDate, date: Date, timeZone: TimeZone, messageID: String,
        extraHeaders: [(String, String)] = [], attachments: [MailAttachment] = [], claims: [String: ClaimLine] = [:],
        earlierReminders: Int = 0
    ) throws -> ComposedMessage {
        guard !lines.isEmpty else { throw ComposeError.noInvoices(client: client.id) }
        guard !client.emails.isEmpty else { throw MIMEError.noRecipients }
        let rendered = try render(
            creditor: creditor, client: client, template: template, stepName: stepName, lines: lines, today: today,
            claims: claims, earlierReminders: earlierReminders)
        let message = MIMEMessage(
            from: Mailbox(creditor.email, displayName: creditor.name),
            to: client.emails.map { Mailbox($0, displayName: client.name) },
            cc: client.cc.map { Mailbox($0) },
            replyTo: creditor.replyTo.map { Mailbox($0, displayName: creditor.name) },
            subject: rendered.subject, date: date, timeZone: timeZone, messageID: messageID,
            extraHeaders: extraHeaders, textBody: rendered.text, htmlBody: rendered.html,
            attachments: attachments, boundarySeed: messageID)
        let bytes = try message.render()
        return ComposedMessage(
            from: creditor.email, recipients: message.envelopeRecipients, to: client.emails,
            subject: rendered.subject, messageID: try MIMEMessage.normalizedMessageID(messageID),
            rendered: rendered, bytes: bytes)
    }
}
