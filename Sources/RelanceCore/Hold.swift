/// What a hold covers: one invoice, or every invoice of a client.
public enum HoldScope: Sendable, Hashable {
    case invoice(String)
    case client(ClientID)
}

/// Why the ladder stops for a while. Every hold is dated and ends by itself.
public enum HoldKind: Sendable, Hashable {
    /// The client promised to pay `amount` by `date`; reminders wait until `date` + `graceDays`.
    /// `paidAtStart`: what the invoice was seen as paid when the promise was given (nil: not recorded, and
    /// the promise is kept only once the invoice is settled).
    case promise(amount: Money, date: LocalDate, graceDays: Int, paidAtStart: Money? = nil)
    /// The invoice is disputed; a person decides at `review`.
    case dispute(reason: String, review: LocalDate)
    /// Nothing is sent until `until` (inclusive).
    case pause(until: LocalDate, reason: String)
    /// A payment plan: instalments (date, amount) counted from what was already paid when it was agreed;
    /// a missed one (after `graceDays`) ends the hold.
    case plan(instalments: [Instalment], graceDays: Int, paidAtStart: Money)

    /// The stored name of the kind.
    public var name: String {
        switch self {
        case .promise: return "promise"
        case .dispute: return "dispute"
        case .pause: return "pause"
        case .plan: return "plan"
        }
    }
}

/// One instalment of a payment plan.
public struct Instalment: Sendable, Hashable {
    public var date: LocalDate
    public var amount: Money

    public init(date: LocalDate, amount: Money) {
        self.date = date
        self.amount = amount
    }
}

/// A hold on the ladder, as recorded.
public struct Hold: Sendable, Hashable {
    public var id: Int64
    public var scope: HoldScope
    public var kind: HoldKind

    public init(id: Int64, scope: HoldScope, kind: HoldKind) {
        self.id = id
        self.scope = scope
        self.kind = kind
    }

    /// The last local date the hold covers (a plan: its last instalment plus grace).
    public var lastDay: LocalDate {
        switch kind {
        case .promise(_, let date, let grace, _): return date.adding(days: grace)
        case .dispute(_, let review): return review.adding(days: -1)
        case .pause(let until, _): return until
        case .plan(let instalments, let grace, _): return (instalments.map(\.date).max() ?? .init(daysSinceEpoch: 0)).adding(days: grace)
        }
    }

    /// Whether the hold covers `invoice` of `client`.
    public func covers(invoice: String, client: ClientID) -> Bool {
        switch scope {
        case .invoice(let number): return number == invoice
        case .client(let id): return id == client
        }
    }
}
