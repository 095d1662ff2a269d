/// Why a message could not be built.
public enum MIMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Message-ID is not `<left@right>` in printable ASCII without spaces.
    case invalidMessageID(String)
    /// An extra header name is not printable ASCII without `:`.
    case invalidHeaderName(String)
    /// An extra header would repeat or override one the builder writes (`From`, `Bcc`, …).
    case reservedHeader(String)
    /// The message has no `To` address.
    case noRecipients
    /// An attachment file could not be read.
    case unreadableAttachment(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidMessageID(let id): return "invalid Message-ID \(id.debugDescription)"
        case .invalidHeaderName(let name): return "invalid header name \(name.debugDescription)"
        case .reservedHeader(let name): return "header \(name) is written by the message builder and cannot be given"
        case .noRecipients: return "the message has no recipient"
        case .unreadableAttachment(let path, let reason): return "\(path): cannot read attachment: \(reason)"
        }
    }
}
