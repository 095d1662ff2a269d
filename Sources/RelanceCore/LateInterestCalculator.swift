import Foundation

/// Computes what is claimable for a late invoice: principal still due, late interest, fixed recovery
/// compensation, under the rules of the creditor's jurisdiction (see
/// `LateInterestCalculator+Jurisdictions.swift`). Pure: no I/O, no clock.
///
/// Interest is simple interest on the amount still unpaid day by day: day `d` of the delay bears
/// interest on the invoice amount minus the payments dated before `d`, so the day a payment reaches
/// the creditor still counts as late for the amount it pays (as for a full payment:
/// days late = payment date − due date). Every day is accumulated exactly in `Decimal`
/// (base × rate × days), divided by 365 (or the day count chosen) and rounded once, half away from
/// zero, to the currency's minor unit. Interest is never compounded.
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
        guard daysLate > 0 else {
            return ClaimLine(
                invoice: invoice.number, client: invoice.clientID, due: invoice.due, asOf: asOf,
                principal: principal,
                daysLate: 0, rates: [], interest: .zero(currency), indemnity: .zero(currency),
                warnings: warnings)
        }
        let rule = Rule(
            jurisdiction: jurisdiction, kind: clientKind, options: options, rates: rates, due: invoice.due,
            lateAmount: schedule.unpaid(endOf: invoice.due))
        warnings += rule.warnings
        var rates: [RateSegment] = []
        var interest: Money? = .zero(currency)
        var unknownReason: String?
        if let first = rule.firstInterestDay, first <= delayEnd {
            let accrual = accrue(
                from: first, through: delayEnd, schedule: schedule, rule: rule, options: options)
            rates = accrual.segments
            warnings += accrual.warnings
            if let reason = accrual.unknownReason {
                interest = nil
                unknownReason = reason
            } else {
                interest = Money(rounding: accrual.interest, currency: currency)
            }
        }
        return ClaimLine(
            invoice: invoice.number, client: invoice.clientID, due: invoice.due, asOf: asOf,
            principal: principal,
            daysLate: daysLate, rates: rates, interest: interest, interestUnknownReason: unknownReason,
            indemnity: rule.indemnity(currency: currency, warnings: &warnings), warnings: warnings)
    }

    /// The result of accruing interest over the days of a delay.
    struct Accrual {
        var segments: [RateSegment] = []
        /// Exact interest in major units, before the one rounding.
        var interest: Decimal = 0
        var unknownReason: String?
        var warnings: [String] = []
    }

    /// Walks the days `first…last` half-year by half-year and, inside each, payment by payment.
    func accrue(
        from first: LocalDate, through last: LocalDate, schedule: UnpaidSchedule, rule: Rule,
        options: LateInterestOptions
    ) -> Accrual {
        var result = Accrual()
        // Σ base × rate% × days, for days counted over 365 and (actual/actual) over 366.
        var over365: Decimal = 0
        var over366: Decimal = 0
        var unknown: [String] = []
        var start = first
        while start <= last {
            let end = min(start.nextHalfYearStart.adding(days: -1), last)
            let halfYear = rule.rate(forHalfYearOf: start, firstInterestDay: first)
            for warning in halfYear.warnings where !result.warnings.contains(warning) {
                result.warnings.append(warning)
            }
            if let previous = result.segments.last, previous.rate == halfYear.rate,
                previous.to.adding(days: 1) == start
            {
                result.segments[result.segments.count - 1].to = end
            } else {
                result.segments.append(RateSegment(from: start, to: end, rate: halfYear.rate))
            }
            if let rate = halfYear.rate {
                let leap = options.dayCount == .actualActual && LocalDate.isLeap(start.year)
                for piece in schedule.pieces(from: start, through: end) {
                    let amount = piece.base * rate * Decimal(piece.days)
                    if leap { over366 += amount } else { over365 += amount }
                }
            } else if let reason = halfYear.unknownReason, !unknown.contains(reason) {
                unknown.append(reason)
            }
            start = end.adding(days: 1)
        }
        if !unknown.isEmpty {
            result.unknownReason = unknown.joined(separator: "; ")
        } else if over366 == 0 {
            result.interest = over365 / 36_500
        } else {
            result.interest = (over365 * 366 + over366 * 365) / (36_500 * 366)
        }
        return result
    }
}
