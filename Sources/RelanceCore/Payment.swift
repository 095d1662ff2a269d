/// A dated payment received for an invoice (a row of the optional payments file).
public struct Payment: Sendable, Hashable {
    /// The invoice it pays.
    public var invoice: String
    /// The day the funds reached the creditor (for a transfer: the credit date on its account).
    public var date: LocalDate
    /// The amount received, in the invoice's currency.
    public var amount: Money
    /// The payments-file line it came from (1-based), 0 when built in code.
    public var line: Int

    /// Creates a payment.
    public init(invoice: String, date: LocalDate, amount: Money, line: Int = 0) {
        self.invoice = invoice
        self.date = date
        self.amount = amount
        self.line = line
    }
}
