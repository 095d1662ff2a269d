import Foundation

extension LateInterestCalculator {
    /// The claim's figures after imputing the payments interest first, all exact (major units).
    struct InterestFirst {
        /// The days charged, their rates, and why some are unknown.
        var accrual: Accrual
        /// The principal left.
        var principal: Decimal
        /// Interest accrued and not paid off (the days with a known rate).
        var interestDue: Decimal = 0
        /// The part of the payments that paid interest off.
        var interestPaid: Decimal = 0
        /// The payment that paid off the principal, and so everything: the end of the delay.
        var settledOn: LocalDate?
        var warnings: [String] = []
    }

    /// C. civ. 1343-1: each payment, on its date, first pays the interest accrued and still unpaid
    /// (the payment's own day included, as it is late for what it pays), then the principal; the days
    /// after it bear interest on the principal left. Interest left unpaid is carried on its own and
    /// never bears interest (C. civ. 1343-2). A payment made before `first` finds no interest due and
    /// only reduces the principal. Nothing is rounded here: the caller rounds each figure once.
    ///
    /// - Parameters:
    ///   - payments: in the invoice's currency, dated `asOf` or earlier, sorted by date.
    ///   - first: the first day interest runs.
    func imputeInterestFirst(
        amount: Money, payments: [Payment], first: LocalDate, asOf: LocalDate, rule: Rule,
        options: LateInterestOptions
    ) -> InterestFirst {
        var result = InterestFirst(
            accrual: Accrual(rule: rule, firstInterestDay: first, options: options), principal: amount.decimal)
        var next = first  // the first day not yet accrued
        func accrueThrough(_ last: LocalDate) {
            guard next <= last else { return }
            let base = result.principal
            result.accrual.add(from: next, through: last) { start, end in
                base > 0 ? [UnpaidSchedule.Piece(base: base, days: start.days(until: end) + 1)] : []
            }
            next = last.adding(days: 1)
        }
        for payment in payments {
            accrueThrough(payment.date)
            if result.accrual.unknownSinceTake {
                result.warnings.append(
                    "payment of \(payment.amount) on \(payment.date): some of the interest it pays off first is "
                        + "unknown (no rate), so only the known interest was imputed and the principal shown may be too low")
            }
            let due = result.interestDue + result.accrual.take()
            let paid = payment.amount.decimal
            let toInterest = min(paid, due)
            result.interestPaid += toInterest
            result.interestDue = due - toInterest
            result.principal -= min(paid - toInterest, result.principal)
            if result.principal == 0 {
                result.settledOn = payment.date
                return result
            }
        }
        accrueThrough(asOf)
        result.interestDue += result.accrual.take()
        return result
    }
}
