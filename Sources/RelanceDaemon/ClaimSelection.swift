import RelanceCore

/// What a claim names: the invoices selected as the cycle sees them (`ReminderStore.planningView`:
/// payments told with `relance pay` counted, never added to the ledger's), less those people closed
/// (`relance write-off`) and those under a standing hold (a dispute, a promise, a payment plan, a
/// pause): a disputed invoice is not claimable while the dispute stands. Those are left out with why.
/// Shared by `relance claim`, `relance claim-file` and the `legal` step's claim file, so that no claim
/// says more than the cycle does.
public struct ClaimSelection: Sendable {
    /// An invoice the claim leaves out, and why, for the operator.
    public struct LeftOut: Sendable, Hashable {
        public var invoice: String
        public var client: ClientID
        /// Why, in words: `under dispute until its review on 2026-06-30 (hold 4: goods damaged)`.
        public var reason: String

        /// `X3 left out: under dispute until its review on 2026-06-30 (hold 4: goods damaged)`.
        public var line: String { "\(invoice) left out: \(reason)" }
    }

    /// The invoices to claim, in the order selected.
    public private(set) var invoices: [Invoice] = []
    /// The invoices selected but not claimed, in the order selected.
    public private(set) var leftOut: [LeftOut] = []

    /// Splits `selected`, as the planning view shows them (a closed invoice as the ledger does): those
    /// in `closures` are left out when something was still due on them (dropped silently otherwise), and
    /// those a hold of `holds` covers are left out. `holds`: those standing on the claim's day
    /// (`ReminderStore.standingHolds(for:today:)`).
    /// With `asOf`, an open invoice not past its due date on that day is left out too: nothing is
    /// claimable on it yet, least of all in a court's claim file.
    public init(_ selected: [Invoice], closures: [String: ClosureReason] = [:], holds: [Hold] = [], asOf: LocalDate? = nil) {
        for invoice in selected {
            if let closure = closures[invoice.number] {
                guard !invoice.isSettled else { continue }
                leftOut.append(LeftOut(invoice: invoice.number, client: invoice.clientID, reason: Self.reason(closure)))
            } else if let hold = holds.first(where: { $0.covers(invoice: invoice.number, client: invoice.clientID) }) {
                leftOut.append(LeftOut(invoice: invoice.number, client: invoice.clientID, reason: Self.reason(hold)))
            } else if let asOf, !invoice.isSettled, invoice.due >= asOf {
                leftOut.append(LeftOut(
                    invoice: invoice.number, client: invoice.clientID, reason: "not yet due on \(asOf) (due \(invoice.due))"))
            } else {
                invoices.append(invoice)
            }
        }
    }

    /// A closure in words.
    static func reason(_ closure: ClosureReason) -> String {
        switch closure {
        case .writtenOff: return "written off (relance write-off)"
        case .cancelled: return "cancelled"
        case .paid: return "closed as paid"
        }
    }

    /// A standing hold in words, with its id (`relance history` shows it).
    static func reason(_ hold: Hold) -> String {
        switch hold.kind {
        case .dispute(let why, let review):
            return "under dispute until its review on \(review) (hold \(hold.id): \(why))"
        case .promise(let amount, let date, _, _):
            return "under a promise to pay \(amount.plainText) \(amount.currency.code) by \(date), grace until "
                + "\(hold.lastDay) (hold \(hold.id))"
        case .plan:
            return "under a payment plan until \(hold.lastDay) (hold \(hold.id))"
        case .pause(let until, let why):
            return "paused until \(until) (hold \(hold.id): \(why))"
        }
    }
}
