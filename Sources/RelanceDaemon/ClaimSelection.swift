import RelanceCore

/// What a claim names: the invoices selected as the cycle sees them (`ReminderStore.planningView`:
/// payments told with `relance pay` counted, never added to the ledger's), less the invoices people
/// closed (`relance write-off`), which are left out with why. Shared by `relance claim`, `relance
/// claim-file` and the `legal` step's claim file, so that no claim says more than the cycle does.
public struct ClaimSelection: Sendable {
    /// An invoice the claim leaves out, and why, for the operator.
    public struct LeftOut: Sendable, Hashable {
        public var invoice: String
        public var client: ClientID
        /// Why, in words: `written off (relance write-off)`.
        public var reason: String

        /// `X2 left out: written off (relance write-off)`.
        public var line: String { "\(invoice) left out: \(reason)" }
    }

    /// The invoices to claim, in the order selected.
    public private(set) var invoices: [Invoice] = []
    /// The invoices selected but not claimed, in the order selected.
    public private(set) var leftOut: [LeftOut] = []

    /// Splits `selected`, as the planning view shows them (a closed invoice as the ledger does): those
    /// in `closures` are left out when something was still due on them, and dropped silently otherwise.
    public init(_ selected: [Invoice], closures: [String: ClosureReason] = [:]) {
        for invoice in selected {
            guard let closure = closures[invoice.number] else {
                invoices.append(invoice)
                continue
            }
            guard !invoice.isSettled else { continue }
            leftOut.append(LeftOut(invoice: invoice.number, client: invoice.clientID, reason: Self.reason(closure)))
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
}
