import Foundation
import RelanceCore

/// What a person recorded when closing a task (`relance task done|skip`).
public struct TaskOutcome: Sendable, Hashable {
    /// The outcome (done) or the reason (skipped); `paid` when the ledger settled the invoice.
    public var outcome: String?
    /// A reference, e.g. the registered-letter number.
    public var reference: String?
    /// The day the letter was received (`--received`), for a registered letter's proof.
    public var received: LocalDate?
    /// When the task was closed.
    public var closedAt: Date

    public init(outcome: String?, reference: String?, received: LocalDate?, closedAt: Date) {
        self.outcome = outcome
        self.reference = reference
        self.received = received
        self.closedAt = closedAt
    }
}
