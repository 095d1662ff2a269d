import RelanceCore

/// A reminder as sent: its raw message (`.eml`) and the SMTP server's acceptance.
public struct ClaimFileReminder: Sendable, Hashable {
    /// What the message was, as the letters name it: the summary numbers the reminders after the due date
    /// (`premier rappel`, `first reminder`…) as the mise en demeure does, and never by the config's step names.
    public enum Kind: Sendable, Hashable {
        /// A message before the due date (a courtesy): not a relance.
        case beforeDue
        /// A reminder after the due date.
        case reminder
        /// The email of a formal-notice step (the mise en demeure sent by email).
        case formalNotice
    }

    /// The day it was sent.
    public var date: LocalDate
    /// The step it was (`first`, `second`, `notice`…), used in the file name.
    public var step: String
    /// What it was, for the summary's history.
    public var kind: Kind
    /// The message exactly as sent (RFC 5322 bytes).
    public var eml: [UInt8]
    /// The server's acceptance (e.g. `250 2.0.0 Ok: queued as 4F2B1` with the time and message id).
    public var smtpAcceptance: String

    /// Creates a reminder record; `kind` defaults to a reminder after the due date.
    public init(date: LocalDate, step: String, kind: Kind = .reminder, eml: [UInt8], smtpAcceptance: String) {
        self.date = date
        self.step = step
        self.kind = kind
        self.eml = eml
        self.smtpAcceptance = smtpAcceptance
    }
}
