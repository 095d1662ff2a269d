import Foundation
import RelanceCore

extension MIMEMessage {
    /// The message as bytes: header fields, a blank line and the body, every line ending in CRLF
    /// and no header line longer than 78 characters except for an address too long to fold.
    public func render() throws -> [UInt8] {
        guard !to.isEmpty else { throw MIMEError.noRecipients }
        var fields: [String] = [
            "Date: " + MailDate.format(date, timeZone: timeZone),
            HeaderEncoder.addressList(name: "From", mailboxes: [from]),
            HeaderEncoder.addressList(name: "To", mailboxes: to),
        ]
        if !cc.isEmpty { fields.append(HeaderEncoder.addressList(name: "Cc", mailboxes: cc)) }
        if let replyTo { fields.append(HeaderEncoder.addressList(name: "Reply-To", mailboxes: [replyTo])) }
        fields.append(HeaderEncoder.unstructured(name: "Subject", value: subject))
        fields.append("Message-ID: " + (try MIMEMessage.normalizedMessageID(messageID)))
        for (name, value) in extraHeaders {
            guard HeaderEncoder.isValidFieldName(name) else { throw MIMEError.invalidHeaderName(name) }
            guard !MIMEMessage.reservedHeaderNames.contains(name.lowercased()) else {
                throw MIMEError.reservedHeader(name)
            }
            fields.append(HeaderEncoder.unstructured(name: name, value: value))
        }
        fields.append("MIME-Version: 1.0")
        let entity = bodyEntity()
        fields += entity.headers
        var text = fields.joined(separator: "\r\n") + "\r\n\r\n" + entity.body
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return Array(text.utf8)
    }

    /// A MIME entity: its own content headers and its encoded body (without final CRLF).
    struct Entity {
        var headers: [String]
        var body: String
    }

    func bodyEntity() -> Entity {
        var content = Self.textEntity(textBody, subtype: "plain")
        if let htmlBody {
            let boundary = MIMEBoundary.make(seed: boundarySeed, label: "alt")
            content = Self.multipart("alternative", boundary: boundary, parts: [
                content, Self.textEntity(htmlBody, subtype: "html"),
            ])
        }
        guard !attachments.isEmpty else { return content }
        let boundary = MIMEBoundary.make(seed: boundarySeed, label: "mix")
        return Self.multipart("mixed", boundary: boundary, parts: [content] + attachments.map(Self.attachmentEntity))
    }

    static func textEntity(_ text: String, subtype: String) -> Entity {
        Entity(
            headers: ["Content-Type: text/\(subtype); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
            body: QuotedPrintable.encode(text))
    }

    static func multipart(_ subtype: String, boundary: String, parts: [Entity]) -> Entity {
        var body = ""
        for part in parts {
            body += "--" + boundary + "\r\n" + part.headers.joined(separator: "\r\n") + "\r\n\r\n" + part.body + "\r\n"
        }
        body += "--" + boundary + "--"
        return Entity(headers: ["Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\""], body: body)
    }

    static func attachmentEntity(_ attachment: MailAttachment) -> Entity {
        let type = MIMEParameter.isValidMediaType(attachment.contentType)
            ? attachment.contentType.lowercased() : "application/octet-stream"
        let name = MIMEParameter.cleanFilename(attachment.filename)
        let headers = [
            "Content-Type: \(type);\r\n name=" + MIMEParameter.quoted(MIMEParameter.asciiFallback(name)),
            "Content-Disposition: attachment;\r\n " + MIMEParameter.filenameParameters(name).joined(separator: ";\r\n "),
            "Content-Transfer-Encoding: base64",
        ]
        let base64 = Data(attachment.data).base64EncodedString()
        var lines: [Substring] = []
        var start = base64.startIndex
        while start < base64.endIndex {
            let end = base64.index(start, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(base64[start..<end])
            start = end
        }
        return Entity(headers: headers, body: lines.joined(separator: "\r\n"))
    }
}
