import RelanceCore

/// A reminder as sent: its raw message (`.eml`) and the SMTP server's acceptance.
public struct ClaimFileReminder: Sendable, Hashable {
    /// The day it was sent.
    public var date: LocalDate
    /// The step it was (`first`, `second`, `notice`…), used in the file name.
    public var step: String
    /// The message exactly as sent (RFC 5322 bytes).
    public var eml: [UInt8]
    /// The server's acceptance (e.g. `250 2.0.0 Ok: queued as 4F2B1` with the time and message id).
    public var smtpAcceptance: String

    /// Creates a reminder record.
    public init(date: LocalDate, step: String, eml: [UInt8], smtpAcceptance: String) {
        self.date = date
        self.step = step
        self.eml = eml
        self.smtpAcceptance = smtpAcceptance
    }
}
