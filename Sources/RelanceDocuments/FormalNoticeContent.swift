import RelanceCore

/// Everything a mise en demeure (formal notice) says, built by the caller; the letter only lays it out.
public struct FormalNoticeContent: Sendable, Hashable {
    /// Who is owed (identity, address, SIREN, IBAN).
    public var creditor: Creditor
    /// The debtor (identity, contact, address, business or consumer).
    public var client: Client
    /// Where the letter is written (`Paris`).
    public var place: String
    /// The letter's date; the claims are computed for this day.
    public var date: LocalDate
    /// The unpaid invoices with their claims (computed as of `date`).
    public var invoices: [ClaimedInvoice]
    /// Days given to pay, counted from the day the debtor receives the letter: 8 for a business, 15 for a
    /// consumer unless set (``PaymentDeadline/days(for:)``). The letter states no calendar date for it: a
    /// registered letter is received on a day not known when it is written.
    public var deadlineDays: Int
    /// Earlier reminders, oldest first.
    public var reminders: [PriorReminder]
    /// The letter's language (the client's by default).
    public var language: Language
    /// The IBAN to pay to (the creditor's by default); `nil`: no bank details are printed.
    public var iban: String?
    /// The person who signs for the creditor, if named.
    public var signatory: String?

    /// Creates the content; `deadlineDays`, `language` and `iban` default from the client and creditor.
    public init(
        creditor: Creditor, client: Client, place: String, date: LocalDate, invoices: [ClaimedInvoice],
        deadlineDays: Int? = nil, reminders: [PriorReminder] = [], language: Language? = nil,
        iban: String? = nil, signatory: String? = nil
    ) {
        self.creditor = creditor
        self.client = client
        self.place = place
        self.date = date
        self.invoices = invoices
        self.deadlineDays = deadlineDays ?? PaymentDeadline.days(for: client.kind)
        self.reminders = reminders
        self.language = language ?? client.language
        self.iban = iban ?? creditor.iban
        self.signatory = signatory
    }

    /// The total claimed, one amount per currency (interest that could not be computed left out).
    public var totals: [Money] { invoices.totals }

    /// Whether some interest is unknown (the letter then says "intérêts au taux légal" without an amount).
    public var hasUnknownInterest: Bool { invoices.hasUnknownInterest }
}
