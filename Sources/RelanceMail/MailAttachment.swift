import Foundation

/// A file attached to a message (an invoice PDF), sent base64-encoded.
public struct MailAttachment: Sendable, Hashable {
    /// The name shown to the recipient; non-ASCII names are written per RFC 2231.
    public var filename: String
    /// The media type, `type/subtype` (`application/pdf`); anything malformed is sent as
    /// `application/octet-stream`.
    public var contentType: String
    /// The file's bytes.
    public var data: [UInt8]

    public init(filename: String, contentType: String = "application/pdf", data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// Reads a file; the attachment is named after the file's last path component.
    public init(contentsOfFile path: String, contentType: String = "application/pdf") throws {
        let url = URL(fileURLWithPath: path)
        let contents: Data
        do {
            contents = try Data(contentsOf: url)
        } catch {
            throw MIMEError.unreadableAttachment(path: path, reason: String(describing: error))
        }
        self.init(filename: url.lastPathComponent, contentType: contentType, data: Array(contents))
    }
}
