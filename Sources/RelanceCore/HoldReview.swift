/// How a hold ends.
public enum HoldEnding: String, Sendable, Hashable {
    /// Everything it covers is paid, or a promise's amount arrived.
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
        case .promise(let amount, let date, let grace, let baseline):
            // A promise for part of the balance is kept when that amount arrives, whatever is still due.
            if baseline != nil && paidSinceAgreed(hold, invoices: invoices) >= amount.minorUnits { return .kept }
            return today > date.adding(days: grace) ? .promiseBroken : nil
        case .plan:
            if missedInstalment(of: hold, invoices: invoices, today: today) != nil { return .instalmentMissed }
            return today > hold.lastDay ? .expired : nil
        }
    }

    /// How many of a plan's instalments (in date order) the payments made since it was agreed cover:
    /// the first `n` whose running total those payments reach. Zero for the other holds.
    public static func instalmentsCovered(by hold: Hold, invoices: [String: Invoice]) -> Int {
        guard case .plan(let instalments, _, _) = hold.kind else { return 0 }
        let paid = paidSinceAgreed(hold, invoices: invoices)
        var runningTotal: Int64 = 0
        for (index, instalment) in instalments.enumerated() {
            runningTotal += instalment.amount.minorUnits
            if paid < runningTotal { return index }
        }
        return instalments.count
    }

    /// The first instalment of a plan missed on `today`: its date plus the grace days passed before the
    /// payments since the plan reached the running total up to it. Nil while none is missed, and for the
    /// other holds.
    public static func missedInstalment(of hold: Hold, invoices: [String: Invoice], today: LocalDate) -> (index: Int, instalment: Instalment)? {
        guard case .plan(let instalments, let grace, _) = hold.kind else { return nil }
        let covered = instalmentsCovered(by: hold, invoices: invoices)
        guard covered < instalments.count, today > instalments[covered].date.adding(days: grace) else { return nil }
        return (covered, instalments[covered])
    }

    /// What a promise's or a plan's invoices received since it was agreed, in its currency; `nil` when the
    /// hold kept no baseline (an old promise) or is of another kind.
    public static func received(since hold: Hold, invoices: [String: Invoice]) -> Money? {
        switch hold.kind {
        case .promise(let amount, _, _, .some): return Money(minorUnits: paidSinceAgreed(hold, invoices: invoices), currency: amount.currency)
        case .plan(_, _, let baseline): return Money(minorUnits: paidSinceAgreed(hold, invoices: invoices), currency: baseline.currency)
        default: return nil
        }
    }

    /// What the covered invoices received since the plan was agreed or the promise given (their paid amount
    /// then is kept with the hold).
    private static func paidSinceAgreed(_ hold: Hold, invoices: [String: Invoice]) -> Int64 {
        let paidAtStart: Money
        switch hold.kind {
        case .plan(_, _, let baseline): paidAtStart = baseline
        case .promise(_, _, _, let baseline?): paidAtStart = baseline
        default: return 0
        }
        let covered = invoices.values.filter { hold.covers(invoice: $0.number, client: $0.clientID) }
        return covered.reduce(Int64(0)) { $0 + $1.paid.minorUnits } - paidAtStart.minorUnits
    }

    /// The one-line task text for an ending that needs a person; a missed instalment is named when known.
    /// A broken promise says what arrived of it and what is missing when `received` (`received(since:invoices:)`)
    /// is known, and that the invoice is still not settled otherwise.
    public static func taskSummary(_ ending: HoldEnding, hold: Hold, missed: Instalment? = nil, received: Money? = nil) -> String {
        switch (ending, hold.kind) {
        case (.instalmentMissed, _) where missed != nil:
            let instalment = missed!
            return "payment plan instalment missed: \(instalment.amount.plainText) \(instalment.amount.currency.code) due \(instalment.date) not received; call the client"
        case (.promiseBroken, .promise(let amount, let date, _, _)):
            let promised = "promise broken: \(amount.plainText) \(amount.currency.code) promised for \(date)"
            guard let received, received.currency == amount.currency else {
                return promised + "; the invoice is still not settled; call the client"
            }
            guard received.isPositive else { return promised + " not received; call the client" }
            let missing = Money(minorUnits: amount.minorUnits - received.minorUnits, currency: amount.currency)
            return promised + ": \(received.plainText) \(amount.currency.code) received, \(missing.plainText) "
                + "\(amount.currency.code) missing; call the client"
        case (.instalmentMissed, _):
            return "payment plan instalment missed; call the client"
        case (.reviewDue, .dispute(let reason, let review)):
            return "dispute review due \(review) (\(reason)): decide to resume, write off or cancel"
        default:
            return "hold \(hold.kind.name) ended: \(ending.rawValue)"
        }
    }
}
