import RelanceCore

/// Everything that goes into a claim file (dossier for an injonction de payer, a lawyer or an agency),
/// gathered by the caller; `ClaimFileWriter` only writes it out.
public struct ClaimFileContent: Sendable, Hashable {
    /// Who is owed.
    public var creditor: Creditor
    /// The debtor.
    public var client: Client
    /// The day the claims are computed for; names the folder (`<client-id>-<date>`).
    public var date: LocalDate
    /// The unpaid invoices with their claims at `date`.
    public var invoices: [ClaimedInvoice]
    /// Paths of the invoice PDFs to copy into `invoices/` (by default the ledger's `pdf` paths).
    public var invoicePDFs: [String]
    /// The formal notices as posted, oldest first: one is written as `mise-en-demeure.pdf`, several as
    /// `mise-en-demeure-<date>.pdf` each (a client sent a notice for some invoices, later one for others).
    public var formalNotices: [ClaimFileLetter]
    /// The registered letter's proof as text (reference, posting and receipt dates) → `registered-letter.txt`.
    public var registeredLetterProof: String?
    /// Every reminder sent, with its SMTP acceptance, oldest first.
    public var reminders: [ClaimFileReminder]
    /// The journal excerpt with its hashes, one line each → `journal.txt`.
    public var journal: [String]

    /// Creates the content; `invoicePDFs` defaults to the invoices' `pdfPath`s.
    public init(
        creditor: Creditor, client: Client, date: LocalDate, invoices: [ClaimedInvoice],
        invoicePDFs: [String]? = nil, formalNotices: [ClaimFileLetter] = [],
        registeredLetterProof: String? = nil, reminders: [ClaimFileReminder] = [], journal: [String] = []
    ) {
        self.creditor = creditor
        self.client = client
        self.date = date
        self.invoices = invoices
        self.invoicePDFs = invoicePDFs ?? invoices.compactMap(\.invoice.pdfPath)
        self.formalNotices = formalNotices
        self.registeredLetterProof = registeredLetterProof
        self.reminders = reminders
        self.journal = journal
    }

    /// The claim's total, one amount per currency (interest that could not be computed left out).
    public var totals: [Money] { invoices.totals }

    /// The court for an injonction de payer: commerce for a business debtor, judiciaire otherwise.
    public var court: CompetentCourt { CompetentCourt(debtor: client.kind) }

    /// The ceiling of the simplified small-claims procedure (CPCE L125-1), interest included.
    public static let smallClaimsCeiling = Money(minorUnits: 500_000, currency: .eur)

    /// Whether the claim (in euros) is at most €5,000: the small-claims procedure is open.
    public var isSmallClaim: Bool {
        guard totals.count == 1, let total = totals.first, total.currency == .eur else { return false }
        return total <= Self.smallClaimsCeiling
    }

    /// The folder's name: `<client-id>-<YYYY-MM-DD>`, unsafe characters replaced by `-`.
    public var folderName: String { ClaimFileNames.safe(client.id) + "-" + date.description }
}
