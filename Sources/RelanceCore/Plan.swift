import Foundation

/// One invoice as listed in a message: the invoice and how late it is on the client's local date.
public struct PlannedLine: Sendable, Hashable {
    public var invoice: Invoice
    /// Days after the due date (0 when not yet due).
    public var daysLate: Int

    public init(invoice: Invoice, daysLate: Int) {
        self.invoice = invoice
        self.daysLate = daysLate
    }

    /// The line as of `today`: days late counted from the due date, 0 before it.
    public init(invoice: Invoice, today: LocalDate) {
        self.init(invoice: invoice, daysLate: max(0, invoice.due.days(until: today)))
    }

    /// What is still owed on the invoice.
    public var outstanding: Money { invoice.outstanding }
}

/// The one message a client gets this cycle: every invoice that reached an email step, under the
/// template of the highest of those steps, listing every open overdue invoice of the client.
public struct PlannedMessage: Sendable, Hashable {
    public var clientID: ClientID
    /// The highest step among the invoices that triggered the message.
    public var step: Step
    public var template: String
    /// The invoices this message moves up their ladder (with any steps skipped on the way).
    public var advances: [StepAdvance]
    /// Every invoice the message lists: the triggering ones and every other open overdue invoice.
    public var lines: [PlannedLine]
    /// The earliest instant the message may leave: now, or the next opening of the sending window
    /// after the minimum gap.
    public var sendAt: Date
    /// The client's local date when planned.
    public var localDate: LocalDate
    /// The client's time zone identifier.
    public var timeZoneIdentifier: String
    /// Why it cannot leave now, when it cannot (`window`, `min_gap`).
    public var waitReason: String?
    /// Tasks that open with the message (a formal notice is also sent by registered post).
    public var tasks: [NewTask] = []

    /// Whether the message may be sent at the planning instant.
    public var isDue: Bool { waitReason == nil }
}

/// The result of planning at one instant.
public struct Plan: Sendable {
    public var now: Date
    /// One message per client with invoices at an email step, due now or waiting for the window.
    public var messages: [PlannedMessage]
    /// Invoices reaching a step that is not an email (a task for a person), applied at once.
    public var advances: [StepAdvance]
    /// The tasks those advances open.
    public var tasks: [NewTask]
    /// Steps reached but waiting for an operator's approval (not applied, not sent).
    public var approvalsNeeded: [StepAdvance]
    /// Invoices under a standing hold (not advanced, not listed).
    public var heldInvoices: [String]
    /// Invoices waiting for their gating task.
    public var gatedInvoices: [String]
    /// Clients whose message waits because an earlier one is still being delivered (sending or deferred).
    public var blockedClients: [ClientID]
    /// The next instant at which an invoice crosses a threshold it has not crossed yet (local midnight),
    /// for the daemon's sleep and for preview.
    public var nextThresholdAt: Date?

    public init(now: Date) {
        self.now = now
        messages = []
        advances = []
        tasks = []
        blockedClients = []
        approvalsNeeded = []
        heldInvoices = []
        gatedInvoices = []
        nextThresholdAt = nil
    }

    /// The messages that may leave now.
    public var dueMessages: [PlannedMessage] { messages.filter(\.isDue) }
}
