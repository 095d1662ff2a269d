import Foundation
import RelanceCore

/// A message about to be sent.
public struct MessageDraft: Sendable {
    public var clientID: ClientID
    /// The highest step among the invoices that triggered it.
    public var stepName: String
    public var template: String
    /// Every invoice listed in the message.
    public var invoices: [String]
    /// The invoices whose step this message advances.
    public var advances: [StepAdvance]
    /// The RFC 5322 Message-ID, without angle brackets.
    public var messageID: String
    public var subject: String
    public var recipients: [String]
    /// The exact bytes handed to SMTP.
    public var bytes: [UInt8]
    /// Tasks the same planned step opens (a manual step reached with it): committed with the message,
    /// so that a crash cannot keep the advance and lose the task.
    public var tasks: [NewTask]
    /// The journal as it stood when the message was planned; a hold, payment or write-off recorded after it
    /// for the client or a listed invoice refuses the draft (`StoreError.changedSincePlanning`). Nil: no check.
    public var plannedAt: JournalMark?

    public init(
        clientID: ClientID, stepName: String, template: String, invoices: [String], advances: [StepAdvance],
        messageID: String, subject: String, recipients: [String], bytes: [UInt8], tasks: [NewTask] = [],
        plannedAt: JournalMark? = nil
    ) {
        self.clientID = clientID
        self.stepName = stepName
        self.template = template
        self.invoices = invoices
        self.advances = advances
        self.messageID = messageID
        self.subject = subject
        self.recipients = recipients
        self.bytes = bytes
        self.tasks = tasks
        self.plannedAt = plannedAt
    }
}

/// A stored message.
public struct MessageRecord: Sendable, Hashable {
    public var id: Int64
    public var clientID: ClientID
    public var stepName: String
    public var template: String
    public var invoices: [String]
    public var state: MessageState
    public var messageID: String
    public var subject: String
    public var recipients: [String]
    public var attempts: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var nextAttemptAt: Date?
    public var lastCode: Int?
    public var lastReply: String?
    public var bytes: [UInt8]
    /// A deferred message: when its current run of refusals began (`smtp.max_deferred_hours` counts from
    /// it); nil before its first refusal, after an operator's resend and while a hold keeps it waiting.
    public var deferredSince: Date?

    public init(
        id: Int64, clientID: ClientID, stepName: String, template: String, invoices: [String], state: MessageState,
        messageID: String, subject: String, recipients: [String], attempts: Int, createdAt: Date, updatedAt: Date,
        nextAttemptAt: Date?, lastCode: Int?, lastReply: String?, bytes: [UInt8], deferredSince: Date? = nil
    ) {
        self.deferredSince = deferredSince
        self.id = id
        self.clientID = clientID
        self.stepName = stepName
        self.template = template
        self.invoices = invoices
        self.state = state
        self.messageID = messageID
        self.subject = subject
        self.recipients = recipients
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.nextAttemptAt = nextAttemptAt
        self.lastCode = lastCode
        self.lastReply = lastReply
        self.bytes = bytes
    }
}

/// The state of a task.
public enum TaskState: String, Sendable, Hashable { case open, done, skipped }

/// A stored task.
public struct TaskRecord: Sendable, Hashable {
    public var id: Int64
    public var clientID: ClientID
    public var invoice: String
    public var stepName: String
    public var action: StepAction
    public var summary: String
    public var state: TaskState
    public var createdAt: Date
    /// What was still due on the invoice when the task opened, in minor units of its currency (nil: not
    /// recorded, before the `task-still-due` migration or for a task not about a step).
    public var stillDueMinor: Int64?

    public init(
        id: Int64, clientID: ClientID, invoice: String, stepName: String, action: StepAction, summary: String,
        state: TaskState, createdAt: Date, stillDueMinor: Int64? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.invoice = invoice
        self.stepName = stepName
        self.action = action
        self.summary = summary
        self.state = state
        self.createdAt = createdAt
        self.stillDueMinor = stillDueMinor
    }
}

/// An invoice as last seen in the ledger.
public struct StoredInvoice: Sendable, Hashable {
    public var number: String
    public var clientID: ClientID
    public var due: LocalDate
    public var amount: Money
    public var paid: Money
    /// False once the invoice vanished from the ledger.
    public var inLedger: Bool
    public var reached: ReachedStep?

    public init(number: String, clientID: ClientID, due: LocalDate, amount: Money, paid: Money, inLedger: Bool, reached: ReachedStep?) {
        self.number = number
        self.clientID = clientID
        self.due = due
        self.amount = amount
        self.paid = paid
        self.inLedger = inLedger
        self.reached = reached
    }
}

/// A journal entry to append.
public struct NewJournalEvent: Sendable, Hashable {
    /// Dotted name, as in the logs (`config.reloaded`, `send.held`, …).
    public var kind: String
    public var at: Date
    public var clientID: ClientID?
    public var invoice: String?
    public var messageID: Int64?
    /// Human-readable detail, logfmt-style `key=value` pairs.
    public var detail: String

    public init(kind: String, at: Date, clientID: ClientID? = nil, invoice: String? = nil, messageID: Int64? = nil, detail: String) {
        self.kind = kind
        self.at = at
        self.clientID = clientID
        self.invoice = invoice
        self.messageID = messageID
        self.detail = detail
    }
}

/// A stored journal entry.
public struct JournalEvent: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var at: Date
    public var clientID: ClientID?
    public var invoice: String?
    public var messageID: Int64?
    public var detail: String

    public init(id: Int64, kind: String, at: Date, clientID: ClientID?, invoice: String?, messageID: Int64?, detail: String) {
        self.id = id
        self.kind = kind
        self.at = at
        self.clientID = clientID
        self.invoice = invoice
        self.messageID = messageID
        self.detail = detail
    }
}

/// What changed in a ledger sync.
public struct LedgerSyncSummary: Sendable, Hashable {
    public var added = 0
    public var changed = 0
    public var settled = 0
    public var vanished = 0
    public var unchanged = 0
    public init() {}
}

/// The summary of one cycle.
public struct CycleRecord: Sendable, Hashable {
    public var startedAt: Date
    public var finishedAt: Date
    public var planned = 0
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    public var unknown = 0
    public var tasks = 0
    /// Why sends were held (stale ledger …), if they were.
    public var heldReason: String?

    public init(startedAt: Date, finishedAt: Date) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
