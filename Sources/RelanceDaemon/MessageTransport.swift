import RelanceCore
import RelanceMail

/// Something that hands a message to a mail server and says what happened.
///
/// `SMTPTransport` (libcurl) is the real one; the protocol lets the cycle be exercised in unit tests
/// with a recorded transport. Integration tests always use the real transport and a real server.
public protocol MessageTransport: Sendable {
    func send(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> DeliveryOutcome

    /// `send`, also saying whether the connection failed before the DATA phase (nothing delivered), so
    /// that the cycle may try the message at once on another connection. By default: never.
    func attempt(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> SMTPAnswer
}

extension MessageTransport {
    public func attempt(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> SMTPAnswer {
        SMTPAnswer(outcome: await send(from: from, recipients: recipients, message: message), connectionFailed: false)
    }
}
