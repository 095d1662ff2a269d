import RelanceCore

/// Something that hands a message to a mail server and says what happened.
///
/// `SMTPTransport` (libcurl) is the real one; the protocol lets the cycle be exercised in unit tests
/// with a recorded transport. Integration tests always use the real transport and a real server.
public protocol MessageTransport: Sendable {
    func send(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> DeliveryOutcome
}
