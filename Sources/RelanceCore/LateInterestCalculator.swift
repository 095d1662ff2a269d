import Foundation

/// Computes what is claimable for a late invoice: principal still due, late interest, fixed recovery
/// compensation, under the rules of the creditor's jurisdiction (see
/// `LateInterestCalculator+Jurisdictions.swift`). Pure: no I/O, no clock.
///
/// Interest is simple interest on the principal still unpaid day by day: day `d` of the delay bears
/// interest on the principal left at the end of `d − 1`, so the day a payment reaches the creditor
/// still counts as late for the amount it pays (as for a full payment: days late = payment date −
/// due date). How a partial payment is shared (`LateInterestOptions.PaymentImputation`): interest
/// first (France, C. civ. 1343-1: the interest accrued at the payment's date is paid off, the rest
/// reduces the principal; see `LateInterestCalculator+Imputation.swift`) or principal first (the
/// whole payment reduces the principal). Every day is accumulated exactly in `Decimal`
/// (base × rate × days), divided by 365 (or the day count chosen) only when an amount is needed
/// (at the end, and at each payment for interest first), and each figure is rounded once, half away
/// from zero, to the currency's minor unit at the end. Interest is never compounded (C. civ. 1343-2):
/// interest left unpaid bears none.
public struct LateInterestCalculator: Sendable {
    /// The reference rates (built-in tables, extended by the operator's).
    public var rates: RateTables

    /// Creates a calculator over these rate tables.
    public init(rates: RateTables = .builtIn) {
        self.rates = rates
    }

    /// The claim for `invoice` on `asOf`.
    ///
    /// - Parameters:
    ///   - payments: the invoice's dated payments; others (another invoice, after `asOf`, another
    ///     currency) are ignored. Without a payments file, pass the ledger's `paid` amount dated on
    ///     the due date: relance then never claims interest on money it cannot show was late.
    ///   - clientKind: business or consumer debtor.
    ///   - jurisdiction: the creditor's late-payment law.
    public func claim(
        invoice: Invoice, payments: [Payment], clientKind: ClientKind, jurisdiction: Jurisdiction,
        asOf: LocalDate,
        options: LateInterestOptions = LateInterestOptions()
    ) -> ClaimLine {
        let currency = invoice.amount.currency
        var warnings: [String] = []
        var received: [Payment] = []
        for payment in payments where payment.invoice == invoice.number && payment.date <= asOf {
            guard payment.amount.currency == currency else {
                warnings.append(
                    "payment of \(payment.amount) on \(payment.date) is not in \(currency.code): ignored")
                continue
            }
            received.append(payment)
        }
        received.sort { $0.date < $1.date }
        let schedule = UnpaidSchedule(amount: invoice.amount, payments: received)
        let principal = schedule.unpaid(endOf: asOf)
        let delayEnd = schedule.settledOn ?? asOf
        let daysLate = max(0, invoice.due.days(until: delayEnd))
        let imputation = options.imputation(for: jurisdiction)
        guard daysLate > 0 else {
            return ClaimLine(
                invoice: invoice.number, client: invoice.clientID, due: invoice.due, asOf: asOf,
                principal: principal,
                daysLate: 0, rates: [], interest: .zero(currency), indemnity: .zero(currency),
                warnings: warnings, imputation: imputation)
        }
        let rule = Rule(
            jurisdiction: jurisdiction, kind: clientKind, options: options, rates: rates, due: invoice.due,
            lateAmount: schedule.unpaid(endOf: invoice.due))
        warnings += rule.warnings
        var indemnityWarnings: [String] = []
        let indemnity = rule.indemnity(currency: currency, warnings: &indemnityWarnings)
        if imputation == .interestFirst, let first = rule.firstInterestDay {
            // Paid on or before the due date (daysLate 0 above): no interest ever ran, both orders agree.
            let imputed = imputeInterestFirst(
                amount: invoice.amount, payments: received, first: first, asOf: asOf, rule: rule, options: options)
            return ClaimLine(
                invoice: invoice.number, client: invoice.clientID, due: invoice.due, asOf: asOf,
                principal: Money(rounding: imputed.principal, currency: currency),
                daysLate: max(0, invoice.due.days(until: imputed.settledOn ?? asOf)), rates: imputed.accrual.segments,
                interest: imputed.accrual.unknownReason == nil ? Money(rounding: imputed.interestDue, currency: currency) : nil,
                interestUnknownReason: imputed.accrual.unknownReason, indemnity: indemnity,
                warnings: warnings + imputed.accrual.warnings + imputed.warnings + indemnityWarnings,
                interestPaid: Money(rounding: imputed.interestPaid, currency: currency), imputation: imputation)
        }
        var rates: [RateSegment] = []
        var interest: Money? = .zero(currency)
        var unknownReason: String?
        if let first = rule.firstInterestDay, first <= delayEnd {
            var accrual = accrue(
                from: first, through: delayEnd, schedule: schedule, rule: rule, options: options)
            rates = accrual.segments
            warnings += accrual.warnings
            if let reason = accrual.unknownReason {
                interest = nil
                unknownReason = reason
            } else {
                interest = Money(rounding: accrual.take(), currency: currency)
            }
        }
        return ClaimLine(
            invoice: invoice.number, client: invoice.clientID, due: invoice.due, asOf: asOf,
            principal: principal,
            daysLate: daysLate, rates: rates, interest: interest, interestUnknownReason: unknownReason,
            indemnity: indemnity, warnings: warnings + indemnityWarnings, imputation: imputation)
    }

    /// Walks the days `first…last` half-year by half-year and, inside each, payment by payment
    /// (principal first: a payment lowers the base from the day after its date).
    func accrue(
        from first: LocalDate, through last: LocalDate, schedule: UnpaidSchedule, rule: Rule,
        options: LateInterestOptions
    ) -> Accrual {
        var accrual = Accrual(rule: rule, firstInterestDay: first, options: options)
        accrual.add(from: first, through: last) { schedule.pieces(from: $0, through: $1) }
        return accrual
    }
}
