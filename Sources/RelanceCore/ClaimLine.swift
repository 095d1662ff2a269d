/// What is claimable for one invoice at a date: principal, late interest, indemnity, total.
public struct ClaimLine: Sendable, Hashable {
    /// The invoice number.
    public var invoice: String
    /// The debtor.
    public var client: ClientID
    /// The invoice's due date.
    public var due: LocalDate
    /// The day the claim is computed for.
    public var asOf: LocalDate
    /// What is still unpaid at `asOf`.
    public var principal: Money
    /// Days from the due date to `asOf`, or to the payment that settled the invoice; 0 if not late.
    public var daysLate: Int
    /// The runs of days interest was charged for, with their rates (empty when none ran).
    public var rates: [RateSegment]
    /// Late interest still unpaid, rounded once to the cent; `nil` when a rate it needs is unknown.
    /// Principal first, all the interest accrued; interest first, what the payments left of it.
    public var interest: Money?
    /// The part of the payments imputed to interest (interest first, C. civ. 1343-1), rounded once;
    /// zero principal first. The interest accrued over the delay is about `interest + interestPaid`.
    public var interestPaid: Money
    /// How partial payments were shared between interest and principal.
    public var imputation: LateInterestOptions.PaymentImputation
    /// Why `interest` is `nil`.
    public var interestUnknownReason: String?
    /// Fixed recovery compensation; `nil` when it cannot be expressed in the invoice's currency.
    public var indemnity: Money?
    /// Things the reader must know (a contractual rate below the floor, an unconverted indemnity…).
    public var warnings: [String]

    /// Creates a line.
    public init(
        invoice: String, client: ClientID, due: LocalDate, asOf: LocalDate, principal: Money, daysLate: Int,
        rates: [RateSegment], interest: Money?, interestUnknownReason: String? = nil, indemnity: Money?,
        warnings: [String] = [], interestPaid: Money? = nil,
        imputation: LateInterestOptions.PaymentImputation = .principalFirst
    ) {
        self.invoice = invoice
        self.client = client
        self.due = due
        self.asOf = asOf
        self.principal = principal
        self.daysLate = daysLate
        self.rates = rates
        self.interest = interest
        self.interestUnknownReason = interestUnknownReason
        self.indemnity = indemnity
        self.warnings = warnings
        self.interestPaid = interestPaid ?? .zero(principal.currency)
        self.imputation = imputation
    }

    /// The invoice's currency.
    public var currency: Currency { principal.currency }

    /// Principal + interest + indemnity; an unknown interest or indemnity is left out (see `isComplete`).
    public var total: Money {
        principal + (interest ?? .zero(currency)) + (indemnity ?? .zero(currency))
    }

    /// Whether every part of the claim is known (else `total` leaves something out).
    public var isComplete: Bool { interest != nil && indemnity != nil }

    /// Whether there is anything to claim.
    public var isClaimable: Bool { total.isPositive || !isComplete }
}
