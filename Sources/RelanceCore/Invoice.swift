/// An invoice as the ledger shows it now.
public struct Invoice: Sendable, Hashable {
    /// Invoice number, unique in the ledger.
    public var number: String
    public var clientID: ClientID
    public var issued: LocalDate
    public var due: LocalDate
    /// Total including tax.
    public var amount: Money
    /// Amount already paid.
    public var paid: Money
    /// Absolute path of the invoice PDF, if the ledger names one.
    public var pdfPath: String?
    /// The ledger line it came from (1-based, header is line 1).
    public var line: Int

    public init(
        number: String, clientID: ClientID, issued: LocalDate, due: LocalDate, amount: Money, paid: Money,
        pdfPath: String? = nil, line: Int = 0
    ) {
        self.number = number
        self.clientID = clientID
        self.issued = issued
        self.due = due
        self.amount = amount
        self.paid = paid
        self.pdfPath = pdfPath
        self.line = line
    }

    /// What is still owed (never negative).
    public var outstanding: Money {
        let rest = amount - paid
        return rest.minorUnits > 0 ? rest : .zero(amount.currency)
    }

    /// `paid ≥ amount`: nothing is owed, nothing is ever reminded.
    public var isSettled: Bool { paid.minorUnits >= amount.minorUnits }
}
