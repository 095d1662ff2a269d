/// How a hold ends.
public enum HoldEnding: String, Sendable, Hashable {
    /// Everything it covers is paid.
    case kept
    /// A promise's date (plus grace) passed with the invoice still unpaid.
    case promiseBroken = "promise-broken"
    /// A plan instalment was not paid in time.
    case instalmentMissed = "instalment-missed"
    /// A dispute reached its review date: a person decides.
    case reviewDue = "review-due"
    /// A pause reached its end.
    case expired
    /// An operator lifted it (`relance resume`).
    case lifted

    /// Whether a person must act (a task opens, the ladder resumes at the next step).
    public var needsTask: Bool { self == .promiseBroken || self == .instalmentMissed || self == .reviewDue }
}

/// Decides, for one local date, which holds still stand and how the others end. Pure.
public enum HoldReview {
    /// The ending of `hold` on `today`, or nil while it stands. `invoices` are the open and settled
    /// invoices of the ledger, by number.
    public static func ending(of hold: Hold, invoices: [String: Invoice], today: LocalDate) -> HoldEnding? {
        let covered = invoices.values.filter { hold.covers(invoice: $0.number, client: $0.clientID) }
        if !covered.isEmpty && covered.allSatisfy(\.isSettled) { return .kept }
        switch hold.kind {
        case .pause(let until, _):
            return today > until ? .expired : nil
        case .dispute(_, let review):
            return today >= review ? .reviewDue : nil
        case .promise(_, let date, let grace):
            return today > date.adding(days: grace) ? .promiseBroken : nil
        case .plan(let instalments, let grace, let paidAtStart):
            let paid = covered.reduce(Int64(0)) { $0 + $1.paid.minorUnits } - paidAtStart.minorUnits
            let due = instalments.filter { today > $0.date.adding(days: grace) }.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
            if paid < due { return .instalmentMissed }
            return today > hold.lastDay ? .expired : nil
        }
    }

    /// The one-line task text for an ending that needs a person.
    public static func taskSummary(_ ending: HoldEnding, hold: Hold) -> String {
        switch (ending, hold.kind) {
        case (.promiseBroken, .promise(let amount, let date, _)):
            return "promise broken: \(amount.plainText) \(amount.currency.code) promised for \(date) not received; call the client"
        case (.instalmentMissed, _):
            return "payment plan instalment missed; call the client"
        case (.reviewDue, .dispute(let reason, let review)):
            return "dispute review due \(review) (\(reason)): decide to resume, write off or cancel"
        default:
            return "hold \(hold.kind.name) ended: \(ending.rawValue)"
        }
    }
}
