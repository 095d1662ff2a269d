import RelanceCore

/// One invoice in a reminder, with how late it is.
public struct ReminderLine: Sendable, Hashable {
    /// The invoice as the ledger shows it now.
    public var invoice: Invoice
    /// Calendar days since the due date; 0 (or less, read as 0) when not yet due.
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
