import Foundation
import RelanceCore

/// The durable record of everything relance did: invoices as last seen, step progress, messages and
/// their attempts, tasks, cycles, and an append-only event journal.
///
/// Every method is one transaction. The SQLite implementation is `SQLiteStore`; the protocol exists so
/// that a PostgreSQL store can follow without touching the daemon.
public protocol ReminderStore: EscalationStore {
    /// Start-up recovery: every message still in `sending` (the process died while SMTP was spoken)
    /// becomes `unknown`, journaled as `message.unknown`. Returns those messages.
    func recoverInterruptedSends(at: Date) throws -> [MessageRecord]

    /// Records the ledger as it is now. New invoices (one `ledger.imported` entry for all those the sync
    /// sees first), amount or payment changes, settlements and invoices that vanished from or came back
    /// to the ledger (`invoice.changed`, `invoice.settled`, `invoice.vanished`, `invoice.reappeared`)
    /// are journaled; unchanged rows are not written.
    func syncLedger(_ invoices: [Invoice], at: Date) throws -> LedgerSyncSummary

    /// Everything the planner needs to know about the past.
    func plannerState() throws -> PlannerState

    /// `plannerState()` as it will be once the deferred messages `cancelling` are cancelled (their steps
    /// given back, and neither blocking their client nor counting as its last contact) and the retries
    /// `trimming` will make (message id → the invoices it leaves out) have given those invoices back the
    /// steps the message had recorded for them (`relance preview`).
    func plannerState(cancelling: Set<Int64>, trimming: [Int64: Set<String>]) throws -> PlannerState

    /// The highest step reached by each of `invoices` that reached one.
    func reachedSteps(of invoices: [String]) throws -> [String: ReachedStep]

    /// Records steps reached without a message (call, letter, formal-notice, legal, or steps skipped
    /// after downtime) and opens their tasks, journaled as `step.reached` / `step.skipped` / `task.opened`.
    func recordAdvances(_ advances: [StepAdvance], tasks: [NewTask], at: Date) throws

    /// Inserts a message in state `sending`, advances its invoices' steps (with skipped steps) and
    /// journals `message.sending`, all in one transaction, before SMTP is spoken. Returns its id.
    func beginMessage(_ draft: MessageDraft, at: Date) throws -> Int64

    /// `beginMessage` for many drafts in one transaction (one fsync): each draft's slot holds its id,
    /// or the error that refused it alone (`staleAdvance`, `duplicateMessageID`, `changedSincePlanning`;
    /// rolled back alone).
    func beginMessages(_ drafts: [MessageDraft], at: Date) throws -> [Result<Int64, StoreError>]

    /// Moves a `deferred` message back to `sending` for another attempt (attempts + 1), replacing its
    /// bytes when given (re-rendered with current amounts). With a `mark`, refused
    /// (`StoreError.changedSincePlanning`) when a person stopped or changed the message after it.
    func beginRetry(messageID: Int64, bytes: [UInt8]?, plannedAt mark: JournalMark?, at: Date) throws

    /// `beginRetry` for a retry that lists only `listing` of the message's invoices (the others paid, gone
    /// or on hold): the message lists those from now on, and each invoice left out gets back the step this
    /// message had recorded for it (`step.restored`), since it will not have been reminded by it.
    func beginRetry(messageID: Int64, bytes: [UInt8]?, plannedAt mark: JournalMark?, listing: [String], at: Date) throws

    /// The journal as it stands now: what a cycle plans from (`MessageDraft.plannedAt`).
    func journalMark() throws -> JournalMark

    /// Records the answer of the SMTP server for the attempt in flight: an attempt row with the code and
    /// reply, the message's new state (`outcome.resultingState`), the next retry time for `deferred`,
    /// and a journal event (`message.sent`, `message.deferred`, `message.failed`, `message.unknown`).
    func finishAttempt(messageID: Int64, outcome: DeliveryOutcome, nextAttemptAt: Date?, at: Date) throws

    /// `finishAttempt` for many answers in one transaction (one fsync; archives written together before it).
    func finishAttempts(_ answers: [FinishedAttempt]) throws

    /// Cancels a `deferred` message whose invoices were all settled or vanished (`message.cancelled`).
    func cancelMessage(messageID: Int64, reason: String, at: Date) throws

    /// The operator's verdict on an `unknown` message: delivered (→ `sent`) or not (→ `deferred`, due at
    /// once). Refused for messages in any other state.
    func resolveUnknown(messageID: Int64, delivered: Bool, note: String, by actor: String, at: Date) throws

    /// How many sending attempts started at or after `since` (for `smtp.max_per_minute`).
    func attemptsStarted(since: Date) throws -> Int

    /// A deferred message too old to retry becomes `failed` (`message.expired`).
    func expireDeferred(messageID: Int64, reason: String, at: Date) throws

    /// Deferred messages whose next attempt time is at or before `at`, oldest first.
    func dueRetries(at: Date) throws -> [MessageRecord]

    /// Messages, newest first; all states when `states` is nil.
    func messages(states: Set<MessageState>?) throws -> [MessageRecord]

    /// Messages of one client (all when nil), newest first; all states when `states` is nil.
    func messages(client: ClientID?, states: Set<MessageState>?) throws -> [MessageRecord]

    /// How many messages are in each state (no message is read).
    func messageCounts() throws -> [MessageState: Int]

    /// When each deferred message is next due, by client (no message bytes are read).
    func deferredSchedule() throws -> [(clientID: ClientID, nextAttemptAt: Date?)]

    /// One message by id.
    func message(id: Int64) throws -> MessageRecord?

    /// Tasks, oldest first.
    func tasks(openOnly: Bool) throws -> [TaskRecord]

    /// The id of the newest task (0 when there is none).
    func lastTaskID() throws -> Int64

    /// Invoices as last seen in the ledger, with their step progress.
    func invoices() throws -> [StoredInvoice]

    /// Every journal event that concerns the invoice (including the messages that listed it), oldest first.
    func history(invoice: String) throws -> [JournalEvent]

    /// Every journal event that concerns the client or any of its invoices, oldest first.
    func history(client: ClientID) throws -> [JournalEvent]

    /// Appends an event to the journal (config reloads, held sends, and other daemon events).
    func journal(_ event: NewJournalEvent) throws

    /// Stores the summary of a finished cycle.
    func recordCycle(_ cycle: CycleRecord) throws

    /// The last finished cycle, if any.
    func lastCycle() throws -> CycleRecord?
}

extension ReminderStore {
    /// `beginRetry` without the check of what changed since planning.
    public func beginRetry(messageID: Int64, bytes: [UInt8]?, at: Date) throws {
        try beginRetry(messageID: messageID, bytes: bytes, plannedAt: nil, at: at)
    }
}
